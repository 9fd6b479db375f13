// How a UserAgent (user_agent.hpp) behaves: its limits, how calls end by
// themselves, the opt-in listening port, media and body encryption,
// codecs and presence. Every default is the secure one.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "cordon/host/body_encryption.hpp"
#include "cordon/host/call_audio.hpp"
#include "cordon/host/presence.hpp"

namespace cordon {

struct UserAgentOptions {
    std::size_t max_transactions = 64;
    std::size_t max_calls = 4; // concurrent dialogs; more incoming calls get 486
    // How long a call may ring: an incoming call neither answered nor
    // declined by then is refused 480 Temporarily Unavailable, and an
    // outgoing one with no final response is cancelled; either ends with a
    // reason that says so. Three minutes, as RFC 3261's Timer C.
    std::chrono::milliseconds ring_timeout{std::chrono::minutes(3)};
    // An established sendrecv call that has received no media that
    // authenticates (RTP or RTCP) for this long is ended with a BYE; a call
    // on hold is never. 0: never.
    std::chrono::milliseconds media_inactivity_timeout{std::chrono::seconds(60)};
    // RFC 3261's 64*T1 (32 s) where the call itself times it: how long a 2xx
    // to an INVITE is sent again while its ACK does not come before the call
    // ends with a BYE (section 13.3.1.4), and how long a cancelled INVITE
    // waits for its final response before it is given up (section 9.1).
    // Shorter only where round trips are known to be short; the
    // transactions' own timers keep 64*T1.
    std::chrono::milliseconds timer_64_t1{std::chrono::seconds(32)};
    std::chrono::seconds keep_alive_interval{30}; // RFC 5626 CRLF ping; 0: off
    std::chrono::seconds keep_alive_timeout{10};  // streams: no pong by then ends the flow
    // Opt-in: also listen on this fixed port of the local address (0: never,
    // the default). Only peers in listen_allow are heard; empty: only the
    // next hop (outbound proxy or registrar).
    std::uint16_t listen_port = 0;
    std::vector<std::string> listen_allow;
    // SRTP for every call unless set otherwise (see call_audio.hpp).
    MediaEncryption media_encryption = MediaEncryption::required;
    // Encoding names to offer and accept, most preferred first ("opus",
    // "PCMU"); empty: every format of the loaded codec plugins.
    std::vector<std::string> codecs;
    // Presence limits (see presence.hpp), and the watchers allowed to see
    // this user's presence when the application sets no on_watcher handler
    // (URIs, "sip:bob@example.com"); empty: nobody.
    PresenceLimits presence;
    std::vector<std::string> presence_watchers;
    // MESSAGE bodies: S/MIME when the next hop is not TLS (the default,
    // when_no_tls), always, or never; the own identity and the peers'
    // certificates (body_encryption.hpp). A message that must be encrypted
    // and cannot be is not sent: send_message fails with
    // ErrorCode::encryption_unavailable and says why.
    BodyEncryptionSettings body_encryption;
};

} // namespace cordon
