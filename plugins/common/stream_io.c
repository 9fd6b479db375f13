/*
 * What a stream transport does when the host finds one of its sockets ready
 * (stream_transport_on_fd): accept, finish connecting, advance the layer's
 * handshake, read, flush the send queue.
 *
 * Every call to the host may come back into the transport (the host may
 * send, close this flow or open another from inside received or
 * flow_event), so after each one the flow is looked up again by id and the
 * work stops when it is gone.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common/host_services.h"
#include "common/net_address.h"
#include "common/net_error.h"
#include "common/net_socket.h"
#include "common/stream_flows.h"
#include "common/stream_transport.h"

/* One read; a TLS record holds at most 16 KiB, so this takes one whole. */
#define STREAM_READ_CHUNK_BYTES 16384u
/* Reads per on_fd of an open flow. A peer that writes without pause would
 * otherwise keep the read going for ever: the answers it is owed would never
 * be flushed, and the host's timers and other flows would starve. */
#define STREAM_READS_PER_CALL 16
/* Connections accepted per on_fd; more wait for the next turn of the loop. */
#define STREAM_ACCEPTS_PER_CALL 16

static stream_step plain_read(stream_flow *flow, uint8_t *buffer, size_t capacity, size_t *length,
                              stream_failure *failure)
{
    for (;;) {
        const ssize_t got = recv(flow->fd, buffer, capacity, 0);
        if (got > 0) {
            *length = (size_t)got;
            return STREAM_STEP_DONE;
        }
        if (got == 0)
            return STREAM_STEP_CLOSED;
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return STREAM_STEP_WANT_READ;
        stream_failure_from_errno(failure, flow, "reading from", errno);
        return STREAM_STEP_FAILED;
    }
}

static stream_step plain_write(stream_flow *flow, const uint8_t *data, size_t length, size_t *written,
                               stream_failure *failure)
{
    for (;;) {
        /* MSG_NOSIGNAL: a peer that went away is an error value, not SIGPIPE. */
        const ssize_t sent = send(flow->fd, data, length, MSG_NOSIGNAL);
        if (sent >= 0) {
            *written = (size_t)sent;
            return STREAM_STEP_DONE;
        }
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return STREAM_STEP_WANT_WRITE;
        stream_failure_from_errno(failure, flow, "writing to", errno);
        return STREAM_STEP_FAILED;
    }
}

/* Writes what is queued until the socket (or the layer) wants to wait.
 * Returns 0 when the flow failed and is gone. */
static int flush(cordon_transport *transport, stream_flow *flow)
{
    flow->write_wants_read = 0;
    while (send_queue_length(&flow->queue) > 0u) {
        size_t written = 0;
        stream_failure failure;
        const uint8_t *front = send_queue_front(&flow->queue);
        const size_t length = send_queue_length(&flow->queue);
        const stream_step step = transport->layer != NULL
                                     ? transport->layer->write(flow->connection, front, length, &written, &failure)
                                     : plain_write(flow, front, length, &written, &failure);
        if (step == STREAM_STEP_DONE) {
            send_queue_consume(&flow->queue, written);
            continue;
        }
        if (step == STREAM_STEP_WANT_READ)
            flow->write_wants_read = 1;
        if (step == STREAM_STEP_FAILED || step == STREAM_STEP_CLOSED) {
            if (step == STREAM_STEP_CLOSED) {
                failure.error = CORDON_FLOW_ERROR_NONE;
                net_write_reason(failure.message, sizeof failure.message, "the peer closed the connection");
            }
            stream_flow_fail(transport, flow, &failure);
            return 0;
        }
        break;
    }
    return 1;
}

/* Delivers what is readable now, up to STREAM_READS_PER_CALL reads, then
 * flushes; re-watches the flow, whose socket shows as readable again if
 * more waits. Past that bound the read goes on only while the layer holds
 * bytes the socket no longer shows (TLS records already taken in). */
static void serve_open(cordon_transport *transport, stream_flow *flow)
{
    const cordon_flow_id id = flow->id;
    uint8_t buffer[STREAM_READ_CHUNK_BYTES];
    flow->read_wants_write = 0;
    for (unsigned reads = 1;; ++reads) {
        size_t length = 0;
        stream_failure failure;
        const stream_step step = transport->layer != NULL ? transport->layer->read(flow->connection, buffer,
                                                                                   sizeof buffer, &length, &failure)
                                                          : plain_read(flow, buffer, sizeof buffer, &length, &failure);
        if (step == STREAM_STEP_DONE) {
            transport->host->received(transport->host, id, buffer, length, flow->remote_address, flow->remote_port);
            if ((flow = stream_flow_find(transport, id)) == NULL)
                return;
            const int layer_holds_bytes = transport->layer != NULL && transport->layer->holds_bytes != NULL &&
                                          transport->layer->holds_bytes(flow->connection);
            if (reads >= STREAM_READS_PER_CALL && !layer_holds_bytes)
                break;
            continue;
        }
        if (step == STREAM_STEP_WANT_WRITE)
            flow->read_wants_write = 1;
        if (step == STREAM_STEP_CLOSED) {
            failure.error = CORDON_FLOW_ERROR_NONE;
            net_write_reason(failure.message, sizeof failure.message, "%s port %u closed the connection",
                             flow->remote_address, (unsigned)flow->remote_port);
        }
        if (step == STREAM_STEP_CLOSED || step == STREAM_STEP_FAILED) {
            stream_flow_fail(transport, flow, &failure);
            return;
        }
        break;
    }
    if (flush(transport, flow) && stream_flow_watch(transport, flow) != CORDON_STATUS_OK)
        plugin_log(CORDON_LOG_ERROR, "%s: the host refused to watch flow %llu", transport->name,
                   (unsigned long long)id);
}

/* The flow carries bytes: tell the host (unless it is a plain accepted
 * connection, which carried bytes from the moment it was reported), then
 * serve what already waits. */
static void open_up(cordon_transport *transport, stream_flow *flow, int announce)
{
    const cordon_flow_id id = flow->id;
    flow->state = STREAM_OPEN;
    if (announce) {
        transport->host->flow_event(transport->host, id, CORDON_FLOW_EVENT_CONNECTED, CORDON_FLOW_ERROR_NONE, "");
        if ((flow = stream_flow_find(transport, id)) == NULL)
            return;
    }
    serve_open(transport, flow);
}

static void advance_handshake(cordon_transport *transport, stream_flow *flow)
{
    stream_failure failure;
    const stream_step step = transport->layer->handshake(flow->connection, &failure);
    switch (step) {
    case STREAM_STEP_DONE:
        open_up(transport, flow, 1);
        return;
    case STREAM_STEP_WANT_READ:
    case STREAM_STEP_WANT_WRITE:
        flow->handshake_wants_write = step == STREAM_STEP_WANT_WRITE;
        if (stream_flow_watch(transport, flow) == CORDON_STATUS_OK)
            return;
        failure.error = CORDON_FLOW_ERROR_OTHER;
        net_write_reason(failure.message, sizeof failure.message, "the host refused to watch the socket");
        break;
    case STREAM_STEP_CLOSED:
        failure.error = CORDON_FLOW_ERROR_TLS_HANDSHAKE;
        net_write_reason(failure.message, sizeof failure.message,
                         "%s port %u closed the connection during the handshake", flow->remote_address,
                         (unsigned)flow->remote_port);
        break;
    case STREAM_STEP_FAILED:
        break;
    }
    stream_flow_fail(transport, flow, &failure);
}

/* TCP is up (connected, or accepted): start the layer, or open at once. */
static void start_connection(cordon_transport *transport, stream_flow *flow, int accepted)
{
    if (transport->layer == NULL) {
        open_up(transport, flow, !accepted);
        return;
    }
    const stream_peer peer = {flow->fd, accepted, flow->remote_address, flow->remote_port, flow->server_name};
    stream_failure failure;
    flow->connection = transport->layer->start(transport->context, &peer, &failure);
    if (flow->connection == NULL) {
        stream_flow_fail(transport, flow, &failure);
        return;
    }
    flow->state = STREAM_HANDSHAKING;
    advance_handshake(transport, flow);
}

static void finish_connect(cordon_transport *transport, stream_flow *flow)
{
    const int error_number = net_socket_error(flow->fd);
    if (error_number != 0) {
        stream_failure failure;
        stream_failure_from_errno(&failure, flow, "cannot connect to", error_number);
        stream_flow_fail(transport, flow, &failure);
        return;
    }
    struct sockaddr_storage peer;
    socklen_t length = sizeof peer;
    if (getpeername(flow->fd, (struct sockaddr *)&peer, &length) != 0 && errno == ENOTCONN) {
        (void)stream_flow_watch(transport, flow); /* woken early: still connecting */
        return;
    }
    start_connection(transport, flow, 0);
}

static void accept_connections(cordon_transport *transport, stream_flow *listener)
{
    const cordon_flow_id listener_id = listener->id;
    for (int i = 0; i < STREAM_ACCEPTS_PER_CALL; ++i) {
        struct sockaddr_storage peer;
        const int fd = net_socket_accept(listener->fd, &peer);
        if (fd < 0) {
            if (errno == ECONNABORTED || errno == EINTR)
                continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                plugin_log(CORDON_LOG_ERROR, "%s: accepting on %s port %u failed: %s", transport->name,
                           listener->local_address, (unsigned)listener->local_port, strerror(errno));
            return;
        }
        stream_flow *flow = stream_flow_add(transport, fd, STREAM_CONNECTING);
        if (flow == NULL) {
            close(fd);
            return;
        }
        net_socket_local(fd, flow->local_address, &flow->local_port);
        net_address_format(&peer, flow->remote_address, &flow->remote_port);
        const cordon_flow_id id = flow->id;
        transport->host->accepted(transport->host, listener_id, id, flow->remote_address, flow->remote_port);
        if ((flow = stream_flow_find(transport, id)) != NULL)
            start_connection(transport, flow, 1);
        if ((listener = stream_flow_find(transport, listener_id)) == NULL)
            return;
    }
}

void stream_transport_on_fd(cordon_transport *transport, int fd, uint32_t ready)
{
    (void)ready; /* each state asks the socket itself; a wrong guess costs one EAGAIN */
    if (transport == NULL)
        return;
    stream_flow *flow = stream_flow_find_fd(transport, fd);
    if (flow == NULL)
        return;
    if (flow->failed) {
        stream_flow_fail(transport, flow, &flow->failure);
        return;
    }
    switch (flow->state) {
    case STREAM_LISTENING:
        accept_connections(transport, flow);
        return;
    case STREAM_CONNECTING:
        finish_connect(transport, flow);
        return;
    case STREAM_HANDSHAKING:
        advance_handshake(transport, flow);
        return;
    case STREAM_OPEN:
        serve_open(transport, flow);
        return;
    }
}
