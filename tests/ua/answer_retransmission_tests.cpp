// A 2xx to an INVITE is sent again at T1, then twice the interval before, until its ACK,
// and given up on (once) when the ACK never comes.
#include <chrono>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include "ua/answer_retransmission.hpp"

namespace cordon::ua {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

void run_for(boost::asio::io_context &loop, std::chrono::milliseconds duration)
{
    const auto deadline = Clock::now() + duration;
    while (Clock::now() < deadline) {
        loop.run_for(10ms);
        loop.restart();
    }
}

TEST(AnswerRetransmission, ResendsAtT1DoublingAndGivesUpOnceWithoutAnAck)
{
    boost::asio::io_context loop;
    const auto started = Clock::now();
    std::vector<Clock::duration> sent_at;
    int gave_up = 0;
    AnswerRetransmission answer(
        loop, 1, 2000ms, [&] { sent_at.push_back(Clock::now() - started); }, [&] { ++gave_up; });
    run_for(loop, 2600ms);
    // Sent again at 0.5 s and 1.5 s (T1, then 2*T1 later); at 2 s it gives up.
    ASSERT_EQ(sent_at.size(), 2u);
    EXPECT_GE(sent_at[0], 500ms);
    EXPECT_LT(sent_at[0], 800ms);
    EXPECT_GE(sent_at[1], 1500ms);
    EXPECT_LT(sent_at[1], 1900ms);
    EXPECT_EQ(gave_up, 1);
}

TEST(AnswerRetransmission, TheAckOfThisAnswerStopsEverything)
{
    boost::asio::io_context loop;
    int sent = 0;
    int gave_up = 0;
    AnswerRetransmission answer(
        loop, 7, 1500ms, [&] { ++sent; }, [&] { ++gave_up; });
    run_for(loop, 700ms);
    EXPECT_EQ(sent, 1);
    EXPECT_FALSE(answer.acknowledge(6)) << "an ACK of an earlier 2xx";
    EXPECT_TRUE(answer.acknowledge(7));
    run_for(loop, 1500ms);
    EXPECT_EQ(sent, 1);
    EXPECT_EQ(gave_up, 0);
}

} // namespace
} // namespace cordon::ua
