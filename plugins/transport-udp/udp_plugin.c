/*
 * cordon-transport-udp: SIP over UDP behind "cordon.transport/1".
 *
 * A flow is a UDP socket bound to the host's chosen interface (ephemeral
 * port) and connected to the peer, so the kernel delivers only the peer's
 * datagrams and reports its ICMP errors. A listener (opt-in) is an
 * unconnected socket on a fixed port: datagrams arrive with their sender and
 * replies name their destination.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common/host_services.h"
#include "common/net_address.h"
#include "common/net_error.h"
#include "common/net_socket.h"
#include "common/transport_descriptor.h"

#define PLUGIN_ID "org.cordon.transport.udp"
#define PLUGIN_NAME "SIP over UDP"
#define PLUGIN_VENDOR "Cordon project"
#define PLUGIN_VERSION "0.1.0"

/* Datagrams read per on_fd; more wait for the next turn of the host's loop. */
#define UDP_DATAGRAMS_PER_CALL 64

#define FLOW_REQUEST_MIN_SIZE (offsetof(cordon_flow_request, server_name) + sizeof(const char *))
#define LISTEN_REQUEST_MIN_SIZE (offsetof(cordon_listen_request, local_port) + sizeof(uint16_t))

typedef struct udp_flow {
    struct udp_flow *next;
    cordon_flow_id id;
    int fd;
    int listener;
    /* An error a send found, reported as CLOSED from the next on_fd. */
    int failed;
    cordon_flow_error error;
    char message[CORDON_TRANSPORT_TEXT_BYTES];
    char local_address[CORDON_TRANSPORT_ADDRESS_BYTES];
    uint16_t local_port;
    char remote_address[CORDON_TRANSPORT_ADDRESS_BYTES];
    uint16_t remote_port;
} udp_flow;

struct cordon_transport {
    const cordon_transport_host *host;
    udp_flow *flows;
    cordon_flow_id next_id;
    uint8_t datagram[CORDON_TRANSPORT_MAX_DATAGRAM];
};

static udp_flow *find_flow(const cordon_transport *transport, cordon_flow_id id)
{
    for (udp_flow *flow = transport->flows; flow != NULL; flow = flow->next) {
        if (flow->id == id)
            return flow;
    }
    return NULL;
}

static void release_flow(cordon_transport *transport, udp_flow *flow)
{
    for (udp_flow **link = &transport->flows; *link != NULL; link = &(*link)->next) {
        if (*link == flow) {
            *link = flow->next;
            break;
        }
    }
    transport->host->unwatch_fd(transport->host, flow->fd);
    close(flow->fd);
    free(flow);
}

static void fail_flow(cordon_transport *transport, udp_flow *flow)
{
    const cordon_flow_id id = flow->id;
    const cordon_flow_error error = flow->error;
    char message[CORDON_TRANSPORT_TEXT_BYTES];
    memcpy(message, flow->message, sizeof message);
    release_flow(transport, flow);
    transport->host->flow_event(transport->host, id, CORDON_FLOW_EVENT_CLOSED, error, message);
}

static void note_failure(cordon_transport *transport, udp_flow *flow, int error_number)
{
    flow->failed = 1;
    flow->error = net_flow_error(error_number);
    net_write_reason(flow->message, sizeof flow->message, "datagrams with %s port %u: %s", flow->remote_address,
                     (unsigned)flow->remote_port, strerror(error_number));
    /* A socket with a pending error is ready at once; on_fd reports it. */
    (void)transport->host->watch_fd(transport->host, flow->fd, CORDON_FD_READABLE | CORDON_FD_WRITABLE);
}

static cordon_status udp_create(const cordon_transport_config *config, const cordon_transport_host *host,
                                cordon_transport **out, char *error, size_t error_capacity)
{
    if (out == NULL)
        return CORDON_STATUS_INVALID_ARGUMENT;
    *out = NULL;
    if (config == NULL || host == NULL)
        return CORDON_STATUS_INVALID_ARGUMENT;
    if (config->param_count != 0u) {
        net_write_reason(error, error_capacity, "udp: takes no parameters, %u given", (unsigned)config->param_count);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    cordon_transport *transport = calloc(1, sizeof *transport);
    if (transport == NULL)
        return CORDON_STATUS_OUT_OF_MEMORY;
    transport->host = host;
    *out = transport;
    return CORDON_STATUS_OK;
}

static void udp_destroy(cordon_transport *transport)
{
    if (transport == NULL)
        return;
    while (transport->flows != NULL)
        release_flow(transport, transport->flows);
    free(transport);
}

/* A socket bound to local_text:local_port (0: ephemeral), connected to remote
 * when remote is not NULL, watched for reading, as a new flow. */
static cordon_status add_flow(cordon_transport *transport, const char *local_text, uint16_t local_port,
                              const net_address *remote, cordon_flow_id *id, char *error, size_t error_capacity)
{
    net_address local;
    if (!net_address_parse(local_text, local_port, &local) ||
        (remote != NULL && remote->storage.ss_family != local.storage.ss_family)) {
        net_write_reason(error, error_capacity,
                         "udp: the local address is not numeric, or of another family than the remote one");
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    const int fd = net_socket_open(SOCK_DGRAM, &local, error, error_capacity);
    if (fd < 0)
        return CORDON_STATUS_INVALID_ARGUMENT;
    udp_flow *flow = calloc(1, sizeof *flow);
    if (flow == NULL) {
        close(fd);
        return CORDON_STATUS_OUT_OF_MEMORY;
    }
    flow->fd = fd;
    flow->listener = remote == NULL;
    net_socket_local(fd, flow->local_address, &flow->local_port);
    if (remote != NULL) {
        net_address_format(&remote->storage, flow->remote_address, &flow->remote_port);
        if (connect(fd, (const struct sockaddr *)&remote->storage, remote->length) != 0) {
            net_write_reason(error, error_capacity, "udp: cannot connect to %s port %u: %s", flow->remote_address,
                             (unsigned)flow->remote_port, strerror(errno));
            close(fd);
            free(flow);
            return CORDON_STATUS_INVALID_ARGUMENT;
        }
    }
    if (transport->host->watch_fd(transport->host, fd, CORDON_FD_READABLE) != CORDON_STATUS_OK) {
        net_write_reason(error, error_capacity, "udp: the host refused to watch the socket");
        close(fd);
        free(flow);
        return CORDON_STATUS_INTERNAL_ERROR;
    }
    flow->id = ++transport->next_id;
    flow->next = transport->flows;
    transport->flows = flow;
    *id = flow->id;
    return CORDON_STATUS_OK;
}

static cordon_status udp_open_flow(cordon_transport *transport, const cordon_flow_request *request,
                                   cordon_flow_id *flow, uint32_t *ready, char *error, size_t error_capacity)
{
    if (transport == NULL || request == NULL || flow == NULL || ready == NULL ||
        request->struct_size < FLOW_REQUEST_MIN_SIZE)
        return CORDON_STATUS_INVALID_ARGUMENT;
    *flow = 0;
    *ready = 0;
    net_address remote;
    if (!net_address_parse(request->remote_address, request->remote_port, &remote) || request->remote_port == 0u) {
        net_write_reason(error, error_capacity, "udp: the remote address is not numeric or has no port");
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    const cordon_status status = add_flow(transport, request->local_address, 0, &remote, flow, error, error_capacity);
    *ready = status == CORDON_STATUS_OK;
    return status;
}

static cordon_status udp_listen(cordon_transport *transport, const cordon_listen_request *request,
                                cordon_flow_id *listener, char *error, size_t error_capacity)
{
    if (transport == NULL || request == NULL || listener == NULL || request->struct_size < LISTEN_REQUEST_MIN_SIZE)
        return CORDON_STATUS_INVALID_ARGUMENT;
    *listener = 0;
    if (request->local_port == 0u) {
        net_write_reason(error, error_capacity, "udp: a listener needs a fixed port");
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    return add_flow(transport, request->local_address, request->local_port, NULL, listener, error, error_capacity);
}

static cordon_status udp_send(cordon_transport *transport, cordon_flow_id id, const uint8_t *data, size_t length,
                              const char *to_address, uint16_t to_port)
{
    if (transport == NULL || (data == NULL && length != 0u) || length > CORDON_TRANSPORT_MAX_DATAGRAM)
        return CORDON_STATUS_INVALID_ARGUMENT;
    udp_flow *flow = find_flow(transport, id);
    if (flow == NULL || flow->failed || flow->listener != (to_address != NULL))
        return CORDON_STATUS_INVALID_ARGUMENT;
    ssize_t sent;
    if (flow->listener) {
        net_address to;
        if (!net_address_parse(to_address, to_port, &to) || to_port == 0u)
            return CORDON_STATUS_INVALID_ARGUMENT;
        sent = sendto(flow->fd, data, length, MSG_NOSIGNAL, (const struct sockaddr *)&to.storage, to.length);
    } else {
        sent = send(flow->fd, data, length, MSG_NOSIGNAL);
    }
    if (sent >= 0)
        return CORDON_STATUS_OK;
    if (errno == EAGAIN || errno == EWOULDBLOCK)
        return CORDON_STATUS_BUFFER_TOO_SMALL; /* the socket's buffer is full */
    if (errno == EMSGSIZE) {
        plugin_log(CORDON_LOG_WARNING, "udp: a datagram of %zu bytes is too large to send", length);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    if (flow->listener) {
        plugin_log(CORDON_LOG_WARNING, "udp: sending to %s port %u failed: %s", to_address, (unsigned)to_port,
                   strerror(errno));
        return CORDON_STATUS_INTERNAL_ERROR;
    }
    /* An ICMP error for an earlier datagram (ECONNREFUSED...): the flow is
     * closing, and its CLOSED event says why. */
    note_failure(transport, flow, errno);
    return CORDON_STATUS_OK;
}

static void udp_close_flow(cordon_transport *transport, cordon_flow_id id)
{
    udp_flow *flow = transport != NULL ? find_flow(transport, id) : NULL;
    if (flow != NULL)
        release_flow(transport, flow);
}

static cordon_status udp_flow_info(cordon_transport *transport, cordon_flow_id id, cordon_flow_info *info)
{
    const udp_flow *flow = transport != NULL ? find_flow(transport, id) : NULL;
    if (flow == NULL)
        return CORDON_STATUS_INVALID_ARGUMENT;
    return net_flow_info_begin(info, flow->local_address, flow->local_port, flow->remote_address, flow->remote_port);
}

static void receive_datagrams(cordon_transport *transport, udp_flow *flow)
{
    const cordon_flow_id id = flow->id;
    for (int i = 0; i < UDP_DATAGRAMS_PER_CALL; ++i) {
        struct sockaddr_storage from;
        socklen_t from_length = sizeof from;
        memset(&from, 0, sizeof from);
        /* MSG_TRUNC: the real length, so a datagram cut short is noticed. */
        const ssize_t got = recvfrom(flow->fd, transport->datagram, sizeof transport->datagram, MSG_TRUNC,
                                     (struct sockaddr *)&from, &from_length);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return;
            if (flow->listener) {
                plugin_log(CORDON_LOG_WARNING, "udp: receiving on %s port %u: %s", flow->local_address,
                           (unsigned)flow->local_port, strerror(errno));
                return;
            }
            note_failure(transport, flow, errno);
            fail_flow(transport, flow);
            return;
        }
        if ((size_t)got > sizeof transport->datagram) {
            plugin_log(CORDON_LOG_WARNING, "udp: dropped a datagram of %zd bytes, more than %u", got,
                       CORDON_TRANSPORT_MAX_DATAGRAM);
            continue;
        }
        char address[CORDON_TRANSPORT_ADDRESS_BYTES];
        uint16_t port = 0;
        net_address_format(&from, address, &port);
        transport->host->received(transport->host, id, transport->datagram, (size_t)got, address, port);
        if ((flow = find_flow(transport, id)) == NULL)
            return;
    }
}

static void udp_on_fd(cordon_transport *transport, int fd, uint32_t ready)
{
    (void)ready; /* reading is all a UDP socket is watched for */
    if (transport == NULL)
        return;
    for (udp_flow *flow = transport->flows; flow != NULL; flow = flow->next) {
        if (flow->fd != fd)
            continue;
        if (flow->failed)
            fail_flow(transport, flow);
        else
            receive_datagrams(transport, flow);
        return;
    }
}

static const cordon_transport_interface udp_interface = {
    .struct_size = sizeof(cordon_transport_interface),
    .protocol = "UDP",
    .flags = 0u,
    .create = udp_create,
    .destroy = udp_destroy,
    .open_flow = udp_open_flow,
    .listen = udp_listen,
    .send = udp_send,
    .close_flow = udp_close_flow,
    .flow_info = udp_flow_info,
    .on_fd = udp_on_fd,
};

static const void *udp_get_interface(const char *interface_id)
{
    return transport_interface_if_asked(interface_id, &udp_interface);
}

static const cordon_plugin_descriptor udp_descriptor =
    TRANSPORT_PLUGIN_DESCRIPTOR(PLUGIN_ID, PLUGIN_NAME, PLUGIN_VENDOR, PLUGIN_VERSION, udp_get_interface);

CORDON_PLUGIN_EXPORT const cordon_plugin_descriptor *cordon_plugin_entry(void);

CORDON_PLUGIN_EXPORT const cordon_plugin_descriptor *cordon_plugin_entry(void) { return &udp_descriptor; }
