#include "ua/media_security.hpp"

namespace cordon::ua {

namespace {

constexpr const char *plain_profile = "RTP/AVP";

bool offers_keys(const sip::SessionDescription &description) { return !description.crypto.empty(); }

} // namespace

Result<MediaSecurity> MediaSecurity::start(MediaEncryption mode, const MediaEncryptionPlugin *plugin,
                                           const sip::NextHopSecurity &next_hop)
{
    if (mode == MediaEncryption::off) {
        return MediaSecurity(mode, nullptr);
    }
    const bool required = mode == MediaEncryption::required;
    if (plugin == nullptr) {
        if (required) {
            return Error{ErrorCode::unavailable, "media.encryption is required, but no encryption plugin is loaded "
                                                 "(the built-in one is encryption-srtp)"};
        }
        return MediaSecurity(mode, nullptr);
    }
    if (!next_hop.authenticated) {
        if (required) {
            return Error{ErrorCode::unavailable,
                         "media.encryption is required, but this call's next hop is " + next_hop.name +
                             ", not an authenticated TLS server, and SRTP keys (SDES) go to no other: use transport = "
                             "\"tls\" with tls.verify = true, or media.encryption = \"optional\""};
        }
        return MediaSecurity(mode, nullptr);
    }
    auto keys = plugin->start(SignallingSecurity::tls);
    if (!keys) {
        if (required) {
            return Error{keys.error().code, "media.encryption is required: " + keys.error().message};
        }
        return MediaSecurity(mode, nullptr);
    }
    return MediaSecurity(mode, std::move(*keys));
}

Result<void> MediaSecurity::add_to_offer(sip::SessionDescription &offer)
{
    offer.crypto.clear();
    offer.audio_profile = plain_profile;
    if (!keys_) {
        return {};
    }
    auto values = keys_->offer();
    if (!values) {
        if (mode_ == MediaEncryption::required) {
            return values.error();
        }
        return {};
    }
    offer.crypto = std::move(*values);
    // required: RTP/SAVP, which a peer without SRTP refuses; optional: keys
    // offered under RTP/AVP, used when the peer answers with its own.
    if (mode_ == MediaEncryption::required) {
        offer.audio_profile = keys_->sdp_profile();
    }
    return {};
}

Result<std::shared_ptr<MediaProtection>> MediaSecurity::accept_answer(const sip::SessionDescription &answer)
{
    if (!keys_ || !offers_keys(answer)) {
        if (mode_ == MediaEncryption::required) {
            return Error{ErrorCode::no_acceptable_crypto, "the answer carries no SRTP keys, and media.encryption "
                                                          "is required"};
        }
        protection_.reset();
        return std::shared_ptr<MediaProtection>();
    }
    auto protection = keys_->accept_answer(answer.crypto);
    if (!protection) {
        return protection.error();
    }
    protection_ = *protection;
    return protection_;
}

Result<void> MediaSecurity::check_offer(const sip::SessionDescription &offer) const
{
    const bool secure_profile = offer.audio_profile != plain_profile;
    if (mode_ == MediaEncryption::required && (!keys_ || !offers_keys(offer))) {
        return Error{ErrorCode::unsupported, keys_ ? "the offer carries no SRTP keys, and media.encryption is required"
                                                   : "media.encryption is required, but this agent cannot use SRTP "
                                                     "on this call (no plugin, or signalling not TLS)"};
    }
    if (secure_profile && !keys_) {
        return Error{ErrorCode::unsupported,
                     "the offer asks for " + offer.audio_profile + ", and this agent does not use SRTP on this call"};
    }
    return {};
}

Result<std::shared_ptr<MediaProtection>> MediaSecurity::answer_offer(const sip::SessionDescription &offer,
                                                                     sip::SessionDescription &answer)
{
    answer.crypto.clear();
    if (auto acceptable = check_offer(offer); !acceptable) {
        return acceptable.error();
    }
    if (!keys_ || !offers_keys(offer)) {
        protection_.reset();
        return std::shared_ptr<MediaProtection>();
    }
    auto answered = keys_->answer(offer.crypto);
    if (!answered) {
        const bool plain_possible = mode_ != MediaEncryption::required && offer.audio_profile == plain_profile;
        if (plain_possible) {
            protection_.reset();
            return std::shared_ptr<MediaProtection>();
        }
        return Error{ErrorCode::unsupported, "no acceptable SRTP offer: " + answered.error().message};
    }
    answer.crypto = std::move(answered->attributes);
    protection_ = answered->protection;
    return protection_;
}

} // namespace cordon::ua
