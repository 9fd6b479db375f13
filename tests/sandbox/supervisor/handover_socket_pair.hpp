// The handover socket between a sandbox child and its host, as the tests
// make it: a connected SOCK_SEQPACKET pair whose ends close themselves, and
// either end closed early to play a child or host that has gone.
#pragma once

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

namespace cordon::sandbox {

class HandoverSocketPair {
public:
    HandoverSocketPair() { EXPECT_EQ(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, ends_), 0); }
    ~HandoverSocketPair()
    {
        close_end(ends_[0]);
        close_end(ends_[1]);
    }
    HandoverSocketPair(const HandoverSocketPair &) = delete;
    HandoverSocketPair &operator=(const HandoverSocketPair &) = delete;

    int child() const { return ends_[0]; }
    int host() const { return ends_[1]; }
    void close_child() { close_end(ends_[0]); }
    void close_host() { close_end(ends_[1]); }

private:
    static void close_end(int &fd)
    {
        if (fd >= 0) {
            close(fd);
            fd = -1;
        }
    }

    int ends_[2] = {-1, -1};
};

} // namespace cordon::sandbox
