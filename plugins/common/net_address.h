/*
 * Numeric socket addresses as the transport ABI carries them: text from the
 * host ("192.0.2.1", "2001:db8::1") to a socket address and back. The host
 * resolves names; nothing here looks one up.
 * Part of cordon_transport_support.
 */
#ifndef CORDON_PLUGIN_SUPPORT_NET_ADDRESS_H
#define CORDON_PLUGIN_SUPPORT_NET_ADDRESS_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

#include "cordon/transport.h"

typedef struct net_address {
    struct sockaddr_storage storage;
    socklen_t length;
} net_address;

/* text (numeric IPv4 or IPv6, NUL-terminated) and port into out; false when
 * text is NULL or not numeric. */
bool net_address_parse(const char *text, uint16_t port, net_address *out);

/* 0.0.0.0 or ::, every interface at once. */
bool net_address_is_wildcard(const net_address *address);

/* The numeric text of address into text (NUL-terminated, always fits) and
 * its port into *port. */
void net_address_format(const struct sockaddr_storage *address, char text[CORDON_TRANSPORT_ADDRESS_BYTES],
                        uint16_t *port);

/* Starts a flow_info reply: checks info's struct_size, clears the part of
 * it the host gave (keeping struct_size) and copies both ends in.
 * INVALID_ARGUMENT when info is NULL or smaller than ABI 1.0's. Secure
 * transports add their TLS fields after it. */
cordon_status net_flow_info_begin(cordon_flow_info *info, const char local[CORDON_TRANSPORT_ADDRESS_BYTES],
                                  uint16_t local_port, const char remote[CORDON_TRANSPORT_ADDRESS_BYTES],
                                  uint16_t remote_port);

/* Writes peer_authenticated when the host's struct has it (ABI 1.1 on); an
 * older host's struct is left alone. */
void net_flow_info_set_peer_authenticated(cordon_flow_info *info, int authenticated);

#endif /* CORDON_PLUGIN_SUPPORT_NET_ADDRESS_H */
