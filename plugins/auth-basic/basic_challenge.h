/*
 * One Basic challenge (RFC 7617 section 2): a required realm, and charset,
 * which may only be "UTF-8".
 */
#ifndef CORDON_AUTH_BASIC_CHALLENGE_H
#define CORDON_AUTH_BASIC_CHALLENGE_H

#include <stdbool.h>
#include <stddef.h>

#include "common/auth_params.h"

/* Parses text into list and sets *realm (inside list). False with error
 * filled when it is malformed, lacks a realm, has another charset, or has a
 * realm that is not printable ASCII of at most 255 bytes. */
bool basic_challenge_read(const char *text, size_t length, auth_param_list *list, auth_text *realm,
                          auth_parse_error *error);

#endif /* CORDON_AUTH_BASIC_CHALLENGE_H */
