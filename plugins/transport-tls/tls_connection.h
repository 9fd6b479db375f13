/*
 * TLS over one TCP connection of the shared stream transport: the
 * stream_layer of cordon-transport-tls. A client verifies the server's chain
 * and, in the verify step, its name (tls_name_check.h); a failure closes the
 * flow with the reason, never falls back to anything weaker.
 */
#ifndef CORDON_TRANSPORT_TLS_CONNECTION_H
#define CORDON_TRANSPORT_TLS_CONNECTION_H

#include "common/stream_layer.h"

/* Its context is a tls_context. */
extern const stream_layer tls_layer;

#endif /* CORDON_TRANSPORT_TLS_CONNECTION_H */
