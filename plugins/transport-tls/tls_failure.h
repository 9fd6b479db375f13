/*
 * Why a TLS handshake failed, as a cordon_flow_error and a message a person
 * can act on: the certificate check's verdict when there is one, otherwise
 * what OpenSSL's error queue says.
 */
#ifndef CORDON_TRANSPORT_TLS_FAILURE_H
#define CORDON_TRANSPORT_TLS_FAILURE_H

#include <openssl/ssl.h>

#include "common/stream_layer.h"

/* verify_result: SSL_get_verify_result, or X509_V_OK when peers are not
 * verified; peer: "192.0.2.1 port 5061" for the message. Empties OpenSSL's
 * error queue. */
void tls_failure_describe(long verify_result, const char *peer, stream_failure *failure);

#endif /* CORDON_TRANSPORT_TLS_FAILURE_H */
