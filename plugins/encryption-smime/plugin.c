/*
 * cordon-encryption-smime: S/MIME bodies (RFC 3261 section 23, RFC 8591)
 * as CMS AuthEnvelopedData (RFC 5083, RFC 5084) with OpenSSL 3, behind
 * "cordon.body-encryption/1".
 *
 * The ABI glue: the descriptor and the interface table. It serves no media
 * interface: an encryption plugin may serve either or both.
 */
#include <string.h>

#include "common/host_services.h"
#include "encryption-smime/plugin_descriptor.h"
#include "encryption-smime/smime_calls.h"

#define PLUGIN_ID "org.cordon.encryption.smime"
#define PLUGIN_NAME "S/MIME bodies (OpenSSL CMS, AuthEnvelopedData)"
#define PLUGIN_VENDOR "Cordon project"
#define PLUGIN_VERSION "0.1.0"

static cordon_status smime_plugin_init(const cordon_host_services *host) { return plugin_host_init(host); }

static void smime_plugin_deinit(void) { plugin_host_deinit(); }

static const cordon_body_encryption_interface smime_interface = {
    .struct_size = sizeof(cordon_body_encryption_interface),
    .identity_create = smime_identity_create,
    .identity_destroy = smime_identity_destroy,
    .encrypt = smime_encrypt,
    .decrypt = smime_decrypt,
};

static const void *smime_get_interface(const char *interface_id)
{
    if (interface_id != NULL && strcmp(interface_id, CORDON_BODY_ENCRYPTION_INTERFACE_ID) == 0)
        return &smime_interface;
    return NULL;
}

static const cordon_plugin_descriptor smime_descriptor = {
    .abi_major = CORDON_ABI_MAJOR,
    .abi_minor = CORDON_ABI_MINOR,
    .struct_size = sizeof(cordon_plugin_descriptor),
    .kind = CORDON_PLUGIN_KIND_ENCRYPTION,
    .id = PLUGIN_ID,
    .name = PLUGIN_NAME,
    .vendor = PLUGIN_VENDOR,
    .version = PLUGIN_VERSION,
    .init = smime_plugin_init,
    .deinit = smime_plugin_deinit,
    .get_interface = smime_get_interface,
};

const cordon_plugin_descriptor *encryption_smime_descriptor(void) { return &smime_descriptor; }
