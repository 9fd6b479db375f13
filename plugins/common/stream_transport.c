/*
 * The calls the host makes on a stream transport (see stream_transport.h);
 * what on_fd does is in stream_io.c.
 */
#include "common/stream_transport.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common/host_services.h"
#include "common/net_address.h"
#include "common/net_error.h"
#include "common/net_socket.h"
#include "common/stream_flows.h"

/* Connections the kernel holds for a listener until on_fd accepts them. */
#define STREAM_LISTEN_BACKLOG 64

/* The request fields up to server_name, which every caller must pass. */
#define FLOW_REQUEST_MIN_SIZE (offsetof(cordon_flow_request, server_name) + sizeof(const char *))
#define LISTEN_REQUEST_MIN_SIZE (offsetof(cordon_listen_request, local_port) + sizeof(uint16_t))

cordon_status stream_transport_create(const cordon_transport_host *host, const stream_layer *layer, void *context,
                                      const char *name, cordon_transport **out, char *error, size_t error_capacity)
{
    cordon_transport *transport = calloc(1, sizeof *transport);
    if (transport == NULL) {
        if (layer != NULL)
            layer->free_context(context);
        net_write_reason(error, error_capacity, "%s: out of memory", name);
        return CORDON_STATUS_OUT_OF_MEMORY;
    }
    transport->host = host;
    transport->layer = layer;
    transport->context = context;
    transport->name = name;
    *out = transport;
    return CORDON_STATUS_OK;
}

void stream_transport_destroy(cordon_transport *transport)
{
    if (transport == NULL)
        return;
    while (transport->flows != NULL)
        stream_flow_release(transport, transport->flows);
    if (transport->layer != NULL)
        transport->layer->free_context(transport->context);
    free(transport);
}

/* The local address to bind: numeric, not a wildcard. */
static cordon_status parse_local(const cordon_transport *transport, const char *text, uint16_t port, net_address *local,
                                 char *error, size_t error_capacity)
{
    if (!net_address_parse(text, port, local)) {
        net_write_reason(error, error_capacity, "%s: local address is not a numeric IPv4 or IPv6 address",
                         transport->name);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    if (net_address_is_wildcard(local)) {
        net_write_reason(error, error_capacity, "%s: local address %s is a wildcard; name one interface",
                         transport->name, text);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    return CORDON_STATUS_OK;
}

cordon_status stream_transport_open_flow(cordon_transport *transport, const cordon_flow_request *request,
                                         cordon_flow_id *flow_id, uint32_t *ready, char *error, size_t error_capacity)
{
    if (transport == NULL || request == NULL || flow_id == NULL || ready == NULL ||
        request->struct_size < FLOW_REQUEST_MIN_SIZE)
        return CORDON_STATUS_INVALID_ARGUMENT;
    *flow_id = 0;
    *ready = 0;
    net_address local;
    net_address remote;
    const cordon_status status = parse_local(transport, request->local_address, 0, &local, error, error_capacity);
    if (status != CORDON_STATUS_OK)
        return status;
    if (!net_address_parse(request->remote_address, request->remote_port, &remote) || request->remote_port == 0u ||
        remote.storage.ss_family != local.storage.ss_family) {
        net_write_reason(error, error_capacity,
                         "%s: the remote address is not numeric, has no port, or is of another family than the "
                         "local one",
                         transport->name);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    const int fd = net_socket_open(SOCK_STREAM, &local, error, error_capacity);
    if (fd < 0)
        return CORDON_STATUS_INVALID_ARGUMENT;
    stream_flow *flow = stream_flow_add(transport, fd, STREAM_CONNECTING);
    if (flow == NULL) {
        close(fd);
        return CORDON_STATUS_OUT_OF_MEMORY;
    }
    net_socket_local(fd, flow->local_address, &flow->local_port);
    net_address_format(&remote.storage, flow->remote_address, &flow->remote_port);
    if (request->server_name != NULL && (flow->server_name = strdup(request->server_name)) == NULL) {
        stream_flow_release(transport, flow);
        return CORDON_STATUS_OUT_OF_MEMORY;
    }
    /* Even a connect that fails at once is reported as CLOSED from on_fd,
     * so the host learns why in the same way as for a later failure. */
    const int connect_error = net_socket_connect(fd, &remote);
    if (connect_error != 0) {
        flow->failed = 1;
        stream_failure_from_errno(&flow->failure, flow, "cannot connect to", connect_error);
    }
    if (stream_flow_watch(transport, flow) != CORDON_STATUS_OK) {
        stream_flow_release(transport, flow);
        net_write_reason(error, error_capacity, "%s: the host refused to watch the socket", transport->name);
        return CORDON_STATUS_INTERNAL_ERROR;
    }
    *flow_id = flow->id;
    return CORDON_STATUS_OK;
}

cordon_status stream_transport_listen(cordon_transport *transport, const cordon_listen_request *request,
                                      cordon_flow_id *listener, char *error, size_t error_capacity)
{
    if (transport == NULL || request == NULL || listener == NULL || request->struct_size < LISTEN_REQUEST_MIN_SIZE)
        return CORDON_STATUS_INVALID_ARGUMENT;
    *listener = 0;
    if (request->local_port == 0u) {
        net_write_reason(error, error_capacity, "%s: a listener needs a fixed port", transport->name);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    if (transport->layer != NULL && !transport->layer->can_listen(transport->context, error, error_capacity))
        return CORDON_STATUS_INVALID_ARGUMENT;
    net_address local;
    const cordon_status status =
        parse_local(transport, request->local_address, request->local_port, &local, error, error_capacity);
    if (status != CORDON_STATUS_OK)
        return status;
    const int fd = net_socket_open(SOCK_STREAM, &local, error, error_capacity);
    if (fd < 0)
        return CORDON_STATUS_INVALID_ARGUMENT;
    if (listen(fd, STREAM_LISTEN_BACKLOG) != 0) {
        net_write_reason(error, error_capacity, "%s: cannot listen on %s port %u: %s", transport->name,
                         request->local_address, (unsigned)request->local_port, strerror(errno));
        close(fd);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    stream_flow *flow = stream_flow_add(transport, fd, STREAM_LISTENING);
    if (flow == NULL) {
        close(fd);
        return CORDON_STATUS_OUT_OF_MEMORY;
    }
    net_socket_local(fd, flow->local_address, &flow->local_port);
    if (stream_flow_watch(transport, flow) != CORDON_STATUS_OK) {
        stream_flow_release(transport, flow);
        net_write_reason(error, error_capacity, "%s: the host refused to watch the socket", transport->name);
        return CORDON_STATUS_INTERNAL_ERROR;
    }
    *listener = flow->id;
    return CORDON_STATUS_OK;
}

cordon_status stream_transport_send(cordon_transport *transport, cordon_flow_id flow_id, const uint8_t *data,
                                    size_t length, const char *to_address, uint16_t to_port)
{
    if (transport == NULL || (data == NULL && length != 0u) || to_address != NULL || to_port != 0u)
        return CORDON_STATUS_INVALID_ARGUMENT;
    stream_flow *flow = stream_flow_find(transport, flow_id);
    if (flow == NULL || flow->state == STREAM_LISTENING)
        return CORDON_STATUS_INVALID_ARGUMENT;
    if (!send_queue_fits(&flow->queue, length)) {
        plugin_log(CORDON_LOG_WARNING, "%s: flow %llu: %zu bytes refused, %zu already wait for the peer (bound %u)",
                   transport->name, (unsigned long long)flow_id, length, send_queue_length(&flow->queue),
                   STREAM_SEND_QUEUE_BYTES);
        return CORDON_STATUS_BUFFER_TOO_SMALL;
    }
    if (!send_queue_push(&flow->queue, data, length))
        return CORDON_STATUS_OUT_OF_MEMORY;
    /* Bytes go out from on_fd once the socket is writable: the flush there
     * is the one place that writes, so order is kept whatever the state. */
    return stream_flow_watch(transport, flow) == CORDON_STATUS_OK ? CORDON_STATUS_OK : CORDON_STATUS_INTERNAL_ERROR;
}

void stream_transport_close_flow(cordon_transport *transport, cordon_flow_id flow_id)
{
    if (transport == NULL)
        return;
    stream_flow *flow = stream_flow_find(transport, flow_id);
    if (flow != NULL)
        stream_flow_release(transport, flow);
}

cordon_status stream_transport_flow_info(cordon_transport *transport, cordon_flow_id flow_id, cordon_flow_info *info)
{
    const stream_flow *flow = transport != NULL ? stream_flow_find(transport, flow_id) : NULL;
    if (flow == NULL)
        return CORDON_STATUS_INVALID_ARGUMENT;
    const cordon_status status =
        net_flow_info_begin(info, flow->local_address, flow->local_port, flow->remote_address, flow->remote_port);
    if (status != CORDON_STATUS_OK)
        return status;
    if (flow->connection != NULL && flow->state == STREAM_OPEN)
        transport->layer->describe(flow->connection, info);
    return CORDON_STATUS_OK;
}
