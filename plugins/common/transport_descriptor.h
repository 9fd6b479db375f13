/*
 * The descriptor glue of a transport plugin, as codec_descriptor.h is for
 * codecs. Part of cordon_transport_support.
 */
#ifndef CORDON_PLUGIN_SUPPORT_TRANSPORT_DESCRIPTOR_H
#define CORDON_PLUGIN_SUPPORT_TRANSPORT_DESCRIPTOR_H

#include "common/host_services.h"
#include "cordon/plugin.h"
#include "cordon/transport.h"

/* get_interface of a transport plugin: interface when asked for
 * CORDON_TRANSPORT_INTERFACE_ID, NULL for any other id or NULL. */
const void *transport_interface_if_asked(const char *interface_id, const cordon_transport_interface *interface);

/* Initialiser of a transport plugin's static const descriptor: as
 * CODEC_PLUGIN_DESCRIPTOR, with kind transport. */
#define TRANSPORT_PLUGIN_DESCRIPTOR(id_, name_, vendor_, version_, get_interface_)                                     \
    {                                                                                                                  \
        .abi_major = CORDON_ABI_MAJOR, .abi_minor = CORDON_ABI_MINOR, .struct_size = sizeof(cordon_plugin_descriptor), \
        .kind = CORDON_PLUGIN_KIND_TRANSPORT, .id = (id_), .name = (name_), .vendor = (vendor_),                       \
        .version = (version_), .init = plugin_host_init, .deinit = plugin_host_deinit,                                 \
        .get_interface = (get_interface_)                                                                              \
    }

#endif /* CORDON_PLUGIN_SUPPORT_TRANSPORT_DESCRIPTOR_H */
