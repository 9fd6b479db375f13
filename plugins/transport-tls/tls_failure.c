/*
 * Handshake failures (see tls_failure.h).
 */
#include "transport-tls/tls_failure.h"

#include <openssl/err.h>
#include <openssl/x509_vfy.h>

#include "common/net_error.h"

static cordon_flow_error certificate_error(long verify_result)
{
    switch (verify_result) {
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_CERT_UNTRUSTED:
        return CORDON_FLOW_ERROR_TLS_UNKNOWN_CA;
    case X509_V_ERR_CERT_HAS_EXPIRED:
        return CORDON_FLOW_ERROR_TLS_EXPIRED;
    case X509_V_ERR_CERT_NOT_YET_VALID:
        return CORDON_FLOW_ERROR_TLS_NOT_YET_VALID;
    case X509_V_ERR_HOSTNAME_MISMATCH:
    case X509_V_ERR_IP_ADDRESS_MISMATCH:
        return CORDON_FLOW_ERROR_TLS_NAME_MISMATCH;
    default:
        return CORDON_FLOW_ERROR_TLS_CERTIFICATE;
    }
}

/* The peer offered only versions below our minimum (or refused ours). */
static int is_version_refusal(unsigned long code)
{
    if (ERR_GET_LIB(code) != ERR_LIB_SSL)
        return 0;
    switch (ERR_GET_REASON(code)) {
    case SSL_R_UNSUPPORTED_PROTOCOL:
    case SSL_R_TLSV1_ALERT_PROTOCOL_VERSION:
    case SSL_R_VERSION_TOO_LOW:
    case SSL_R_NO_PROTOCOLS_AVAILABLE:
        return 1;
    default:
        return 0;
    }
}

void tls_failure_describe(long verify_result, const char *peer, stream_failure *failure)
{
    const unsigned long code = ERR_peek_error();
    if (verify_result != X509_V_OK) {
        failure->error = certificate_error(verify_result);
        net_write_reason(failure->message, sizeof failure->message, "the certificate of %s was refused: %s", peer,
                         X509_verify_cert_error_string(verify_result));
    } else if (is_version_refusal(code)) {
        failure->error = CORDON_FLOW_ERROR_TLS_PROTOCOL;
        net_write_reason(failure->message, sizeof failure->message,
                         "%s offers no TLS version this transport accepts (minimum set by tls.min_version)", peer);
    } else {
        char detail[CORDON_TRANSPORT_TEXT_BYTES] = "the connection ended during the handshake";
        if (code != 0u)
            ERR_error_string_n(code, detail, sizeof detail);
        failure->error = CORDON_FLOW_ERROR_TLS_HANDSHAKE;
        net_write_reason(failure->message, sizeof failure->message, "TLS handshake with %s failed: %s", peer, detail);
    }
    ERR_clear_error();
}
