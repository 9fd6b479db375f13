/*
 * get_interface's answer for an auth plugin (see auth_descriptor.h).
 */
#include "common/auth_descriptor.h"

#include <string.h>

const void *auth_interface_if_asked(const char *interface_id, const cordon_auth_interface *interface)
{
    if (interface_id != NULL && strcmp(interface_id, CORDON_AUTH_INTERFACE_ID) == 0)
        return interface;
    return NULL;
}
