/*
 * The descriptor under a name of its own, so that a program linking the
 * static library (the fuzz target) reaches it without the entry symbol;
 * entry.c exports it as cordon_plugin_entry in the shared library.
 */
#ifndef CORDON_ENCRYPTION_SMIME_PLUGIN_DESCRIPTOR_H
#define CORDON_ENCRYPTION_SMIME_PLUGIN_DESCRIPTOR_H

#include "cordon/plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

const cordon_plugin_descriptor *encryption_smime_descriptor(void);

#ifdef __cplusplus
}
#endif

#endif /* CORDON_ENCRYPTION_SMIME_PLUGIN_DESCRIPTOR_H */
