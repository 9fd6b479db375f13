// When a silent peer's call is ended: only sendrecv calls are judged, and
// only once the limit has passed since the peer was last heard.
#include <chrono>

#include <gtest/gtest.h>

#include "ua/media_inactivity.hpp"

namespace cordon::ua {
namespace {

using namespace std::chrono_literals;
using sip::MediaDirection;

const auto start = std::chrono::steady_clock::time_point{} + 1000s;

TEST(MediaInactivity, ASendrecvPeerSilentForTheLimitIsOverdue)
{
    EXPECT_TRUE(judge_media_inactivity(MediaDirection::sendrecv, start, start + 30s, 30s).overdue);
    EXPECT_TRUE(judge_media_inactivity(MediaDirection::sendrecv, start, start + 90s, 30s).overdue);
}

TEST(MediaInactivity, APeerHeardWithinTheLimitIsJudgedAgainWhenItWouldRunOut)
{
    const MediaInactivity verdict = judge_media_inactivity(MediaDirection::sendrecv, start, start + 10s, 30s);
    EXPECT_FALSE(verdict.overdue);
    EXPECT_EQ(verdict.next_check, start + 30s);
}

// Held by the peer (our side recvonly or inactive) or holding it (sendonly):
// the peer owes no media, however long it has been silent.
TEST(MediaInactivity, ACallOnHoldEitherWayIsNeverOverdue)
{
    for (const MediaDirection direction :
         {MediaDirection::sendonly, MediaDirection::recvonly, MediaDirection::inactive}) {
        const MediaInactivity verdict = judge_media_inactivity(direction, start, start + 3600s, 30s);
        EXPECT_FALSE(verdict.overdue) << sip::to_string(direction);
        EXPECT_EQ(verdict.next_check, start + 3600s + 30s) << sip::to_string(direction);
    }
}

} // namespace
} // namespace cordon::ua
