/*
 * The descriptor under a name of its own, so that a program linking several
 * plugins' static libraries (the digest_challenge fuzz target) can reach each
 * one; entry.c exports it as cordon_plugin_entry in the shared library.
 */
#ifndef CORDON_AUTH_BASIC_PLUGIN_DESCRIPTOR_H
#define CORDON_AUTH_BASIC_PLUGIN_DESCRIPTOR_H

#include "cordon/plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

const cordon_plugin_descriptor *auth_basic_descriptor(void);

#ifdef __cplusplus
}
#endif

#endif /* CORDON_AUTH_BASIC_PLUGIN_DESCRIPTOR_H */
