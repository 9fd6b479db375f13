// encryption-srtp opened as the host opens it (descriptor, init, interface),
// for the srtp_unprotect and sdes_crypto fuzz targets, and sessions made
// through its ABI with fixed keys, so that every run of an input is the same.
#pragma once

#include <cstdint>
#include <string>

#include "cordon/media_encryption.h"

namespace cordon::fuzz {

[[noreturn]] void srtp_contract_broken(const char *rule);

inline void srtp_require(bool holds, const char *rule)
{
    if (!holds) {
        srtp_contract_broken(rule);
    }
}

// The plugin's interface, kept for the life of the process.
const cordon_media_encryption_interface &srtp_interface();

// A session over TLS signalling; aborts if the plugin refuses one.
cordon_media_session *new_srtp_session();

// The fixed values a peer offers: suite 0 AES-CM, 1 GCM.
std::string fixed_offer(int suite);

// A session that answered fixed_offer(suite): it unprotects what a sender
// with the fixed key protected.
cordon_media_session *answered_with_fixed_key(int suite);

// Two sessions of one call negotiated through the ABI: a protects, b
// unprotects.
struct SrtpPair {
    cordon_media_session *a = nullptr;
    cordon_media_session *b = nullptr;
    uint32_t overhead = 0;
};
SrtpPair negotiated_pair(int suite);

// Checks what every reply of a negotiation call must hold.
void check_negotiation(cordon_media_status status, const cordon_media_negotiation &reply);

} // namespace cordon::fuzz
