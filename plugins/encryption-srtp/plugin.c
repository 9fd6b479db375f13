/*
 * cordon-encryption-srtp: SDES key exchange (RFC 4568) and SRTP/SRTCP
 * (RFC 3711, RFC 7714) on libsrtp2, behind "cordon.media-encryption/1".
 *
 * The ABI glue: the descriptor, libsrtp2's start and end with the plugin,
 * and the interface table. Sessions are srtp_session.c.
 */
#include <string.h>

#include "common/host_services.h"
#include "encryption-srtp/plugin_descriptor.h"
#include "encryption-srtp/srtp_session.h"

#define PLUGIN_ID "org.cordon.encryption.srtp"
#define PLUGIN_NAME "SRTP with SDES keys (libsrtp2)"
#define PLUGIN_VENDOR "Cordon project"
#define PLUGIN_VERSION "0.1.0"
/* The largest overhead of the suites: AEAD_AES_128_GCM's SRTCP (16 + 4). */
#define MAX_OVERHEAD_BYTES 20u

/* Whether this plugin's init started libsrtp2, and so must shut it down.
 * Written only by init and deinit, on the host's main thread. */
static bool g_started_libsrtp;

static cordon_status srtp_plugin_init(const cordon_host_services *host)
{
    const cordon_status status = plugin_host_init(host);
    if (status != CORDON_STATUS_OK)
        return status;
    const srtp_err_status_t started = srtp_init();
    /* libsrtp2 is one per process: srtp_init() answers bad_param when the
     * application (or a second copy of this plugin) started it already,
     * which leaves it usable. */
    if (started == srtp_err_status_bad_param) {
        plugin_log(CORDON_LOG_INFO, "libsrtp2 was already initialised in this process");
        g_started_libsrtp = false;
        return CORDON_STATUS_OK;
    }
    if (started != srtp_err_status_ok) {
        plugin_log(CORDON_LOG_ERROR, "libsrtp2 failed to initialise (status %d)", (int)started);
        plugin_host_deinit();
        return CORDON_STATUS_INTERNAL_ERROR;
    }
    g_started_libsrtp = true;
    return CORDON_STATUS_OK;
}

static void srtp_plugin_deinit(void)
{
    if (g_started_libsrtp)
        (void)srtp_shutdown();
    g_started_libsrtp = false;
    plugin_host_deinit();
}

static const cordon_media_encryption_interface srtp_interface = {
    .struct_size = sizeof(cordon_media_encryption_interface),
    .sdp_profile = "RTP/SAVP",
    .sdp_attribute = "crypto",
    .max_overhead = MAX_OVERHEAD_BYTES,
    .create = srtp_session_create,
    .destroy = srtp_session_destroy,
    .offer = srtp_session_offer,
    .answer = srtp_session_answer,
    .accept_answer = srtp_session_accept_answer,
    .protect_rtp = srtp_session_protect_rtp,
    .unprotect_rtp = srtp_session_unprotect_rtp,
    .protect_rtcp = srtp_session_protect_rtcp,
    .unprotect_rtcp = srtp_session_unprotect_rtcp,
};

static const void *srtp_get_interface(const char *interface_id)
{
    if (interface_id != NULL && strcmp(interface_id, CORDON_MEDIA_ENCRYPTION_INTERFACE_ID) == 0)
        return &srtp_interface;
    return NULL;
}

static const cordon_plugin_descriptor srtp_descriptor = {
    .abi_major = CORDON_ABI_MAJOR,
    .abi_minor = CORDON_ABI_MINOR,
    .struct_size = sizeof(cordon_plugin_descriptor),
    .kind = CORDON_PLUGIN_KIND_ENCRYPTION,
    .id = PLUGIN_ID,
    .name = PLUGIN_NAME,
    .vendor = PLUGIN_VENDOR,
    .version = PLUGIN_VERSION,
    .init = srtp_plugin_init,
    .deinit = srtp_plugin_deinit,
    .get_interface = srtp_get_interface,
};

const cordon_plugin_descriptor *encryption_srtp_descriptor(void) { return &srtp_descriptor; }
