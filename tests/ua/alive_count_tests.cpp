// AliveCount: what the agent's "alive" figures are made of. A token counts
// from its making to its end, moves without counting twice, and may outlive
// the counter that made it.
#include <memory>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/alive_count.hpp"

namespace cordon {
namespace {

TEST(AliveCount, CountsTokensFromTheirMakingToTheirEnd)
{
    AliveCount count;
    EXPECT_EQ(count.now(), 0u);
    {
        std::vector<AliveCount::Token> tokens;
        for (int made = 0; made < 5; ++made) {
            tokens.push_back(count.token());
        }
        EXPECT_EQ(count.now(), 5u);
        tokens.pop_back();
        EXPECT_EQ(count.now(), 4u);
    }
    EXPECT_EQ(count.now(), 0u);
}

TEST(AliveCount, AMovedTokenCountsOnceAndAnEmptyOneNotAtAll)
{
    AliveCount count;
    AliveCount::Token first = count.token();
    AliveCount::Token second = std::move(first);
    EXPECT_EQ(count.now(), 1u);
    AliveCount::Token third = count.token();
    third = std::move(second); // the token third held ends
    EXPECT_EQ(count.now(), 1u);
    AliveCount::Token empty;
    third = std::move(empty);
    EXPECT_EQ(count.now(), 0u);
}

TEST(AliveCount, CopiesShareOneCountAndATokenMayOutliveThem)
{
    auto count = std::make_unique<AliveCount>();
    const AliveCount shared = *count;
    AliveCount::Token token = count->token();
    EXPECT_EQ(shared.now(), 1u);
    count.reset();
    EXPECT_EQ(shared.now(), 1u);
    token = AliveCount::Token();
    EXPECT_EQ(shared.now(), 0u);
}

} // namespace
} // namespace cordon
