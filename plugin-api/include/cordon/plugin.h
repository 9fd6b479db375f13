/*
 * Cordon plugin ABI: the entry point, the descriptor and the host services.
 *
 * Plain C11, also valid C++. Nothing here depends on a C++ type, an exception
 * or an allocator. The version rules, ownership and threading contract are
 * written down in plugin-api/README.md; the comments below repeat what each
 * field needs.
 */
#ifndef CORDON_PLUGIN_H
#define CORDON_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ABI version of these headers. A plugin records the values it was compiled
 * with in its descriptor; the host compares them with its own. */
#define CORDON_ABI_MAJOR 1u
#define CORDON_ABI_MINOR 1u

/* The one symbol every plugin exports. Its type is cordon_plugin_entry_fn. */
#define CORDON_PLUGIN_ENTRY_SYMBOL "cordon_plugin_entry"

#if defined(_WIN32)
#define CORDON_PLUGIN_EXPORT __declspec(dllexport)
#else
#define CORDON_PLUGIN_EXPORT __attribute__((visibility("default")))
#endif

/* Limits the host enforces on descriptor strings, in bytes without the NUL. */
#define CORDON_MAX_ID_BYTES 128u
#define CORDON_MAX_NAME_BYTES 128u
#define CORDON_MAX_VERSION_BYTES 64u

/* Result of every call across the ABI. Values are fixed forever; new ones are
 * only appended. A value the host does not know is treated as
 * CORDON_STATUS_INTERNAL_ERROR. cordon_status_message() gives the text. */
typedef enum cordon_status {
    CORDON_STATUS_OK = 0,
    /* An argument is NULL, out of range or inconsistent with the instance. */
    CORDON_STATUS_INVALID_ARGUMENT = 1,
    /* The output capacity cannot hold the result; nothing useful was written. */
    CORDON_STATUS_BUFFER_TOO_SMALL = 2,
    /* The configuration or operation is valid but this plugin does not do it. */
    CORDON_STATUS_UNSUPPORTED = 3,
    /* The input data (a packet, a parameter value) is malformed. */
    CORDON_STATUS_MALFORMED_INPUT = 4,
    /* The plugin could not allocate what it needed. */
    CORDON_STATUS_OUT_OF_MEMORY = 5,
    /* Anything else went wrong inside the plugin. */
    CORDON_STATUS_INTERNAL_ERROR = 6
} cordon_status;

static inline const char *cordon_status_message(cordon_status status)
{
    switch (status) {
    case CORDON_STATUS_OK:
        return "ok";
    case CORDON_STATUS_INVALID_ARGUMENT:
        return "invalid argument";
    case CORDON_STATUS_BUFFER_TOO_SMALL:
        return "output buffer too small";
    case CORDON_STATUS_UNSUPPORTED:
        return "unsupported by this plugin";
    case CORDON_STATUS_MALFORMED_INPUT:
        return "malformed input";
    case CORDON_STATUS_OUT_OF_MEMORY:
        return "out of memory";
    case CORDON_STATUS_INTERNAL_ERROR:
        return "internal plugin error";
    }
    return "unknown status (treated as internal plugin error)";
}

/* What a plugin is for. Values are fixed forever; new kinds are appended. */
typedef enum cordon_plugin_kind {
    CORDON_PLUGIN_KIND_TRANSPORT = 1,  /* moves SIP bytes: UDP, TCP, TLS */
    CORDON_PLUGIN_KIND_AUTH = 2,       /* answers challenges: digest, Basic */
    CORDON_PLUGIN_KIND_ENCRYPTION = 3, /* protects media and bodies: SRTP */
    CORDON_PLUGIN_KIND_CODEC = 4       /* encodes and decodes audio */
} cordon_plugin_kind;

typedef enum cordon_log_level {
    CORDON_LOG_ERROR = 0,
    CORDON_LOG_WARNING = 1,
    CORDON_LOG_INFO = 2,
    CORDON_LOG_DEBUG = 3
} cordon_log_level;

/*
 * Services the host offers a plugin. The host owns the table; it stays valid
 * from init() until deinit() returns. A plugin must check struct_size before
 * reading a field added after ABI 1.0 (none yet).
 */
typedef struct cordon_host_services {
    /* sizeof(cordon_host_services) as the host compiled it. */
    uint32_t struct_size;
    /* The host's ABI version: a plugin built for a newer minor must not use
     * what this minor lacks (see README, "Newer minor"). */
    uint32_t abi_major;
    uint32_t abi_minor;
    /* Opaque to the plugin: identifies the plugin to the host. Pass the table
     * itself back to each function below. */
    void *host_data;
    /* Writes one log line attributed to this plugin. message is a NUL
     * terminated UTF-8 string owned by the caller, copied before return; the
     * host adds no newline handling, so pass one line. Never NULL. Callable
     * from any thread; does not block on I/O for longer than a write. */
    void (*log)(const struct cordon_host_services *host, cordon_log_level level, const char *message);
    /* Monotonic clock in nanoseconds from an unspecified origin. Never NULL.
     * Callable from any thread, never blocks. */
    uint64_t (*monotonic_ns)(const struct cordon_host_services *host);
    /* Returns a further host service by versioned id ("cordon.<name>/<rev>"),
     * or NULL when this host does not offer it. Never NULL itself. The result
     * lives as long as this table. Later ABI minors add services here (fd
     * watches and timers for transports). */
    const void *(*get_service)(const struct cordon_host_services *host, const char *service_id);
} cordon_host_services;

/*
 * What the entry symbol returns. The plugin owns the descriptor and every
 * string and table it points to; they must stay valid and unchanged until the
 * library is unloaded (a static const object is the natural choice).
 *
 * Fields up to get_interface form ABI 1.0 and are always read. Fields a later
 * minor appends are read only when struct_size covers them.
 */
typedef struct cordon_plugin_descriptor {
    /* CORDON_ABI_MAJOR and CORDON_ABI_MINOR as the plugin was compiled. */
    uint32_t abi_major;
    uint32_t abi_minor;
    /* sizeof(cordon_plugin_descriptor) as the plugin was compiled. */
    uint32_t struct_size;
    /* A cordon_plugin_kind value (stored as uint32_t to fix its size). */
    uint32_t kind;
    /* Stable reverse-DNS identifier, e.g. "org.cordon.codec.opus": lower-case
     * ASCII letters, digits, '-', '_', at least two dot-separated labels, at
     * most CORDON_MAX_ID_BYTES. Never reused for a different plugin. */
    const char *id;
    /* Human-readable name and vendor, UTF-8, 1..CORDON_MAX_NAME_BYTES. */
    const char *name;
    const char *vendor;
    /* The plugin's own version, e.g. "1.4.2", printable ASCII,
     * 1..CORDON_MAX_VERSION_BYTES. */
    const char *version;
    /* Called once, on the host's main thread, after the descriptor has been
     * validated and before get_interface. host stays valid until deinit
     * returns. Return CORDON_STATUS_OK or the plugin is refused (deinit is then
     * not called). May be NULL when there is nothing to set up. */
    cordon_status (*init)(const cordon_host_services *host);
    /* Called once before the library is unloaded, on the host's main thread,
     * after every instance the plugin created has been destroyed. May be
     * NULL. */
    void (*deinit)(void);
    /* Returns the interface with this versioned id ("cordon.codec/1"), or NULL
     * when the plugin does not implement it. The result is owned by the plugin
     * and lives until deinit. Called on the host's main thread after init.
     * Required. */
    const void *(*get_interface)(const char *interface_id);
} cordon_plugin_descriptor;

/* The type of the exported entry symbol. It must not allocate, block or have
 * side effects: the host may call it more than once, before init. */
typedef const cordon_plugin_descriptor *(*cordon_plugin_entry_fn)(void);

#ifdef __cplusplus
}
#endif

#endif /* CORDON_PLUGIN_H */
