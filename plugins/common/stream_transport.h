/*
 * A stream transport (TCP, or TLS through a stream_layer) behind the
 * "cordon.transport/1" calls: connections, listeners, a bounded send queue
 * per connection, events to the host. TCP's plugin uses these functions as
 * they are; TLS's wraps create with its settings.
 * Part of cordon_transport_support.
 */
#ifndef CORDON_PLUGIN_SUPPORT_STREAM_TRANSPORT_H
#define CORDON_PLUGIN_SUPPORT_STREAM_TRANSPORT_H

#include "common/stream_layer.h"
#include "cordon/transport.h"

/* Bytes a connection queues beyond what its socket took; send() past this is
 * BUFFER_TOO_SMALL. Far above any SIP message, far below a memory problem. */
#define STREAM_SEND_QUEUE_BYTES (1024u * 1024u)

/* An instance for host. layer may be NULL (plain TCP); context is the
 * layer's, freed with layer->free_context on destroy (or here on failure).
 * name ("tcp", "tls") starts the plugin's log lines. */
cordon_status stream_transport_create(const cordon_transport_host *host, const stream_layer *layer, void *context,
                                      const char *name, cordon_transport **out, char *error, size_t error_capacity);

void stream_transport_destroy(cordon_transport *transport);
cordon_status stream_transport_open_flow(cordon_transport *transport, const cordon_flow_request *request,
                                         cordon_flow_id *flow, uint32_t *ready, char *error, size_t error_capacity);
cordon_status stream_transport_listen(cordon_transport *transport, const cordon_listen_request *request,
                                      cordon_flow_id *listener, char *error, size_t error_capacity);
cordon_status stream_transport_send(cordon_transport *transport, cordon_flow_id flow, const uint8_t *data,
                                    size_t length, const char *to_address, uint16_t to_port);
void stream_transport_close_flow(cordon_transport *transport, cordon_flow_id flow);
cordon_status stream_transport_flow_info(cordon_transport *transport, cordon_flow_id flow, cordon_flow_info *info);
void stream_transport_on_fd(cordon_transport *transport, int fd, uint32_t ready);

#endif /* CORDON_PLUGIN_SUPPORT_STREAM_TRANSPORT_H */
