/*
 * Cordon transport interface, "cordon.transport/1".
 *
 * A transport plugin (kind CORDON_PLUGIN_KIND_TRANSPORT) moves SIP bytes over
 * one protocol: UDP, TCP or TLS. It owns its sockets but never waits on them:
 * it asks the host to watch a descriptor (cordon_transport_host.watch_fd), and
 * the host calls on_fd() from its event loop when the descriptor is ready, in
 * the manner of CLAP's posix-fd-support. Every call in both directions
 * happens on the host's event-loop thread, so a transport needs no locks.
 *
 * The host resolves names: a plugin is only ever given numeric addresses
 * ("192.0.2.1", "2001:db8::1"), and for TLS the name to verify separately.
 * The host frames stream bytes into SIP messages (Content-Length, size caps):
 * a stream transport delivers bytes as they arrive, in order, in any chunks.
 */
#ifndef CORDON_TRANSPORT_H
#define CORDON_TRANSPORT_H

#include "cordon/plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CORDON_TRANSPORT_INTERFACE_ID "cordon.transport/1"

/* Longest text a plugin writes into a fixed-size field below, with the NUL. */
#define CORDON_TRANSPORT_TEXT_BYTES 256u
/* Longest numeric address text ("ffff:...:255.255.255.255"), with the NUL. */
#define CORDON_TRANSPORT_ADDRESS_BYTES 48u
/* Largest datagram the host accepts from a datagram transport. */
#define CORDON_TRANSPORT_MAX_DATAGRAM 65535u

/* Interest and readiness bits for watch_fd and on_fd. */
#define CORDON_FD_READABLE 1u
#define CORDON_FD_WRITABLE 2u
/* Only in on_fd: the descriptor reported an error or hang-up. */
#define CORDON_FD_ERROR 4u

/* cordon_transport_interface.flags */
#define CORDON_TRANSPORT_STREAM 1u /* a byte stream (TCP, TLS); else datagrams */
/* Bytes are encrypted and the transport can authenticate its peer (TLS): the
 * host uses it for sips: and port 5061. Whether a given flow's peer WAS
 * authenticated is per flow: cordon_flow_info.peer_authenticated. */
#define CORDON_TRANSPORT_SECURE 2u

/* Names one flow: a connection (stream), a connected socket (datagram) or a
 * listener. Chosen by the plugin, never 0, never reused within one transport
 * instance. */
typedef uint64_t cordon_flow_id;

/* Why a flow closed or failed to open. Values are fixed forever; new ones are
 * appended. A value the host does not know is treated as
 * CORDON_FLOW_ERROR_OTHER. The message passed with it says the details. */
typedef enum cordon_flow_error {
    CORDON_FLOW_ERROR_NONE = 0,              /* the peer closed the connection in order */
    CORDON_FLOW_ERROR_REFUSED = 1,           /* connection refused (nobody listening) */
    CORDON_FLOW_ERROR_UNREACHABLE = 2,       /* no route, network or host unreachable */
    CORDON_FLOW_ERROR_RESET = 3,             /* reset by the peer, or a broken pipe */
    CORDON_FLOW_ERROR_TLS_UNKNOWN_CA = 4,    /* the chain does not end at a trusted CA */
    CORDON_FLOW_ERROR_TLS_EXPIRED = 5,       /* a certificate has expired */
    CORDON_FLOW_ERROR_TLS_NOT_YET_VALID = 6, /* a certificate is not valid yet */
    CORDON_FLOW_ERROR_TLS_NAME_MISMATCH = 7, /* the certificate is for another name */
    CORDON_FLOW_ERROR_TLS_PROTOCOL = 8,      /* the peer offers only TLS older than the minimum */
    CORDON_FLOW_ERROR_TLS_CERTIFICATE = 9,   /* another certificate failure (revoked, bad signature...) */
    CORDON_FLOW_ERROR_TLS_HANDSHAKE = 10,    /* the handshake failed for another reason */
    CORDON_FLOW_ERROR_OTHER = 11             /* anything else; see the message */
} cordon_flow_error;

/* What happened to a flow; see cordon_transport_host.flow_event. */
typedef enum cordon_flow_event {
    /* The flow can carry bytes: the TCP connection is up, or the TLS handshake
     * finished (with the peer verified unless verification is off, which
     * peer_authenticated in cordon_flow_info tells). Reported once per flow opened with
     * open_flow() that was not ready at once. */
    CORDON_FLOW_EVENT_CONNECTED = 1,
    /* The flow is gone (error says why). Reported once; the flow id is dead
     * from then on and the plugin has released it. */
    CORDON_FLOW_EVENT_CLOSED = 2
} cordon_flow_event;

/* One "name=value" setting. Owned by the host, valid during create() only. */
typedef struct cordon_transport_param {
    const char *name;
    const char *value;
} cordon_transport_param;

/*
 * What create() is given. Owned by the host, valid during the call only; the
 * plugin copies what it keeps. Parameters a transport understands are listed
 * in its documentation; unknown names are refused with INVALID_ARGUMENT so a
 * misspelt security setting never passes silently. TLS transports take:
 *   tls.ca_file            PEM file of trusted CAs (default: the system store)
 *   tls.verify             "true" (default) or "false"; false is for tests
 *   tls.min_version        "1.2" (default) or "1.3"
 *   tls.certificate_file   PEM client (or server) certificate chain
 *   tls.private_key_file   PEM key for tls.certificate_file
 */
typedef struct cordon_transport_config {
    /* sizeof(cordon_transport_config) as the host compiled it. */
    uint32_t struct_size;
    const cordon_transport_param *params;
    uint32_t param_count;
} cordon_transport_config;

/*
 * What the host gives each transport instance at create(). Owned by the host,
 * valid until destroy() returns. Every function is non-NULL and must be
 * called on the event-loop thread (from within a call the host made).
 *
 * Re-entry: from inside flow_event, received and accepted the host may call
 * open_flow, listen, send, close_flow and flow_info on the same instance (it
 * answers a SIP request as it arrives, and closes a stream whose framing
 * failed), so when one of these callbacks returns, the flow it reported on,
 * or any other, may be gone. The host never calls destroy() from inside any
 * plugin call; it waits until that call has returned.
 */
typedef struct cordon_transport_host {
    /* sizeof(cordon_transport_host) as the host compiled it. */
    uint32_t struct_size;
    /* Opaque to the plugin; the table is passed back to each function. */
    void *host_data;
    /* The plugin's host services (log, clock). */
    const cordon_host_services *services;

    /* Starts watching fd, or changes the interest of an fd already watched,
     * to interest (CORDON_FD_READABLE | CORDON_FD_WRITABLE; 0 pauses). The
     * host calls on_fd() while the fd is ready for one of those, level
     * triggered. The plugin keeps owning the fd. */
    cordon_status (*watch_fd)(const struct cordon_transport_host *host, int fd, uint32_t interest);
    /* Stops watching fd; the plugin calls it before closing the fd. No on_fd
     * for this fd follows. */
    void (*unwatch_fd)(const struct cordon_transport_host *host, int fd);

    /* Reports a flow event. message: NUL-terminated UTF-8 saying why, owned
     * by the plugin, copied before return; "" when there is nothing to add. */
    void (*flow_event)(const struct cordon_transport_host *host, cordon_flow_id flow, cordon_flow_event event,
                       cordon_flow_error error, const char *message);
    /* Delivers bytes received on a flow: one whole datagram, or the next
     * chunk of a stream. from_address/from_port: the sender (always set for
     * datagrams; for streams the connection's peer). data is valid during the
     * call only. */
    void (*received)(const struct cordon_transport_host *host, cordon_flow_id flow, const uint8_t *data, size_t length,
                     const char *from_address, uint16_t from_port);
    /* A listener accepted a connection, which is now the flow accepted (its
     * CONNECTED event follows when a TLS handshake must finish first). The
     * host closes it when the peer is not allowed. */
    void (*accepted)(const struct cordon_transport_host *host, cordon_flow_id listener, cordon_flow_id accepted,
                     const char *from_address, uint16_t from_port);
} cordon_transport_host;

/* Where open_flow() connects. Owned by the host, valid during the call. */
typedef struct cordon_flow_request {
    /* sizeof(cordon_flow_request) as the host compiled it. */
    uint32_t struct_size;
    /* The peer: numeric address and port. */
    const char *remote_address;
    uint16_t remote_port;
    /* The local interface to bind: a numeric address, never a wildcard
     * (0.0.0.0 or ::), which the plugin refuses. The port is always chosen by
     * the system (ephemeral). */
    const char *local_address;
    /* The name the peer must prove (TLS: SNI and certificate check, RFC 5922);
     * NULL or ignored for transports that are not secure. */
    const char *server_name;
} cordon_flow_request;

/* Where listen() accepts. Owned by the host, valid during the call. */
typedef struct cordon_listen_request {
    uint32_t struct_size;
    /* Numeric local address, never a wildcard, and the fixed port (1..65535). */
    const char *local_address;
    uint16_t local_port;
} cordon_listen_request;

/* What flow_info() reports. A host struct, zeroed by the host: the plugin
 * writes only fields within struct_size (a host older than a field gives a
 * smaller struct_size), each string NUL-terminated within its array. */
typedef struct cordon_flow_info {
    uint32_t struct_size;
    char local_address[CORDON_TRANSPORT_ADDRESS_BYTES];
    uint16_t local_port;
    char remote_address[CORDON_TRANSPORT_ADDRESS_BYTES];
    uint16_t remote_port;
    /* Secure flows: "TLSv1.3" and the cipher suite name; "" otherwise. */
    char protocol_version[32];
    char cipher[CORDON_TRANSPORT_TEXT_BYTES];
    /* Secure flows: the verified peer certificate's subject, one line; "". */
    char peer_subject[CORDON_TRANSPORT_TEXT_BYTES];

    /* Added in ABI 1.1; written only when struct_size covers it. */

    /* 1 when this flow's peer proved who it is: its certificate chain ends at
     * a trusted CA and the certificate is for the name the host asked for
     * (cordon_flow_request.server_name); 0 otherwise: a plain transport, TLS
     * without verification (tls.verify=false or any opportunistic mode), a
     * handshake not finished yet, an accepted connection whose client was
     * not verified. Written by the plugin on the event-loop thread during
     * flow_info; the host reads only the value 1 as authenticated, and a
     * plugin built before 1.1 leaves the host's 0, so it counts as
     * unauthenticated. The host's "secure next hop" (Basic answered, SDES
     * keys sent, bodies left plain under encryption.body_mode=when-no-tls)
     * rests on this field alone. */
    uint32_t peer_authenticated;
} cordon_flow_info;

/* An instance: the plugin's own type, opaque to the host. */
typedef struct cordon_transport cordon_transport;

typedef struct cordon_transport_interface {
    /* sizeof(cordon_transport_interface) as the plugin compiled it. */
    uint32_t struct_size;
    /* The Via transport token: "UDP", "TCP" or "TLS" (upper case, 1..15
     * letters). */
    const char *protocol;
    /* CORDON_TRANSPORT_STREAM and CORDON_TRANSPORT_SECURE bits. */
    uint32_t flags;

    /* Creates an instance. On failure writes a NUL-terminated reason into
     * error (capacity error_capacity, never more), leaves *out NULL and
     * returns the status. */
    cordon_status (*create)(const cordon_transport_config *config, const cordon_transport_host *host,
                            cordon_transport **out, char *error, size_t error_capacity);
    /* Closes every flow and listener (unwatching their fds), without events,
     * and frees the instance. */
    void (*destroy)(cordon_transport *transport);

    /* Opens a flow to a peer. On success *flow is set and *ready is 1 when
     * the flow carries bytes at once (datagrams), 0 when CONNECTED (or
     * CLOSED) follows from on_fd(). On failure writes the reason into error
     * (as create) and no event follows. */
    cordon_status (*open_flow)(cordon_transport *transport, const cordon_flow_request *request, cordon_flow_id *flow,
                               uint32_t *ready, char *error, size_t error_capacity);
    /* Listens on a fixed port (opt-in by the host's settings). Accepted
     * connections arrive through host->accepted; datagrams arrive through
     * host->received on the listener's own flow id. */
    cordon_status (*listen)(cordon_transport *transport, const cordon_listen_request *request, cordon_flow_id *listener,
                            char *error, size_t error_capacity);
    /* Sends bytes on a flow. Datagram transports send one datagram; to_address
     * and to_port name the destination on a listener's flow and are NULL/0 on
     * a connected flow. Stream transports queue what the socket does not take
     * at once and send it in order; BUFFER_TOO_SMALL when the queue would
     * pass its bound (the flow stays usable). INVALID_ARGUMENT for an
     * unknown or closed flow. data is valid during the call only. */
    cordon_status (*send)(cordon_transport *transport, cordon_flow_id flow, const uint8_t *data, size_t length,
                          const char *to_address, uint16_t to_port);
    /* Closes a flow or listener at once; no event follows. Unknown ids are
     * ignored. */
    void (*close_flow)(cordon_transport *transport, cordon_flow_id flow);
    /* Fills info for a flow; INVALID_ARGUMENT for an unknown id. */
    cordon_status (*flow_info)(cordon_transport *transport, cordon_flow_id flow, cordon_flow_info *info);
    /* The host's event loop found fd ready (CORDON_FD_* bits in ready). */
    void (*on_fd)(cordon_transport *transport, int fd, uint32_t ready);
} cordon_transport_interface;

#ifdef __cplusplus
}
#endif

#endif /* CORDON_TRANSPORT_H */
