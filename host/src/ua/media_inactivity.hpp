// Whether a call's peer, which owes us media, has been silent too long.
// Only a call left sendrecv is judged: a peer that holds us (sendonly or
// inactive) may send nothing at all (RFC 3264 section 8.4 leaves music on
// hold to the holder), and a peer we hold owes nothing.
#pragma once

#include <chrono>

#include "sip/session_description.hpp"

namespace cordon::ua {

struct MediaInactivity {
    bool overdue = false;
    std::chrono::steady_clock::time_point next_check; // when not overdue: when to judge again
};

// last_heard: the last packet from the peer that authenticated, or when the
// stream last (re)started.
MediaInactivity judge_media_inactivity(sip::MediaDirection direction, std::chrono::steady_clock::time_point last_heard,
                                       std::chrono::steady_clock::time_point now, std::chrono::milliseconds limit);

} // namespace cordon::ua
