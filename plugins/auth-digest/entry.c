/*
 * The one exported symbol of cordon-auth-digest. Alone in its file so that
 * the static library's users, which call auth_digest_descriptor(), do not
 * pull in a second cordon_plugin_entry next to another plugin's.
 */
#include "auth-digest/plugin_descriptor.h"

CORDON_PLUGIN_EXPORT const cordon_plugin_descriptor *cordon_plugin_entry(void);

CORDON_PLUGIN_EXPORT const cordon_plugin_descriptor *cordon_plugin_entry(void) { return auth_digest_descriptor(); }
