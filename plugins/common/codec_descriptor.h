/*
 * The descriptor glue of a codec plugin: the descriptor's fixed fields and
 * the answer to get_interface. The plugin still defines its descriptor
 * object, its get_interface and the exported cordon_plugin_entry itself.
 * Part of cordon_plugin_support.
 */
#ifndef CORDON_PLUGIN_SUPPORT_CODEC_DESCRIPTOR_H
#define CORDON_PLUGIN_SUPPORT_CODEC_DESCRIPTOR_H

#include "common/host_services.h"
#include "cordon/codec.h"
#include "cordon/plugin.h"

/* get_interface of a codec plugin: interface when asked for
 * CORDON_CODEC_INTERFACE_ID, NULL for any other id or NULL. */
const void *codec_interface_if_asked(const char *interface_id, const cordon_codec_interface *interface);

/* Initialiser of a codec plugin's static const descriptor: the ABI version
 * and struct size it was compiled with, kind codec, init and deinit keeping
 * the host services (host_services.h). The strings must be string literals
 * or other objects that live as long as the library. */
#define CODEC_PLUGIN_DESCRIPTOR(id_, name_, vendor_, version_, get_interface_)                                         \
    {                                                                                                                  \
        .abi_major = CORDON_ABI_MAJOR, .abi_minor = CORDON_ABI_MINOR, .struct_size = sizeof(cordon_plugin_descriptor), \
        .kind = CORDON_PLUGIN_KIND_CODEC, .id = (id_), .name = (name_), .vendor = (vendor_), .version = (version_),    \
        .init = plugin_host_init, .deinit = plugin_host_deinit, .get_interface = (get_interface_)                      \
    }

#endif /* CORDON_PLUGIN_SUPPORT_CODEC_DESCRIPTOR_H */
