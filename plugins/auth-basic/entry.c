/*
 * The one exported symbol of cordon-auth-basic. Alone in its file so that
 * the static library's users, which call auth_basic_descriptor(), do not
 * pull in a second cordon_plugin_entry next to another plugin's.
 */
#include "auth-basic/plugin_descriptor.h"

CORDON_PLUGIN_EXPORT const cordon_plugin_descriptor *cordon_plugin_entry(void);

CORDON_PLUGIN_EXPORT const cordon_plugin_descriptor *cordon_plugin_entry(void) { return auth_basic_descriptor(); }
