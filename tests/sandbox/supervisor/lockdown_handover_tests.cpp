// The child's one message before any plugin code runs, as the host reads it:
// a message of the wrong size or version, or with other than exactly one
// descriptor, is refused with the reason, and the descriptors it carried are
// not kept.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cstring>
#include <string>
#include <vector>

#include "sandbox/lockdown/lockdown_handover.hpp"
#include "tests/sandbox/supervisor/handover_socket_pair.hpp"

namespace cordon::sandbox {
namespace {

bool is_open(int fd) { return fcntl(fd, F_GETFD) != -1; }

// Sends payload with descriptors as SCM_RIGHTS, as a broken or forged child might.
void send_raw(int socket_fd, const std::vector<uint32_t> &payload, const std::vector<int> &descriptors)
{
    iovec part{const_cast<uint32_t *>(payload.data()), payload.size() * sizeof(uint32_t)};
    alignas(cmsghdr) std::array<char, CMSG_SPACE(4 * sizeof(int))> control{};
    msghdr header{};
    header.msg_iov = &part;
    header.msg_iovlen = 1;
    if (!descriptors.empty()) {
        header.msg_control = control.data();
        header.msg_controllen = CMSG_SPACE(descriptors.size() * sizeof(int));
        cmsghdr *rights = CMSG_FIRSTHDR(&header);
        rights->cmsg_level = SOL_SOCKET;
        rights->cmsg_type = SCM_RIGHTS;
        rights->cmsg_len = CMSG_LEN(descriptors.size() * sizeof(int));
        std::memcpy(CMSG_DATA(rights), descriptors.data(), descriptors.size() * sizeof(int));
    }
    ASSERT_GT(sendmsg(socket_fd, &header, 0), 0);
}

std::string refusal_of(const HandoverSocketPair &pair)
{
    auto received = receive_lockdown_handover(pair.host());
    EXPECT_FALSE(received);
    return received ? std::string() : received.error().message;
}

TEST(LockdownHandover, CarriesTheReportAndOneListener)
{
    HandoverSocketPair pair;
    const int listener = dup(STDIN_FILENO);
    LockdownReport report;
    report.landlock_abi = 4;
    report.unavailable_namespaces = {"net", "pid"};
    report.address_space_limited = true;
    ASSERT_TRUE(send_lockdown_handover(pair.child(), report, listener));
    close(listener);
    auto received = receive_lockdown_handover(pair.host());
    ASSERT_TRUE(received) << received.error().message;
    EXPECT_EQ(received->report.landlock_abi, 4);
    EXPECT_EQ(received->report.unavailable_namespaces, (std::vector<std::string>{"net", "pid"}));
    EXPECT_TRUE(received->report.address_space_limited);
    EXPECT_TRUE(is_open(received->listener_fd));
    close(received->listener_fd);
}

TEST(LockdownHandover, RefusesAShortMessage)
{
    HandoverSocketPair pair;
    const int listener = dup(STDIN_FILENO);
    send_raw(pair.child(), {1}, {listener});
    close(listener);
    EXPECT_NE(refusal_of(pair).find("a message of 4 bytes"), std::string::npos);
}

TEST(LockdownHandover, RefusesAnotherVersion)
{
    HandoverSocketPair pair;
    const int listener = dup(STDIN_FILENO);
    send_raw(pair.child(), {2, 0, 0, 0}, {listener});
    close(listener);
    EXPECT_NE(refusal_of(pair).find("version 2"), std::string::npos);
}

TEST(LockdownHandover, RefusesAMessageWithoutTheListener)
{
    HandoverSocketPair pair;
    send_raw(pair.child(), {1, 0, 0, 0}, {});
    EXPECT_NE(refusal_of(pair).find("0 descriptors"), std::string::npos);
}

TEST(LockdownHandover, RefusesTwoDescriptorsAndKeepsNeither)
{
    HandoverSocketPair pair;
    const int first = dup(STDIN_FILENO);
    const int second = dup(STDIN_FILENO);
    send_raw(pair.child(), {1, 0, 0, 0}, {first, second});
    close(first);
    close(second);
    // The received copies take the lowest free numbers: the ones just closed.
    EXPECT_NE(refusal_of(pair).find("2 descriptors"), std::string::npos);
    EXPECT_FALSE(is_open(first));
    EXPECT_FALSE(is_open(second));
}

TEST(LockdownHandover, SaysSoWhenTheChildClosedWithoutAWord)
{
    HandoverSocketPair pair;
    pair.close_child();
    EXPECT_NE(refusal_of(pair).find("closed the socket without sending its report"), std::string::npos);
}

} // namespace
} // namespace cordon::sandbox
