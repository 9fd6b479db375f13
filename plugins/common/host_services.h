/*
 * The host services table a plugin keeps from init() to deinit(), and the
 * log line written through it.
 *
 * Part of cordon_plugin_support, a static library linked into each of
 * Cordon's own plugins. The table pointer is a static variable in
 * host_services.c: every plugin (shared object) that links this library
 * gets its own copy of it, which is what we want, since the host hands each
 * plugin its own table.
 */
#ifndef CORDON_PLUGIN_SUPPORT_HOST_SERVICES_H
#define CORDON_PLUGIN_SUPPORT_HOST_SERVICES_H

#include "cordon/plugin.h"

#if defined(__GNUC__)
#define PLUGIN_PRINTF_LIKE(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define PLUGIN_PRINTF_LIKE(fmt, args)
#endif

/* A descriptor's init: keeps host when it covers the log function and its
 * major is ours. INVALID_ARGUMENT for a NULL or too short table or a NULL
 * log, UNSUPPORTED for another major. */
cordon_status plugin_host_init(const cordon_host_services *host);

/* A descriptor's deinit: forgets the table. */
void plugin_host_deinit(void);

/* One log line through the host services, formatted like printf and cut to a
 * bounded length; dropped before init or after deinit. Callable from any
 * thread, as the host's log is. */
void plugin_log(cordon_log_level level, const char *format, ...) PLUGIN_PRINTF_LIKE(2, 3);

#endif /* CORDON_PLUGIN_SUPPORT_HOST_SERVICES_H */
