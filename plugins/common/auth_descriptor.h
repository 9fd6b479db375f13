/*
 * The descriptor glue of an auth plugin: the descriptor's fixed fields and
 * the answer to get_interface. The plugin still defines its descriptor
 * object, its get_interface and the exported cordon_plugin_entry itself.
 * Part of cordon_plugin_support.
 */
#ifndef CORDON_PLUGIN_SUPPORT_AUTH_DESCRIPTOR_H
#define CORDON_PLUGIN_SUPPORT_AUTH_DESCRIPTOR_H

#include "common/host_services.h"
#include "cordon/auth.h"
#include "cordon/plugin.h"

/* get_interface of an auth plugin: interface when asked for
 * CORDON_AUTH_INTERFACE_ID, NULL for any other id or NULL. */
const void *auth_interface_if_asked(const char *interface_id, const cordon_auth_interface *interface);

/* Initialiser of an auth plugin's static const descriptor, as
 * CODEC_PLUGIN_DESCRIPTOR is for codecs, with kind auth. */
#define AUTH_PLUGIN_DESCRIPTOR(id_, name_, vendor_, version_, get_interface_)                                          \
    {                                                                                                                  \
        .abi_major = CORDON_ABI_MAJOR, .abi_minor = CORDON_ABI_MINOR, .struct_size = sizeof(cordon_plugin_descriptor), \
        .kind = CORDON_PLUGIN_KIND_AUTH, .id = (id_), .name = (name_), .vendor = (vendor_), .version = (version_),     \
        .init = plugin_host_init, .deinit = plugin_host_deinit, .get_interface = (get_interface_)                      \
    }

#endif /* CORDON_PLUGIN_SUPPORT_AUTH_DESCRIPTOR_H */
