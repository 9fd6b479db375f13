/*
 * get_interface's answer for a codec plugin (see codec_descriptor.h).
 */
#include "common/codec_descriptor.h"

#include <string.h>

const void *codec_interface_if_asked(const char *interface_id, const cordon_codec_interface *interface)
{
    if (interface_id != NULL && strcmp(interface_id, CORDON_CODEC_INTERFACE_ID) == 0)
        return interface;
    return NULL;
}
