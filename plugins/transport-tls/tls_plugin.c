/*
 * cordon-transport-tls: SIP over TLS (OpenSSL 3) behind "cordon.transport/1".
 *
 * The shared stream transport (common/stream_transport.c) with the TLS
 * layer of tls_connection.c; this file reads the settings into a context
 * and is the plugin's descriptor.
 */
#include "common/stream_transport.h"
#include "common/transport_descriptor.h"
#include "transport-tls/tls_connection.h"
#include "transport-tls/tls_context.h"
#include "transport-tls/tls_settings.h"

#define PLUGIN_ID "org.cordon.transport.tls"
#define PLUGIN_NAME "SIP over TLS"
#define PLUGIN_VENDOR "Cordon project"
#define PLUGIN_VERSION "0.1.0"

static cordon_status tls_create(const cordon_transport_config *config, const cordon_transport_host *host,
                                cordon_transport **out, char *error, size_t error_capacity)
{
    if (out == NULL)
        return CORDON_STATUS_INVALID_ARGUMENT;
    *out = NULL;
    if (host == NULL)
        return CORDON_STATUS_INVALID_ARGUMENT;
    tls_settings settings;
    const cordon_status status = tls_settings_read(config, &settings, error, error_capacity);
    if (status != CORDON_STATUS_OK)
        return status;
    tls_context *context = tls_context_create(&settings, error, error_capacity);
    if (context == NULL)
        return CORDON_STATUS_INVALID_ARGUMENT;
    return stream_transport_create(host, &tls_layer, context, "tls", out, error, error_capacity);
}

static const cordon_transport_interface tls_interface = {
    .struct_size = sizeof(cordon_transport_interface),
    .protocol = "TLS",
    .flags = CORDON_TRANSPORT_STREAM | CORDON_TRANSPORT_SECURE,
    .create = tls_create,
    .destroy = stream_transport_destroy,
    .open_flow = stream_transport_open_flow,
    .listen = stream_transport_listen,
    .send = stream_transport_send,
    .close_flow = stream_transport_close_flow,
    .flow_info = stream_transport_flow_info,
    .on_fd = stream_transport_on_fd,
};

static const void *tls_get_interface(const char *interface_id)
{
    return transport_interface_if_asked(interface_id, &tls_interface);
}

static const cordon_plugin_descriptor tls_descriptor =
    TRANSPORT_PLUGIN_DESCRIPTOR(PLUGIN_ID, PLUGIN_NAME, PLUGIN_VENDOR, PLUGIN_VERSION, tls_get_interface);

CORDON_PLUGIN_EXPORT const cordon_plugin_descriptor *cordon_plugin_entry(void);

CORDON_PLUGIN_EXPORT const cordon_plugin_descriptor *cordon_plugin_entry(void) { return &tls_descriptor; }
