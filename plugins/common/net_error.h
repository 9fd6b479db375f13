/*
 * Why a socket operation failed, in the transport ABI's terms: an errno
 * value as a cordon_flow_error, and a reason written into a caller's bounded
 * buffer. Part of cordon_transport_support.
 */
#ifndef CORDON_PLUGIN_SUPPORT_NET_ERROR_H
#define CORDON_PLUGIN_SUPPORT_NET_ERROR_H

#include <stddef.h>

#include "common/host_services.h"
#include "cordon/transport.h"

/* ECONNREFUSED → REFUSED, ENETUNREACH/EHOSTUNREACH/ETIMEDOUT... → UNREACHABLE,
 * ECONNRESET/EPIPE → RESET, anything else → OTHER. */
cordon_flow_error net_flow_error(int error_number);

/* printf into reason (capacity bytes, capacity may be 0), always terminated,
 * cut rather than overflowed. reason may be NULL. */
void net_write_reason(char *reason, size_t capacity, const char *format, ...) PLUGIN_PRINTF_LIKE(3, 4);

#endif /* CORDON_PLUGIN_SUPPORT_NET_ERROR_H */
