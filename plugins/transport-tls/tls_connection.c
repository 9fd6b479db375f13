/*
 * The TLS stream layer (see tls_connection.h).
 */
#include "transport-tls/tls_connection.h"

#include <errno.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <stdlib.h>
#include <string.h>

#include "common/ascii_text.h"
#include "common/host_services.h"
#include "common/net_address.h"
#include "common/net_error.h"
#include "transport-tls/socket_bio.h"
#include "transport-tls/tls_context.h"
#include "transport-tls/tls_failure.h"
#include "transport-tls/tls_name_check.h"

/* Longest DNS name (RFC 1035) and its NUL. */
#define NAME_BYTES 254u

typedef struct tls_connection {
    SSL *ssl;
    int verifying;
    char expected_name[NAME_BYTES];         /* what the server must prove */
    char peer[CORDON_TRANSPORT_TEXT_BYTES]; /* "192.0.2.1 port 5061", for messages */
    /* Set by the verify step when the chain was good but the name was not. */
    int name_mismatch;
    char certificate_names[CORDON_TRANSPORT_TEXT_BYTES];
} tls_connection;

/* OpenSSL's verify step, at each certificate of the chain: the chain's
 * verdict as OpenSSL found it, and at the server's own certificate (depth 0)
 * the RFC 5922 name check. */
static int verify_step(int chain_ok, X509_STORE_CTX *store)
{
    if (!chain_ok || X509_STORE_CTX_get_error_depth(store) != 0)
        return chain_ok;
    SSL *ssl = X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx());
    tls_connection *connection = ssl != NULL ? SSL_get_app_data(ssl) : NULL;
    if (connection == NULL)
        return 0;
    X509 *certificate = X509_STORE_CTX_get_current_cert(store);
    if (tls_certificate_proves(certificate, connection->expected_name, connection->certificate_names,
                               sizeof connection->certificate_names))
        return 1;
    connection->name_mismatch = 1;
    X509_STORE_CTX_set_error(store, tls_name_is_ip(connection->expected_name) ? X509_V_ERR_IP_ADDRESS_MISMATCH
                                                                              : X509_V_ERR_HOSTNAME_MISMATCH);
    return 0;
}

static void end(void *state)
{
    tls_connection *connection = state;
    if (connection == NULL)
        return;
    if (connection->ssl != NULL) {
        /* One try at close_notify; the socket is closed right after. */
        if (SSL_is_init_finished(connection->ssl))
            (void)SSL_shutdown(connection->ssl);
        SSL_free(connection->ssl);
    }
    ERR_clear_error();
    free(connection);
}

static void *start(void *context_state, const stream_peer *peer, stream_failure *failure)
{
    tls_context *context = context_state;
    tls_connection *connection = calloc(1, sizeof *connection);
    failure->error = CORDON_FLOW_ERROR_OTHER;
    net_write_reason(failure->message, sizeof failure->message, "tls: cannot start a TLS session (out of memory)");
    if (connection == NULL)
        return NULL;
    net_write_reason(connection->peer, sizeof connection->peer, "%s port %u", peer->address, (unsigned)peer->port);
    const char *name = peer->server_name != NULL ? peer->server_name : peer->address;
    if (strnlen(name, NAME_BYTES) == NAME_BYTES) {
        net_write_reason(failure->message, sizeof failure->message, "tls: server name is longer than %u bytes",
                         NAME_BYTES - 1u);
        free(connection);
        return NULL;
    }
    memcpy(connection->expected_name, name, strlen(name) + 1u);
    ERR_clear_error();
    connection->ssl = SSL_new(context->ssl);
    BIO *bio = connection->ssl != NULL ? socket_bio_new(context->socket_method, peer->fd) : NULL;
    if (bio == NULL) {
        end(connection);
        return NULL;
    }
    SSL_set_bio(connection->ssl, bio, bio);
    SSL_set_app_data(connection->ssl, connection);
    if (peer->accepted) {
        SSL_set_accept_state(connection->ssl);
        SSL_set_verify(connection->ssl, SSL_VERIFY_NONE, NULL);
        return connection;
    }
    SSL_set_connect_state(connection->ssl);
    connection->verifying = context->verify;
    if (context->verify) {
        SSL_set_verify(connection->ssl, SSL_VERIFY_PEER, verify_step);
    } else {
        SSL_set_verify(connection->ssl, SSL_VERIFY_NONE, NULL);
        plugin_log(CORDON_LOG_WARNING,
                   "tls: tls.verify=false: the certificate of %s is not checked, so the peer is not authenticated",
                   connection->peer);
    }
    /* SNI names a host; RFC 6066 does not allow an IP literal in it. */
    if (!tls_name_is_ip(name) && SSL_set_tlsext_host_name(connection->ssl, name) != 1) {
        end(connection);
        return NULL;
    }
    return connection;
}

static stream_step handshake(void *state, stream_failure *failure)
{
    tls_connection *connection = state;
    ERR_clear_error();
    errno = 0; /* a stale errno would be taken for the socket's error below */
    const int result = SSL_do_handshake(connection->ssl);
    if (result == 1)
        return STREAM_STEP_DONE;
    const int reason = SSL_get_error(connection->ssl, result);
    if (reason == SSL_ERROR_WANT_READ)
        return STREAM_STEP_WANT_READ;
    if (reason == SSL_ERROR_WANT_WRITE)
        return STREAM_STEP_WANT_WRITE;
    if (connection->name_mismatch) {
        failure->error = CORDON_FLOW_ERROR_TLS_NAME_MISMATCH;
        net_write_reason(failure->message, sizeof failure->message, "the certificate of %s is not for %s; it names %s",
                         connection->peer, connection->expected_name,
                         connection->certificate_names[0] != '\0' ? connection->certificate_names : "nothing");
        ERR_clear_error();
        return STREAM_STEP_FAILED;
    }
    if (reason == SSL_ERROR_SYSCALL && errno != 0 && ERR_peek_error() == 0u) {
        failure->error = net_flow_error(errno);
        net_write_reason(failure->message, sizeof failure->message, "TLS handshake with %s: %s", connection->peer,
                         strerror(errno));
        return STREAM_STEP_FAILED;
    }
    tls_failure_describe(connection->verifying ? SSL_get_verify_result(connection->ssl) : X509_V_OK, connection->peer,
                         failure);
    return STREAM_STEP_FAILED;
}

/* After the handshake: what an SSL_read or SSL_write that moved nothing means. */
static stream_step after_io(tls_connection *connection, int result, const char *doing, stream_failure *failure)
{
    const int reason = SSL_get_error(connection->ssl, result);
    switch (reason) {
    case SSL_ERROR_WANT_READ:
        return STREAM_STEP_WANT_READ;
    case SSL_ERROR_WANT_WRITE:
        return STREAM_STEP_WANT_WRITE;
    case SSL_ERROR_ZERO_RETURN:
        return STREAM_STEP_CLOSED;
    default:
        break;
    }
    if (reason == SSL_ERROR_SYSCALL && errno != 0) {
        failure->error = net_flow_error(errno);
        net_write_reason(failure->message, sizeof failure->message, "%s %s: %s", doing, connection->peer,
                         strerror(errno));
    } else {
        char detail[CORDON_TRANSPORT_TEXT_BYTES] = "connection ended";
        const unsigned long code = ERR_peek_error();
        if (code != 0u)
            ERR_error_string_n(code, detail, sizeof detail);
        failure->error = CORDON_FLOW_ERROR_OTHER;
        net_write_reason(failure->message, sizeof failure->message, "%s %s: %s", doing, connection->peer, detail);
    }
    ERR_clear_error();
    return STREAM_STEP_FAILED;
}

static stream_step read_bytes(void *state, uint8_t *buffer, size_t capacity, size_t *length, stream_failure *failure)
{
    tls_connection *connection = state;
    ERR_clear_error();
    errno = 0;
    const int result = SSL_read_ex(connection->ssl, buffer, capacity, length);
    return result == 1 ? STREAM_STEP_DONE : after_io(connection, result, "reading TLS from", failure);
}

static stream_step write_bytes(void *state, const uint8_t *data, size_t length, size_t *written,
                               stream_failure *failure)
{
    tls_connection *connection = state;
    ERR_clear_error();
    errno = 0;
    const int result = SSL_write_ex(connection->ssl, data, length, written);
    return result == 1 ? STREAM_STEP_DONE : after_io(connection, result, "writing TLS to", failure);
}

static int holds_bytes(void *state)
{
    const tls_connection *connection = state;
    return SSL_has_pending(connection->ssl);
}

static void describe(void *state, cordon_flow_info *info)
{
    tls_connection *connection = state;
    net_write_reason(info->protocol_version, sizeof info->protocol_version, "%s", SSL_get_version(connection->ssl));
    const char *cipher = SSL_get_cipher_name(connection->ssl);
    net_write_reason(info->cipher, sizeof info->cipher, "%s", cipher != NULL ? cipher : "");
    X509 *certificate = SSL_get0_peer_certificate(connection->ssl);
    /* verifying: SSL_VERIFY_PEER with verify_step, so a finished handshake
     * proved the chain and the name; the verify result is checked again in
     * case a later change lets a handshake finish without that proof. */
    net_flow_info_set_peer_authenticated(info, connection->verifying && certificate != NULL &&
                                                   SSL_is_init_finished(connection->ssl) &&
                                                   SSL_get_verify_result(connection->ssl) == X509_V_OK);
    BIO *text = certificate != NULL ? BIO_new(BIO_s_mem()) : NULL;
    if (text == NULL)
        return;
    if (X509_NAME_print_ex(text, X509_get_subject_name(certificate), 0, XN_FLAG_RFC2253) >= 0) {
        char *line = NULL;
        const long length = BIO_get_mem_data(text, &line);
        ascii_printable_copy_span(line, length > 0 ? (size_t)length : 0u, info->peer_subject,
                                  sizeof info->peer_subject);
    }
    BIO_free(text);
}

static int can_listen(void *context_state, char *reason, size_t capacity)
{
    const tls_context *context = context_state;
    if (!context->has_certificate)
        net_write_reason(reason, capacity,
                         "tls: listening needs a certificate: set tls.certificate_file and tls.private_key_file");
    return context->has_certificate;
}

static void free_context(void *context) { tls_context_free(context); }

const stream_layer tls_layer = {
    .start = start,
    .handshake = handshake,
    .read = read_bytes,
    .write = write_bytes,
    .holds_bytes = holds_bytes,
    .describe = describe,
    .end = end,
    .can_listen = can_listen,
    .free_context = free_context,
};
