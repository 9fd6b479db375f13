/*
 * A Digest session: the policy it was created with and the nonce counts it
 * keeps, and answer(), which picks the strongest challenge it may answer and
 * writes the answer.
 */
#ifndef CORDON_AUTH_DIGEST_SESSION_H
#define CORDON_AUTH_DIGEST_SESSION_H

#include "auth-digest/digest_challenge.h"
#include "auth-digest/nonce_counter.h"
#include "cordon/auth.h"

struct cordon_auth_session {
    digest_policy policy;
    nonce_counter counter;
};

/* cordon_auth_interface.answer for Digest (contract in cordon/auth.h). Among
 * the challenges that parse and that the policy allows, the one with the
 * strongest algorithm is answered (SHA-512-256 > SHA-256 > MD5; the first
 * offered among equals). */
cordon_status digest_session_answer(cordon_auth_session *session, const cordon_auth_request *request,
                                    const cordon_auth_challenge *challenges, uint32_t count, char *answer,
                                    size_t answer_capacity, size_t *answer_length, cordon_auth_outcome *outcome);

#endif /* CORDON_AUTH_DIGEST_SESSION_H */
