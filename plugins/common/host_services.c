/*
 * The host services table and the log wrapper (see host_services.h).
 */
#include "common/host_services.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/* A longer line is cut, never split: the host takes one line per call. */
#define LOG_LINE_BYTES 256u

/* The table must reach at least as far as the log function we call. */
#define HOST_V1_SIZE (offsetof(cordon_host_services, log) + sizeof(void (*)(void)))

/* The only mutable global: set by init, cleared by deinit (both on the host's
 * main thread, never concurrently with a call into the plugin). This library
 * is static, so each plugin linking it has its own copy: one table per
 * plugin, as the host intends. */
static const cordon_host_services *g_host;

cordon_status plugin_host_init(const cordon_host_services *host)
{
    if (host == NULL || host->struct_size < HOST_V1_SIZE)
        return CORDON_STATUS_INVALID_ARGUMENT;
    if (host->abi_major != CORDON_ABI_MAJOR)
        return CORDON_STATUS_UNSUPPORTED;
    if (host->log == NULL)
        return CORDON_STATUS_INVALID_ARGUMENT;
    g_host = host;
    return CORDON_STATUS_OK;
}

void plugin_host_deinit(void) { g_host = NULL; }

void plugin_log(cordon_log_level level, const char *format, ...)
{
    const cordon_host_services *host = g_host;
    if (host == NULL)
        return;
    char line[LOG_LINE_BYTES];
    va_list args;
    va_start(args, format);
    (void)vsnprintf(line, sizeof line, format, args);
    va_end(args);
    host->log(host, level, line);
}
