#include "ua/media_inactivity.hpp"

namespace cordon::ua {

MediaInactivity judge_media_inactivity(sip::MediaDirection direction, std::chrono::steady_clock::time_point last_heard,
                                       std::chrono::steady_clock::time_point now, std::chrono::milliseconds limit)
{
    if (direction != sip::MediaDirection::sendrecv) {
        return {false, now + limit}; // a resume restarts the stream, and with it last_heard
    }
    const auto due = last_heard + limit;
    if (now >= due) {
        return {true, now};
    }
    return {false, due};
}

} // namespace cordon::ua
