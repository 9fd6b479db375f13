// The host's filter for a child, as the child's lockdown reads and installs
// it: a program arrives whole, and one that is missing, cut, of another
// version, inconsistent, carrying descriptors, or compiled for another
// process or other descriptors than the child's is refused with the reason
// before any seccomp() call.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstring>
#include <string>
#include <vector>

#include "handover_socket_pair.hpp"
#include "lockdown/seccomp_policy.hpp"
#include "lockdown/supervised_program_delivery.hpp"

namespace cordon::sandbox {
namespace {

constexpr int kHandoverFd = 6;
constexpr std::array kKeptFds = {1, 2, 3, 4, 5};
constexpr std::chrono::milliseconds kShortWait{50};

SupervisedProgram compiled()
{
    auto program = compile_supervised_policy(PolicyFds{kKeptFds, kHandoverFd}, getpid());
    EXPECT_TRUE(program) << program.error().message;
    return program ? *program : SupervisedProgram{};
}

std::string refusal_of(const HandoverSocketPair &pair)
{
    auto received = receive_supervised_program(pair.child(), kShortWait);
    EXPECT_FALSE(received);
    return received ? std::string() : received.error().message;
}

void send_bytes(int socket_fd, const std::vector<uint32_t> &words)
{
    ASSERT_EQ(send(socket_fd, words.data(), words.size() * sizeof(uint32_t), 0),
              static_cast<ssize_t>(words.size() * sizeof(uint32_t)));
}

// A header as the delivery lays it out: version, pid, count, 16
// descriptors, handover, instruction count.
std::vector<uint32_t> header(uint32_t version, uint32_t kept_count, uint32_t instruction_count)
{
    std::vector<uint32_t> words{version, static_cast<uint32_t>(getpid()), kept_count};
    words.resize(3 + 16, 0);
    words.push_back(kHandoverFd);
    words.push_back(instruction_count);
    return words;
}

TEST(SupervisedProgramDelivery, ACompiledProgramArrivesWhole)
{
    const SupervisedProgram sent = compiled();
    ASSERT_FALSE(sent.instructions.empty());
    HandoverSocketPair pair;
    ASSERT_TRUE(send_supervised_program(pair.host(), sent));
    auto received = receive_supervised_program(pair.child(), kShortWait);
    ASSERT_TRUE(received) << received.error().message;
    EXPECT_EQ(received->pid, getpid());
    EXPECT_EQ(received->kept_fds, std::vector<int>(kKeptFds.begin(), kKeptFds.end()));
    EXPECT_EQ(received->handover_fd, kHandoverFd);
    ASSERT_EQ(received->instructions.size(), sent.instructions.size());
    EXPECT_EQ(std::memcmp(received->instructions.data(), sent.instructions.data(),
                          sent.instructions.size() * sizeof(sock_filter)),
              0);
}

TEST(SupervisedProgramDelivery, AChildThatHasEndedIsToldApartFromAFailure)
{
    HandoverSocketPair pair;
    pair.close_child(); // it ended before its lockdown
    auto sent = send_supervised_program(pair.host(), compiled());
    ASSERT_FALSE(sent);
    EXPECT_EQ(sent.error().code, ErrorCode::unavailable) << sent.error().message;
}

TEST(SupervisedProgramDelivery, NoProgramWithinTheWaitIsRefused)
{
    HandoverSocketPair pair;
    EXPECT_NE(refusal_of(pair).find("none arrived within 50 ms"), std::string::npos);
}

TEST(SupervisedProgramDelivery, AHostThatClosedItsEndEndsTheWaitAtOnce)
{
    HandoverSocketPair pair;
    pair.close_host();
    const auto start = std::chrono::steady_clock::now();
    auto received = receive_supervised_program(pair.child(), std::chrono::milliseconds(5000));
    ASSERT_FALSE(received);
    EXPECT_NE(received.error().message.find("closed the socket"), std::string::npos) << received.error().message;
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST(SupervisedProgramDelivery, AMessageShorterThanItsHeaderIsRefused)
{
    HandoverSocketPair pair;
    send_bytes(pair.host(), {1, 0, 0});
    EXPECT_NE(refusal_of(pair).find("shorter than its header"), std::string::npos);
}

TEST(SupervisedProgramDelivery, AnotherVersionIsRefused)
{
    HandoverSocketPair pair;
    auto words = header(2, 0, 1);
    words.insert(words.end(), {0, 0});
    send_bytes(pair.host(), words);
    EXPECT_NE(refusal_of(pair).find("version 2"), std::string::npos);
}

TEST(SupervisedProgramDelivery, SizesThatDoNotAddUpAreRefused)
{
    {
        HandoverSocketPair pair;
        auto words = header(1, 0, 3); // three instructions announced, one sent
        words.insert(words.end(), {0, 0});
        send_bytes(pair.host(), words);
        EXPECT_NE(refusal_of(pair).find("do not add up"), std::string::npos);
    }
    {
        HandoverSocketPair pair;
        auto words = header(1, 17, 1); // more descriptors than the header holds
        words.insert(words.end(), {0, 0});
        send_bytes(pair.host(), words);
        EXPECT_NE(refusal_of(pair).find("do not add up"), std::string::npos);
    }
    {
        HandoverSocketPair pair;
        send_bytes(pair.host(), header(1, 0, 0)); // no program at all
        EXPECT_NE(refusal_of(pair).find("do not add up"), std::string::npos);
    }
}

TEST(SupervisedProgramDelivery, AProgramLongerThanTheKernelTakesIsRefused)
{
    HandoverSocketPair pair;
    auto words = header(1, 0, BPF_MAXINSNS + 2);
    words.resize(words.size() + 2 * (BPF_MAXINSNS + 2), 0);
    send_bytes(pair.host(), words);
    EXPECT_NE(refusal_of(pair).find("longer than any program"), std::string::npos);
}

TEST(SupervisedProgramDelivery, AMessageCarryingDescriptorsIsRefusedAndKeepsNone)
{
    HandoverSocketPair pair;
    const int before = fcntl(0, F_DUPFD_CLOEXEC, 0);
    close(before); // the lowest free number now
    auto words = header(1, 0, 1);
    words.insert(words.end(), {0, 0});
    iovec part{words.data(), words.size() * sizeof(uint32_t)};
    alignas(cmsghdr) std::array<char, CMSG_SPACE(sizeof(int))> control{};
    msghdr message{};
    message.msg_iov = &part;
    message.msg_iovlen = 1;
    message.msg_control = control.data();
    message.msg_controllen = control.size();
    cmsghdr *rights = CMSG_FIRSTHDR(&message);
    rights->cmsg_level = SOL_SOCKET;
    rights->cmsg_type = SCM_RIGHTS;
    rights->cmsg_len = CMSG_LEN(sizeof(int));
    const int carried = pair.host();
    std::memcpy(CMSG_DATA(rights), &carried, sizeof(int));
    ASSERT_GT(sendmsg(pair.host(), &message, 0), 0);
    EXPECT_NE(refusal_of(pair).find("carried descriptors"), std::string::npos);
    const int after = fcntl(0, F_DUPFD_CLOEXEC, 0);
    close(after);
    EXPECT_EQ(after, before) << "a descriptor from the message was installed";
}

TEST(SupervisedProgramInstall, AProgramForOtherDescriptorsIsRefusedBeforeLoading)
{
    const SupervisedProgram program = compiled();
    const std::array other_fds = {1, 2, 3, 4, 7};
    auto installed = install_supervised_program(program, PolicyFds{other_fds, kHandoverFd});
    ASSERT_FALSE(installed);
    EXPECT_NE(installed.error().message.find("compiled for descriptors {1,2,3,4,5}"), std::string::npos)
        << installed.error().message;
    auto other_handover = install_supervised_program(program, PolicyFds{kKeptFds, kHandoverFd + 1});
    ASSERT_FALSE(other_handover);
    EXPECT_NE(other_handover.error().message.find("handover 6"), std::string::npos);
}

TEST(SupervisedProgramInstall, AProgramForAnotherProcessIsRefusedBeforeLoading)
{
    auto program = compile_supervised_policy(PolicyFds{kKeptFds, kHandoverFd}, getpid() + 1);
    ASSERT_TRUE(program) << program.error().message;
    auto installed = install_supervised_program(*program, PolicyFds{kKeptFds, kHandoverFd});
    ASSERT_FALSE(installed);
    EXPECT_NE(installed.error().message.find("compiled for process " + std::to_string(getpid() + 1)), std::string::npos)
        << installed.error().message;
}

TEST(SupervisedProgramInstall, AnEmptyProgramIsRefusedBeforeLoading)
{
    SupervisedProgram program = compiled();
    program.instructions.clear();
    auto installed = install_supervised_program(program, PolicyFds{kKeptFds, kHandoverFd});
    ASSERT_FALSE(installed);
    EXPECT_NE(installed.error().message.find("0 instructions"), std::string::npos);
}

} // namespace
} // namespace cordon::sandbox
