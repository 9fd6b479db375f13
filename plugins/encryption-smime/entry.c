/*
 * The one exported symbol of cordon-encryption-smime, alone in its file so
 * that users of the static library do not get a second cordon_plugin_entry.
 */
#include "encryption-smime/plugin_descriptor.h"

CORDON_PLUGIN_EXPORT const cordon_plugin_descriptor *cordon_plugin_entry(void);

CORDON_PLUGIN_EXPORT const cordon_plugin_descriptor *cordon_plugin_entry(void) { return encryption_smime_descriptor(); }
