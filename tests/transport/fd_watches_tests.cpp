// The host's fd watches on an Asio loop: level triggered, safe to unwatch,
// close or destroy from inside the listener, and never closing a descriptor.
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "cordon/transport.h"
#include "tests/transport/transport_test_support.hpp"
#include "transport/fd_watches.hpp"

namespace cordon {
namespace {

using test::run_until;

class Listener final : public FdWatchListener {
public:
    void on_fd_ready(int fd, uint32_t ready) override
    {
        calls.push_back(ready);
        if (when_ready) {
            when_ready(fd, ready);
        }
    }
    void on_fd_closed_while_watched(int fd) override { closed.push_back(fd); }

    std::vector<uint32_t> calls;
    std::vector<int> closed;
    std::function<void(int, uint32_t)> when_ready;
};

class FdWatchesTest : public testing::Test {
protected:
    FdWatchesTest() : watches_(std::make_unique<FdWatches>(loop_, listener_))
    {
        EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, pair_), 0);
    }
    ~FdWatchesTest() override
    {
        watches_.reset();
        for (const int fd : pair_) {
            if (fd >= 0) {
                ::close(fd);
            }
        }
    }

    int watched() const { return pair_[0]; }
    void peer_writes(const char *bytes) { ASSERT_GT(::write(pair_[1], bytes, strlen(bytes)), 0); }
    char read_one() const
    {
        char byte = 0;
        EXPECT_EQ(::read(pair_[0], &byte, 1), 1);
        return byte;
    }
    // Runs whatever is ready now, without waiting for anything new.
    void settle()
    {
        for (int turn = 0; turn < 8; ++turn) {
            loop_.restart();
            loop_.poll();
        }
    }
    static bool is_open(int fd) { return ::fcntl(fd, F_GETFD) != -1; }

    boost::asio::io_context loop_;
    Listener listener_;
    std::unique_ptr<FdWatches> watches_;
    int pair_[2] = {-1, -1};
};

TEST_F(FdWatchesTest, CallsAgainWhileTheDescriptorStaysReady)
{
    listener_.when_ready = [&](int, uint32_t) { read_one(); }; // one byte per call
    peer_writes("abc");
    ASSERT_TRUE(watches_->watch(watched(), CORDON_FD_READABLE).ok());
    ASSERT_TRUE(run_until(loop_, [&] { return listener_.calls.size() == 3; }));
    settle();
    EXPECT_EQ(listener_.calls.size(), 3u);
    EXPECT_EQ(listener_.calls[0], CORDON_FD_READABLE);

    peer_writes("d"); // readiness that comes later wakes it too
    ASSERT_TRUE(run_until(loop_, [&] { return listener_.calls.size() == 4; }));
}

TEST_F(FdWatchesTest, ZeroInterestPausesAndResumingSeesWhatArrivedMeanwhile)
{
    ASSERT_TRUE(watches_->watch(watched(), 0).ok());
    peer_writes("x");
    settle();
    EXPECT_TRUE(listener_.calls.empty());
    listener_.when_ready = [&](int, uint32_t) { read_one(); };
    ASSERT_TRUE(watches_->watch(watched(), CORDON_FD_READABLE).ok());
    EXPECT_TRUE(run_until(loop_, [&] { return listener_.calls.size() == 1; }));
}

TEST_F(FdWatchesTest, ReportsWritableAndStopsWhenTheInterestDrops)
{
    listener_.when_ready = [&](int fd, uint32_t) { ASSERT_TRUE(watches_->watch(fd, CORDON_FD_READABLE).ok()); };
    ASSERT_TRUE(watches_->watch(watched(), CORDON_FD_WRITABLE).ok());
    ASSERT_TRUE(run_until(loop_, [&] { return !listener_.calls.empty(); }));
    EXPECT_EQ(listener_.calls[0], CORDON_FD_WRITABLE);
    settle();
    EXPECT_EQ(listener_.calls.size(), 1u);
}

TEST_F(FdWatchesTest, AddsTheErrorBitWhenThePeerHangsUp)
{
    listener_.when_ready = [&](int fd, uint32_t) { watches_->unwatch(fd); };
    ::close(pair_[1]);
    pair_[1] = -1;
    ASSERT_TRUE(watches_->watch(watched(), CORDON_FD_READABLE).ok());
    ASSERT_TRUE(run_until(loop_, [&] { return !listener_.calls.empty(); }));
    EXPECT_EQ(listener_.calls[0], CORDON_FD_READABLE | CORDON_FD_ERROR);
}

TEST_F(FdWatchesTest, UnwatchingFromInsideTheListenerEndsCallsAndLeavesTheDescriptorOpen)
{
    listener_.when_ready = [&](int fd, uint32_t) { watches_->unwatch(fd); };
    peer_writes("x");
    ASSERT_TRUE(watches_->watch(watched(), CORDON_FD_READABLE | CORDON_FD_WRITABLE).ok());
    ASSERT_TRUE(run_until(loop_, [&] { return !listener_.calls.empty(); }));
    settle();
    EXPECT_EQ(listener_.calls.size(), 1u);
    EXPECT_TRUE(is_open(watched()));
    EXPECT_EQ(watches_->size(), 0u);
}

TEST_F(FdWatchesTest, TheWatchesMayBeDestroyedFromInsideTheListener)
{
    listener_.when_ready = [&](int, uint32_t) { watches_.reset(); };
    peer_writes("x");
    ASSERT_TRUE(watches_->watch(watched(), CORDON_FD_READABLE | CORDON_FD_WRITABLE).ok());
    ASSERT_TRUE(run_until(loop_, [&] { return watches_ == nullptr; }));
    peer_writes("y");
    settle();
    EXPECT_EQ(listener_.calls.size(), 1u);
    EXPECT_TRUE(is_open(watched()));
}

TEST_F(FdWatchesTest, DestroyedWithWaitsPendingItCallsNothingAndClosesNothing)
{
    ASSERT_TRUE(watches_->watch(watched(), CORDON_FD_READABLE).ok());
    settle(); // the wait is now in the reactor
    watches_.reset();
    peer_writes("x");
    settle();
    EXPECT_TRUE(listener_.calls.empty());
    EXPECT_TRUE(is_open(watched()));
}

TEST_F(FdWatchesTest, NoticesADescriptorClosedWhileStillWatched)
{
    const int fd = watched();
    listener_.when_ready = [&](int, uint32_t) {
        ::close(pair_[0]); // the plugin's mistake: close before unwatch
        pair_[0] = -1;
    };
    peer_writes("x");
    ASSERT_TRUE(watches_->watch(fd, CORDON_FD_READABLE).ok());
    ASSERT_TRUE(run_until(loop_, [&] { return !listener_.closed.empty(); }));
    EXPECT_EQ(listener_.closed[0], fd);
    EXPECT_EQ(listener_.calls.size(), 1u);
    EXPECT_EQ(watches_->size(), 0u);
}

TEST_F(FdWatchesTest, RefusesWhatCannotBeWatched)
{
    EXPECT_EQ(watches_->watch(-1, CORDON_FD_READABLE).error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(watches_->watch(watched(), CORDON_FD_ERROR).error().code, ErrorCode::invalid_argument);
    const int closed = ::dup(watched());
    ::close(closed);
    const auto refused = watches_->watch(closed, CORDON_FD_READABLE);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("is not open"), std::string::npos) << refused.error().message;
}

} // namespace
} // namespace cordon
