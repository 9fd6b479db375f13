/*
 * The create() parameters of the TLS transport, read strictly: unknown names,
 * names given twice and empty or unknown values are refused, so a misspelt
 * security setting never passes silently.
 */
#ifndef CORDON_TRANSPORT_TLS_SETTINGS_H
#define CORDON_TRANSPORT_TLS_SETTINGS_H

#include <stddef.h>

#include "cordon/transport.h"

typedef struct tls_settings {
    const char *ca_file;          /* NULL: the system store */
    const char *certificate_file; /* NULL: no certificate of our own */
    const char *private_key_file;
    int verify;      /* 1 unless tls.verify=false */
    int min_version; /* TLS1_2_VERSION or TLS1_3_VERSION */
} tls_settings;

/* The strings stay the host's, valid during create() only. */
cordon_status tls_settings_read(const cordon_transport_config *config, tls_settings *settings, char *error,
                                size_t error_capacity);

#endif /* CORDON_TRANSPORT_TLS_SETTINGS_H */
