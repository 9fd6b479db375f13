// The host's filter and Landlock ruleset for a child, as the child's
// lockdown reads and installs them: they arrive whole, and a message that
// is missing, cut, of another version, inconsistent, carrying descriptors
// it does not announce, or a program compiled for another process or other
// descriptors than the child's is refused with the reason before any
// seccomp() call, keeping none of the descriptors it carried.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstring>
#include <string>
#include <vector>

#include "sandbox/lockdown/landlock.hpp"
#include "sandbox/lockdown/seccomp_policy.hpp"
#include "sandbox/lockdown/supervised_program_delivery.hpp"
#include "tests/sandbox/supervisor/handover_socket_pair.hpp"

namespace cordon::sandbox {
namespace {

constexpr int handover_fd_number = 6;
constexpr std::array kept_fd_numbers = {1, 2, 3, 4, 5};
constexpr std::chrono::milliseconds short_wait{50};

SupervisedProgram compiled()
{
    auto program = compile_supervised_policy(PolicyFds{kept_fd_numbers, handover_fd_number}, getpid());
    EXPECT_TRUE(program) << program.error().message;
    return program ? *program : SupervisedProgram{};
}

// What a plugin in this test's own directory could read while loading.
LandlockRuleset a_ruleset()
{
    const std::string readable[] = {"/usr/lib"};
    LandlockRuleset ruleset = build_read_only_ruleset(readable);
    EXPECT_GT(ruleset.abi(), 0) << "this kernel has no Landlock: " << ruleset.reason();
    return ruleset;
}

LandlockRuleset no_ruleset() { return LandlockRuleset::unavailable("the kernel has no Landlock (test)"); }

// The lowest descriptor number free now: where the next one received lands.
int lowest_free_descriptor()
{
    const int probe = fcntl(0, F_DUPFD_CLOEXEC, 0);
    close(probe);
    return probe;
}

std::string refusal_of(const HandoverSocketPair &pair)
{
    auto received = receive_supervised_program(pair.child(), short_wait);
    EXPECT_FALSE(received);
    return received ? std::string() : received.error().message;
}

void send_bytes(int socket_fd, const std::vector<uint32_t> &words)
{
    ASSERT_EQ(send(socket_fd, words.data(), words.size() * sizeof(uint32_t), 0),
              static_cast<ssize_t>(words.size() * sizeof(uint32_t)));
}

// A header as the delivery lays it out: version, pid, count, 16
// descriptors, handover, instruction count, Landlock ABI, 160 bytes of reason.
std::vector<uint32_t> header(uint32_t version, uint32_t kept_count, uint32_t instruction_count,
                             int32_t landlock_abi = 0)
{
    std::vector<uint32_t> words{version, static_cast<uint32_t>(getpid()), kept_count};
    words.resize(3 + 16, 0);
    words.push_back(handover_fd_number);
    words.push_back(instruction_count);
    words.push_back(static_cast<uint32_t>(landlock_abi));
    words.resize(words.size() + 160 / sizeof(uint32_t), 0);
    return words;
}

// Sends words with the given descriptors attached (SCM_RIGHTS).
void send_with_descriptors(int socket_fd, const std::vector<uint32_t> &words, const std::vector<int> &fds)
{
    iovec part{const_cast<uint32_t *>(words.data()), words.size() * sizeof(uint32_t)};
    std::vector<char> control(CMSG_SPACE(fds.size() * sizeof(int)));
    msghdr message{};
    message.msg_iov = &part;
    message.msg_iovlen = 1;
    message.msg_control = control.data();
    message.msg_controllen = control.size();
    cmsghdr *rights = CMSG_FIRSTHDR(&message);
    rights->cmsg_level = SOL_SOCKET;
    rights->cmsg_type = SCM_RIGHTS;
    rights->cmsg_len = CMSG_LEN(fds.size() * sizeof(int));
    std::memcpy(CMSG_DATA(rights), fds.data(), fds.size() * sizeof(int));
    ASSERT_GT(sendmsg(socket_fd, &message, 0), 0);
}

TEST(SupervisedProgramDelivery, ACompiledProgramAndItsRulesetArriveWhole)
{
    const SupervisedProgram sent = compiled();
    ASSERT_FALSE(sent.instructions.empty());
    const LandlockRuleset ruleset = a_ruleset();
    HandoverSocketPair pair;
    ASSERT_TRUE(send_supervised_program(pair.host(), sent, ruleset));
    auto received = receive_supervised_program(pair.child(), short_wait);
    ASSERT_TRUE(received) << received.error().message;
    EXPECT_EQ(received->program.pid, getpid());
    EXPECT_EQ(received->program.kept_fds, std::vector<int>(kept_fd_numbers.begin(), kept_fd_numbers.end()));
    EXPECT_EQ(received->program.handover_fd, handover_fd_number);
    ASSERT_EQ(received->program.instructions.size(), sent.instructions.size());
    EXPECT_EQ(std::memcmp(received->program.instructions.data(), sent.instructions.data(),
                          sent.instructions.size() * sizeof(sock_filter)),
              0);
    // The child's own copy of the same ruleset.
    EXPECT_EQ(received->ruleset.abi(), ruleset.abi());
    ASSERT_GE(received->ruleset.fd(), 0);
    EXPECT_NE(received->ruleset.fd(), ruleset.fd());
    char target[64] = {};
    const std::string link = "/proc/self/fd/" + std::to_string(received->ruleset.fd());
    ASSERT_GT(readlink(link.c_str(), target, sizeof(target) - 1), 0);
    EXPECT_STREQ(target, "anon_inode:[landlock-ruleset]");
}

TEST(SupervisedProgramDelivery, TheHostsReasonForNoRulesetArrivesWithoutADescriptor)
{
    HandoverSocketPair pair;
    const int lowest = lowest_free_descriptor();
    ASSERT_TRUE(send_supervised_program(pair.host(), compiled(), no_ruleset()));
    auto received = receive_supervised_program(pair.child(), short_wait);
    ASSERT_TRUE(received) << received.error().message;
    EXPECT_EQ(received->ruleset.fd(), -1);
    EXPECT_EQ(received->ruleset.abi(), 0);
    EXPECT_EQ(received->ruleset.reason(), "the kernel has no Landlock (test)");
    EXPECT_EQ(lowest_free_descriptor(), lowest);
}

TEST(SupervisedProgramDelivery, AReceivedRulesetIsWhatTheChildApplies)
{
    // In a child process: Landlock cannot be undone.
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        HandoverSocketPair pair;
        const std::string readable[] = {"/usr/lib"};
        const LandlockRuleset sent = build_read_only_ruleset(readable);
        if (!send_supervised_program(pair.host(), compiled(), sent)) {
            _exit(2);
        }
        auto received = receive_supervised_program(pair.child(), short_wait);
        if (!received || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
            _exit(3);
        }
        if (restrict_self_with(received->ruleset).abi != sent.abi()) {
            _exit(4);
        }
        // Beneath /usr/lib: readable; anywhere else: refused.
        const bool inside = open("/usr/lib", O_RDONLY | O_DIRECTORY | O_CLOEXEC) >= 0;
        const bool outside = open("/etc/passwd", O_RDONLY | O_CLOEXEC) >= 0;
        _exit(inside && !outside ? 0 : 5);
    }
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0) << "2: not sent, 3: not received, 4: not applied, 5: not what it allows";
}

TEST(SupervisedProgramDelivery, AChildThatHasEndedIsToldApartFromAFailure)
{
    HandoverSocketPair pair;
    pair.close_child(); // it ended before its lockdown
    auto sent = send_supervised_program(pair.host(), compiled(), no_ruleset());
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
    auto words = header(1, 0, 1);
    words.insert(words.end(), {0, 0});
    send_bytes(pair.host(), words);
    EXPECT_NE(refusal_of(pair).find("version 1"), std::string::npos);
}

TEST(SupervisedProgramDelivery, SizesThatDoNotAddUpAreRefused)
{
    {
        HandoverSocketPair pair;
        auto words = header(2, 0, 3); // three instructions announced, one sent
        words.insert(words.end(), {0, 0});
        send_bytes(pair.host(), words);
        EXPECT_NE(refusal_of(pair).find("do not add up"), std::string::npos);
    }
    {
        HandoverSocketPair pair;
        auto words = header(2, 17, 1); // more descriptors than the header holds
        words.insert(words.end(), {0, 0});
        send_bytes(pair.host(), words);
        EXPECT_NE(refusal_of(pair).find("do not add up"), std::string::npos);
    }
    {
        HandoverSocketPair pair;
        send_bytes(pair.host(), header(2, 0, 0)); // no program at all
        EXPECT_NE(refusal_of(pair).find("do not add up"), std::string::npos);
    }
}

TEST(SupervisedProgramDelivery, AProgramLongerThanTheKernelTakesIsRefused)
{
    HandoverSocketPair pair;
    auto words = header(2, 0, BPF_MAXINSNS + 2);
    words.resize(words.size() + 2 * (BPF_MAXINSNS + 2), 0);
    send_bytes(pair.host(), words);
    EXPECT_NE(refusal_of(pair).find("longer than any program"), std::string::npos);
}

TEST(SupervisedProgramDelivery, ADescriptorTheHeaderDoesNotAnnounceIsRefusedAndKeptByNoOne)
{
    HandoverSocketPair pair;
    const int lowest = lowest_free_descriptor();
    auto words = header(2, 0, 1); // no ruleset announced
    words.insert(words.end(), {0, 0});
    send_with_descriptors(pair.host(), words, {pair.host()});
    EXPECT_NE(refusal_of(pair).find("carried 1 descriptors, not the 0 its header announces"), std::string::npos);
    EXPECT_EQ(lowest_free_descriptor(), lowest) << "a descriptor from the message was installed";
}

TEST(SupervisedProgramDelivery, AnAnnouncedRulesetThatIsMissingIsRefused)
{
    HandoverSocketPair pair;
    auto words = header(2, 0, 1, 6);
    words.insert(words.end(), {0, 0});
    send_bytes(pair.host(), words);
    EXPECT_NE(refusal_of(pair).find("carried 0 descriptors, not the 1 its header announces"), std::string::npos);
}

TEST(SupervisedProgramDelivery, MoreDescriptorsThanTheOneRulesetAreRefusedAndKeptByNoOne)
{
    const int lowest = lowest_free_descriptor();
    for (const size_t count : {2U, 5U}) {
        HandoverSocketPair pair;
        auto words = header(2, 0, 1, 6);
        words.insert(words.end(), {0, 0});
        send_with_descriptors(pair.host(), words, std::vector<int>(count, pair.host()));
        const std::string refusal = refusal_of(pair);
        EXPECT_TRUE(refusal.find("carried 2 descriptors") != std::string::npos ||
                    refusal.find("more descriptors than the one ruleset") != std::string::npos)
            << count << ": " << refusal;
    }
    EXPECT_EQ(lowest_free_descriptor(), lowest) << "a descriptor from a refused message was installed";
}

TEST(SupervisedProgramDelivery, ANegativeLandlockAbiIsRefused)
{
    HandoverSocketPair pair;
    auto words = header(2, 0, 1, -1);
    words.insert(words.end(), {0, 0});
    send_bytes(pair.host(), words);
    EXPECT_NE(refusal_of(pair).find("Landlock ABI -1"), std::string::npos);
}

TEST(SupervisedProgramInstall, AProgramForOtherDescriptorsIsRefusedBeforeLoading)
{
    const SupervisedProgram program = compiled();
    const std::array other_fds = {1, 2, 3, 4, 7};
    auto installed = install_supervised_program(program, PolicyFds{other_fds, handover_fd_number});
    ASSERT_FALSE(installed);
    EXPECT_NE(installed.error().message.find("compiled for descriptors {1,2,3,4,5}"), std::string::npos)
        << installed.error().message;
    auto other_handover = install_supervised_program(program, PolicyFds{kept_fd_numbers, handover_fd_number + 1});
    ASSERT_FALSE(other_handover);
    EXPECT_NE(other_handover.error().message.find("handover 6"), std::string::npos);
}

TEST(SupervisedProgramInstall, AProgramForAnotherProcessIsRefusedBeforeLoading)
{
    auto program = compile_supervised_policy(PolicyFds{kept_fd_numbers, handover_fd_number}, getpid() + 1);
    ASSERT_TRUE(program) << program.error().message;
    auto installed = install_supervised_program(*program, PolicyFds{kept_fd_numbers, handover_fd_number});
    ASSERT_FALSE(installed);
    EXPECT_NE(installed.error().message.find("compiled for process " + std::to_string(getpid() + 1)), std::string::npos)
        << installed.error().message;
}

TEST(SupervisedProgramInstall, AnEmptyProgramIsRefusedBeforeLoading)
{
    SupervisedProgram program = compiled();
    program.instructions.clear();
    auto installed = install_supervised_program(program, PolicyFds{kept_fd_numbers, handover_fd_number});
    ASSERT_FALSE(installed);
    EXPECT_NE(installed.error().message.find("0 instructions"), std::string::npos);
}

} // namespace
} // namespace cordon::sandbox
