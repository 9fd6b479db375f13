// The host's view of a media encryption plugin: for one call, the key
// exchange carried in SDP (SDES a=crypto values) and then the protection of
// its RTP and RTCP packets. Keys pass through here only inside the attribute
// values for the SDP; nothing in this file logs them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "cordon/host/result.hpp"

namespace cordon {

// Whether the SDP of a call travels to an authenticated TLS next hop (its
// certificate and name verified; the user agent derives it per flow). SDES
// keys are written and taken only over tls; over plain, which includes TLS
// whose server was not verified, every negotiation call fails with
// ErrorCode::signalling_not_secure.
enum class SignallingSecurity { plain, tls };

// One call's SRTP contexts after a negotiation. Not thread-safe: calls on
// the objects of one call (this, its MediaKeyExchange and other
// MediaProtection objects from it) must be serialised by the caller.
class MediaProtection {
public:
    virtual ~MediaProtection() = default;
    // The suite this negotiation chose, e.g. "AES_CM_128_HMAC_SHA1_80". A
    // later negotiation on the same call switches the contexts every
    // MediaProtection of that call uses; use the newest one's suite().
    virtual const std::string &suite() const = 0;
    // The most bytes protect_rtp or protect_rtcp adds: keep this much room.
    virtual size_t max_overhead() const = 0;
    // In place: buffer.size() is the capacity, length the bytes used; returns
    // the new length. unprotect fails with authentication_failed or replayed
    // for a packet to drop, malformed_input for one that is not RTP/RTCP.
    virtual Result<size_t> protect_rtp(std::span<uint8_t> buffer, size_t length) = 0;
    virtual Result<size_t> unprotect_rtp(std::span<uint8_t> buffer, size_t length) = 0;
    virtual Result<size_t> protect_rtcp(std::span<uint8_t> buffer, size_t length) = 0;
    virtual Result<size_t> unprotect_rtcp(std::span<uint8_t> buffer, size_t length) = 0;
};

// One call's negotiation. offer() again on the same call (a re-INVITE)
// returns the same values; an answer repeating the accepted key keeps the
// contexts (and their replay state), a new key from the peer re-keys.
class MediaKeyExchange {
public:
    virtual ~MediaKeyExchange() = default;
    virtual const std::string &sdp_profile() const = 0;   // "RTP/SAVP"
    virtual const std::string &sdp_attribute() const = 0; // "crypto"
    // The values of the a=crypto lines to offer, most preferred first.
    virtual Result<std::vector<std::string>> offer() = 0;
    // The peer's answer to the last offer (its a=crypto values).
    virtual Result<std::shared_ptr<MediaProtection>> accept_answer(const std::vector<std::string> &answer) = 0;
    struct Answer {
        std::vector<std::string> attributes; // the a=crypto values to answer with
        std::shared_ptr<MediaProtection> protection;
    };
    // Answers the peer's offer. no_acceptable_crypto: answer 488;
    // malformed_input: a value breaks the grammar (the message says which).
    virtual Result<Answer> answer(const std::vector<std::string> &offer) = 0;
};

class MediaEncryptionPlugin {
public:
    virtual ~MediaEncryptionPlugin() = default;
    virtual const std::string &id() const = 0;
    virtual const std::string &sdp_profile() const = 0;
    // The most bytes any suite's protect adds (before a negotiation says).
    virtual size_t max_overhead() const = 0;
    // A negotiation for one call whose signalling has this security.
    virtual Result<std::unique_ptr<MediaKeyExchange>> start(SignallingSecurity security) const = 0;
};

} // namespace cordon
