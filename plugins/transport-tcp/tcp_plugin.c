/*
 * cordon-transport-tcp: SIP over TCP behind "cordon.transport/1".
 *
 * All of it is the shared stream transport (common/stream_transport.c)
 * without a layer; this file is the descriptor and the one thing TCP adds:
 * it takes no parameters.
 */
#include "common/net_error.h"
#include "common/stream_transport.h"
#include "common/transport_descriptor.h"

#define PLUGIN_ID "org.cordon.transport.tcp"
#define PLUGIN_NAME "SIP over TCP"
#define PLUGIN_VENDOR "Cordon project"
#define PLUGIN_VERSION "0.1.0"

static cordon_status tcp_create(const cordon_transport_config *config, const cordon_transport_host *host,
                                cordon_transport **out, char *error, size_t error_capacity)
{
    if (out == NULL)
        return CORDON_STATUS_INVALID_ARGUMENT;
    *out = NULL;
    if (config == NULL || host == NULL)
        return CORDON_STATUS_INVALID_ARGUMENT;
    if (config->param_count != 0u) {
        /* A parameter meant for another transport (tls.*) must not pass silently. */
        net_write_reason(error, error_capacity, "tcp: takes no parameters, %u given", (unsigned)config->param_count);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    return stream_transport_create(host, NULL, NULL, "tcp", out, error, error_capacity);
}

static const cordon_transport_interface tcp_interface = {
    .struct_size = sizeof(cordon_transport_interface),
    .protocol = "TCP",
    .flags = CORDON_TRANSPORT_STREAM,
    .create = tcp_create,
    .destroy = stream_transport_destroy,
    .open_flow = stream_transport_open_flow,
    .listen = stream_transport_listen,
    .send = stream_transport_send,
    .close_flow = stream_transport_close_flow,
    .flow_info = stream_transport_flow_info,
    .on_fd = stream_transport_on_fd,
};

static const void *tcp_get_interface(const char *interface_id)
{
    return transport_interface_if_asked(interface_id, &tcp_interface);
}

static const cordon_plugin_descriptor tcp_descriptor =
    TRANSPORT_PLUGIN_DESCRIPTOR(PLUGIN_ID, PLUGIN_NAME, PLUGIN_VENDOR, PLUGIN_VERSION, tcp_get_interface);

CORDON_PLUGIN_EXPORT const cordon_plugin_descriptor *cordon_plugin_entry(void);

CORDON_PLUGIN_EXPORT const cordon_plugin_descriptor *cordon_plugin_entry(void) { return &tcp_descriptor; }
