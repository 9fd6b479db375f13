// media.encryption applied to one call's offer and answer: which profile and
// crypto attributes go into the SDP, whether what the peer sent is enough,
// and the SRTP contexts that result. The keys themselves stay with the
// encryption plugin (SDES, sent only to an authenticated TLS next hop).
#pragma once

#include <memory>

#include "cordon/host/call_audio.hpp"
#include "cordon/host/media_encryption.hpp"
#include "cordon/host/result.hpp"
#include "sip/next_hop_security.hpp"
#include "sip/session_description.hpp"

namespace cordon::ua {

class MediaSecurity {
public:
    // Errors: unavailable when required and impossible (no encryption plugin,
    // or a next hop that is not authenticated, to which keys never go).
    static Result<MediaSecurity> start(MediaEncryption mode, const MediaEncryptionPlugin *plugin,
                                       const sip::NextHopSecurity &next_hop);

    // Offerer: the profile and crypto attributes of an offer (again for a
    // re-offer: the plugin keeps the keys).
    Result<void> add_to_offer(sip::SessionDescription &offer);
    // Offerer: the contexts the answer gives, or nullptr for plain RTP when
    // the mode allows it.
    Result<std::shared_ptr<MediaProtection>> accept_answer(const sip::SessionDescription &answer);
    // Answerer: fills the answer's crypto; unsupported (answer 488) when the
    // offer cannot be met under the mode.
    Result<std::shared_ptr<MediaProtection>> answer_offer(const sip::SessionDescription &offer,
                                                          sip::SessionDescription &answer);
    // Answerer, before ringing: would answer_offer accept this offer?
    Result<void> check_offer(const sip::SessionDescription &offer) const;

private:
    MediaSecurity(MediaEncryption mode, std::unique_ptr<MediaKeyExchange> keys) : mode_(mode), keys_(std::move(keys)) {}

    MediaEncryption mode_;
    std::unique_ptr<MediaKeyExchange> keys_; // nullptr: plain RTP only
    std::shared_ptr<MediaProtection> protection_;
};

} // namespace cordon::ua
