// The queue towards the application: one waiting update per contact, the
// newest state wins, full means dropped, and every figure is exact.
#include <string>

#include <gtest/gtest.h>

#include "ua/presence_queue.hpp"

namespace cordon::ua {
namespace {

PresenceUpdate update(const std::string &contact, PresenceBasic basic, const std::string &note = {})
{
    PresenceUpdate update;
    update.contact = contact;
    update.state = SubscriptionState::active;
    update.status.basic = basic;
    update.status.note = note;
    return update;
}

TEST(PresenceQueue, ANewerStateReplacesTheWaitingOneInItsPlace)
{
    PresenceQueue queue(8);
    EXPECT_EQ(queue.put(update("sip:a@x", PresenceBasic::open)), PresenceQueue::Outcome::queued);
    EXPECT_EQ(queue.put(update("sip:b@x", PresenceBasic::open)), PresenceQueue::Outcome::queued);
    EXPECT_EQ(queue.put(update("sip:a@x", PresenceBasic::closed, "away")), PresenceQueue::Outcome::coalesced);
    EXPECT_EQ(queue.size(), 2u);

    const auto taken = queue.take(10);
    ASSERT_EQ(taken.size(), 2u);
    EXPECT_EQ(taken[0].contact, "sip:a@x") << "a waits since before b: it keeps its place";
    EXPECT_EQ(taken[0].status.basic, PresenceBasic::closed);
    EXPECT_EQ(taken[0].status.note, "away");
    EXPECT_EQ(taken[1].contact, "sip:b@x");
    EXPECT_EQ(queue.coalesced(), 1u);
    EXPECT_EQ(queue.delivered(), 2u);
    EXPECT_EQ(queue.size(), 0u);
}

TEST(PresenceQueue, TakesAtMostWhatIsAskedOldestFirst)
{
    PresenceQueue queue(8);
    for (const char *contact : {"sip:1@x", "sip:2@x", "sip:3@x"}) {
        queue.put(update(contact, PresenceBasic::open));
    }
    auto first = queue.take(2);
    ASSERT_EQ(first.size(), 2u);
    EXPECT_EQ(first[0].contact, "sip:1@x");
    EXPECT_EQ(first[1].contact, "sip:2@x");
    EXPECT_TRUE(queue.take(0).empty());
    EXPECT_EQ(queue.put(update("sip:1@x", PresenceBasic::closed)), PresenceQueue::Outcome::queued)
        << "taken updates no longer wait: a new state queues again";
    auto rest = queue.take(5);
    ASSERT_EQ(rest.size(), 2u);
    EXPECT_EQ(rest[0].contact, "sip:3@x");
    EXPECT_EQ(rest[1].contact, "sip:1@x");
    EXPECT_EQ(queue.delivered(), 4u);
    EXPECT_EQ(queue.coalesced(), 0u);
}

TEST(PresenceQueue, FullDropsNewContactsButStillCoalescesWaitingOnes)
{
    PresenceQueue queue(2);
    queue.put(update("sip:a@x", PresenceBasic::open));
    queue.put(update("sip:b@x", PresenceBasic::open));
    EXPECT_EQ(queue.put(update("sip:c@x", PresenceBasic::open)), PresenceQueue::Outcome::dropped);
    EXPECT_EQ(queue.put(update("sip:b@x", PresenceBasic::closed)), PresenceQueue::Outcome::coalesced);
    EXPECT_EQ(queue.dropped(), 1u);
    EXPECT_EQ(queue.coalesced(), 1u);
    EXPECT_EQ(queue.peak(), 2u);
    const auto taken = queue.take(5);
    ASSERT_EQ(taken.size(), 2u);
    EXPECT_EQ(taken[1].status.basic, PresenceBasic::closed);
}

TEST(PresenceQueue, ManyStatesOfManyContactsLeaveTheNewestOfEach)
{
    constexpr int contacts = 300;
    constexpr int rounds = 20;
    PresenceQueue queue(contacts);
    for (int round = 0; round < rounds; ++round) {
        for (int c = 0; c < contacts; ++c) {
            queue.put(update("sip:" + std::to_string(c) + "@x", PresenceBasic::open, std::to_string(round)));
        }
    }
    EXPECT_EQ(queue.size(), static_cast<std::size_t>(contacts));
    EXPECT_EQ(queue.coalesced(), static_cast<std::uint64_t>(contacts * (rounds - 1)));
    for (const auto &taken : queue.take(contacts)) {
        EXPECT_EQ(taken.status.note, std::to_string(rounds - 1)) << taken.contact;
    }
}

} // namespace
} // namespace cordon::ua
