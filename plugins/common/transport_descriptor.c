/*
 * get_interface's answer for a transport plugin (see transport_descriptor.h).
 */
#include "common/transport_descriptor.h"

#include <string.h>

const void *transport_interface_if_asked(const char *interface_id, const cordon_transport_interface *interface)
{
    if (interface_id != NULL && strcmp(interface_id, CORDON_TRANSPORT_INTERFACE_ID) == 0)
        return interface;
    return NULL;
}
