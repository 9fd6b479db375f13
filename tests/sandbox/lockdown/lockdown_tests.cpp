// Each case spawns sandbox_lockdown_probe, a real process that locks itself
// down and then tries one thing, and checks how it ended and what it left.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/landlock.h>

#include <csignal>
#include <cstdint>
#include <string>

#include "tests/sandbox/lockdown/probe_protocol.hpp"
#include "tests/sandbox/lockdown/probe_runner.hpp"

namespace cordon::sandbox::probe {
namespace {

bool file_exists(const std::string &path)
{
    struct stat status {};
    return stat(path.c_str(), &status) == 0;
}

void remove_temporary(const std::string &path)
{
    unlink(path.c_str());
    rmdir(path.substr(0, path.rfind('/')).c_str());
}

bool killed_by(const ProbeRun &run, int signal) { return !run.exited && run.signal == signal; }

// ---- Loading phase -------------------------------------------------------

TEST(LoadingLockdown, LoadsARealPluginAfterLockingDown)
{
    const ProbeRun run = run_probe("loading", "load-plugin");
    ASSERT_TRUE(run.exited && run.exit_code == exit_succeeded) << run.describe();
    EXPECT_EQ(report_value(run, "plugin"), "loaded") << run.describe();
}

TEST(LoadingLockdown, ReadingAFileStillWorks)
{
    const ProbeRun run = run_probe("loading", "open-read", CORDON_PROBE_READABLE_FILE);
    EXPECT_TRUE(run.exited && run.exit_code == exit_succeeded) << run.describe();
}

TEST(LoadingLockdown, OpeningAFileForWritingKillsTheProcess)
{
    const std::string path = fresh_temporary_path("written-while-loading");
    const ProbeRun run = run_probe("loading", "open-write", path);
    EXPECT_TRUE(killed_by(run, SIGSYS)) << run.describe();
    EXPECT_FALSE(file_exists(path));
    remove_temporary(path);
}

TEST(LoadingLockdown, SocketKillsTheProcess)
{
    const ProbeRun run = run_probe("loading", "socket");
    EXPECT_TRUE(killed_by(run, SIGSYS)) << run.describe();
}

TEST(LoadingLockdown, EnvironmentIsEmpty)
{
    ASSERT_NE(getenv("PATH"), nullptr) << "the suite passes its own environment on, so there is one to clear";
    const ProbeRun run = run_probe("loading", "count-env");
    ASSERT_TRUE(run.exited && run.exit_code == exit_succeeded) << run.describe();
    EXPECT_EQ(report_value(run, "env"), "0") << run.describe();
}

TEST(LoadingLockdown, OnlyTheKeptDescriptorsAreOpen)
{
    // Inheritable on purpose (no O_CLOEXEC): lockdown must close them.
    const int stray_read = open("/dev/null", O_RDONLY);
    const int stray_write = open("/dev/null", O_WRONLY);
    ASSERT_GE(stray_read, 0);
    ASSERT_GE(stray_write, 0);
    const ProbeRun run = run_probe("loading", "list-fds", "", {-1, {stray_read, stray_write}});
    close(stray_read);
    close(stray_write);
    ASSERT_TRUE(run.exited && run.exit_code == exit_succeeded) << run.describe();
    // stderr (the log fd), the report pipe and the IPC eventfd.
    EXPECT_EQ(report_value(run, "fds"), "2,3,4") << run.describe();
}

TEST(LoadingLockdown, FileGrowthIsRefusedEvenOnAKeptDescriptor)
{
    const std::string path = fresh_temporary_path("kept-file");
    const int file = open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    ASSERT_GE(file, 0);
    const ProbeRun run = run_probe("loading", "write-ipc", "", {file, {}});
    close(file);
    EXPECT_TRUE(killed_by(run, SIGXFSZ)) << "RLIMIT_FSIZE 0: " << run.describe();
    struct stat status {};
    ASSERT_EQ(stat(path.c_str(), &status), 0);
    EXPECT_EQ(status.st_size, 0);
    remove_temporary(path);
}

TEST(LoadingLockdown, AllocationBeyondTheAddressSpaceLimitFails)
{
#if defined(CORDON_SANDBOX_SANITIZER_RUNTIME)
    // Sanitizer builds cannot have RLIMIT_AS; the skip must be reported.
    const ProbeRun run = run_probe("loading", "none");
    ASSERT_TRUE(run.exited && run.exit_code == exit_succeeded) << run.describe();
    EXPECT_EQ(report_value(run, "address_space_limited"), "0") << run.describe();
    EXPECT_NE(run.log.find("RLIMIT_AS not set"), std::string::npos) << run.describe();
#else
    const ProbeRun run = run_probe("loading", "alloc-beyond-limit");
    ASSERT_TRUE(run.exited && run.exit_code == exit_succeeded) << run.describe();
    EXPECT_EQ(report_value(run, "address_space_limited"), "1") << run.describe();
    EXPECT_EQ(report_value(run, "alloc"), "null") << run.describe();
#endif
}

std::uint64_t own_namespace_inode(const std::string &name)
{
    struct stat status {};
    return stat(("/proc/self/ns/" + name).c_str(), &status) == 0 ? status.st_ino : 0;
}

TEST(LoadingLockdown, EntersNewNamespacesOrSaysInOneLineWhichNot)
{
    const ProbeRun run = run_probe("loading", "ns-inode", "net");
    ASSERT_TRUE(run.exited && run.exit_code == exit_succeeded) << run.describe();
    const std::string unavailable = report_value(run, "namespaces_unavailable");
    const std::string marker = "new namespaces not available here";
    if (unavailable.empty()) {
        EXPECT_EQ(run.log.find(marker), std::string::npos) << run.describe();
        EXPECT_NE(report_value(run, "ns"), std::to_string(own_namespace_inode("net"))) << run.describe();
    } else {
        const std::size_t first = run.log.find(marker);
        ASSERT_NE(first, std::string::npos) << run.describe();
        EXPECT_EQ(run.log.find(marker, first + 1), std::string::npos) << "exactly one line: " << run.describe();
    }
}

TEST(LoadingLockdown, AppliesLandlockWhereTheKernelHasIt)
{
    const long kernel_abi = syscall(SYS_landlock_create_ruleset, nullptr, 0, LANDLOCK_CREATE_RULESET_VERSION);
    const ProbeRun run = run_probe("loading", "none");
    ASSERT_TRUE(run.exited && run.exit_code == exit_succeeded) << run.describe();
    if (kernel_abi > 0) {
        EXPECT_EQ(report_value(run, "landlock_abi"), std::to_string(kernel_abi)) << run.describe();
    } else {
        EXPECT_EQ(report_value(run, "landlock_abi"), "0") << run.describe();
        EXPECT_NE(run.log.find("Landlock not applied"), std::string::npos) << run.describe();
    }
}

// ---- With a plugin loaded: work that must go on ---------------------------

TEST(ServingLockdown, EncodesAndDecodesAnOpusFrame)
{
    const ProbeRun run = run_probe("serving", "opus-round-trip");
    ASSERT_TRUE(run.exited && run.exit_code == exit_succeeded) << run.describe();
    EXPECT_EQ(report_value(run, "opus"), "ok") << run.describe();
}

TEST(ServingLockdown, MallocAndFreeOfSeveralMegabytesWork)
{
    const ProbeRun run = run_probe("serving", "malloc");
    ASSERT_TRUE(run.exited && run.exit_code == exit_succeeded) << run.describe();
    EXPECT_EQ(report_value(run, "malloc"), "ok") << run.describe();
}

TEST(ServingLockdown, ReadsAndWritesTheSharedEventfd)
{
    constexpr std::uint64_t sent = 5;
    constexpr std::uint64_t expected_reply = 42;
    const int shared = eventfd(0, EFD_CLOEXEC);
    ASSERT_GE(shared, 0);
    ASSERT_EQ(write(shared, &sent, sizeof(sent)), static_cast<ssize_t>(sizeof(sent)));
    const ProbeRun run = run_probe("serving", "eventfd", "", {shared, {}});
    std::uint64_t reply = 0;
    const ssize_t got = read(shared, &reply, sizeof(reply));
    close(shared);
    ASSERT_TRUE(run.exited && run.exit_code == exit_succeeded) << run.describe();
    EXPECT_EQ(report_value(run, "eventfd"), std::to_string(sent));
    EXPECT_EQ(got, static_cast<ssize_t>(sizeof(reply)));
    EXPECT_EQ(reply, expected_reply);
}

TEST(ServingLockdown, AbortOfItselfStillEndsInSigabrt)
{
    const ProbeRun run = run_probe("serving", "abort");
    EXPECT_TRUE(killed_by(run, SIGABRT)) << "signals to itself stay allowed: " << run.describe();
}

// The kernel kills at a refused call (no signal is delivered that a
// handler could catch), whatever the process did with SIGSYS.
TEST(LoadingLockdown, IgnoringSigsysDoesNotSurviveARefusedCall)
{
    const ProbeRun run = run_probe("loading", "ignore-sigsys-then-socket");
    EXPECT_TRUE(killed_by(run, SIGSYS)) << run.describe();
}

// ---- Arguments compared as the kernel reads them (32-bit ints) ------------
// One case per argument-checked rule, with the upper half of the register
// set: the kernel ignores it, so the rule must come to the kernel's answer.

TEST(ArgumentWidth, WriteToAKeptFdWithTheUpperHalfSetIsAllowed)
{
    const int shared = eventfd(0, EFD_CLOEXEC);
    ASSERT_GE(shared, 0);
    const ProbeRun run = run_probe("loading", "write-ipc-upper", "", {shared, {}});
    close(shared);
    EXPECT_TRUE(run.exited && run.exit_code == exit_succeeded) << run.describe();
}

TEST(ArgumentWidth, ReadOfAKeptFdWithTheUpperHalfSetIsAllowed)
{
    constexpr std::uint64_t sent = 7;
    const int shared = eventfd(0, EFD_CLOEXEC);
    ASSERT_GE(shared, 0);
    ASSERT_EQ(write(shared, &sent, sizeof(sent)), static_cast<ssize_t>(sizeof(sent)));
    const ProbeRun run = run_probe("serving", "read-ipc-upper", "", {shared, {}});
    close(shared);
    EXPECT_TRUE(run.exited && run.exit_code == exit_succeeded) << run.describe();
}

TEST(ArgumentWidth, SignalsToItselfWithTheUpperHalfSetAreDelivered)
{
    for (const char *operation : {"kill-upper", "kill-signal-upper", "tgkill-upper", "tkill-upper"}) {
        const ProbeRun run = run_probe("loading", operation);
        EXPECT_TRUE(killed_by(run, SIGABRT)) << operation << ": " << run.describe();
    }
}

TEST(ArgumentWidth, AForbiddenSignalDoesNotPassAsAHarmlessNumber)
{
    const ProbeRun run = run_probe("loading", "kill-sigusr1-upper");
    EXPECT_TRUE(killed_by(run, SIGSYS)) << "SIGUSR1 to itself must be refused: " << run.describe();
}

TEST(ArgumentWidth, OpeningForWritingWithTheUpperHalfSetIsRefused)
{
    const std::string path = fresh_temporary_path("written-with-upper-half");
    const ProbeRun run = run_probe("loading", "open-write-upper", path);
    EXPECT_TRUE(killed_by(run, SIGSYS)) << run.describe();
    EXPECT_FALSE(file_exists(path));
    remove_temporary(path);
}

TEST(ArgumentWidth, ExecutableAnonymousMemoryWithTheUpperHalfSetIsRefused)
{
    const ProbeRun run = run_probe("loading", "mmap-exec-upper");
    EXPECT_TRUE(killed_by(run, SIGSYS)) << run.describe();
}

// ---- With a plugin loaded: everything else is a crash ---------------------

class ServingLockdownRefuses : public testing::TestWithParam<const char *> {};

TEST_P(ServingLockdownRefuses, WithSigsys)
{
    const ProbeRun run = run_probe("serving", GetParam(), "");
    EXPECT_TRUE(killed_by(run, SIGSYS)) << run.describe();
}

INSTANTIATE_TEST_SUITE_P(Operations, ServingLockdownRefuses,
                         testing::Values("socket", "exec-shell", "fork", "vfork", "clone", "clone3", "thread", "ptrace",
                                         "mmap-exec", "mprotect-exec"),
                         [](const testing::TestParamInfo<const char *> &operation) {
                             std::string name = operation.param;
                             for (char &c : name) {
                                 c = c == '-' ? '_' : c;
                             }
                             return name;
                         });

TEST(ServingLockdown, WritingAFileKillsTheProcessAndLeavesNoFile)
{
    const std::string path = fresh_temporary_path("written-while-serving");
    const ProbeRun run = run_probe("serving", "open-write", path);
    EXPECT_TRUE(killed_by(run, SIGSYS)) << run.describe();
    EXPECT_FALSE(file_exists(path));
    remove_temporary(path);
}

TEST(ServingLockdown, SignallingTheParentKillsTheProcess)
{
    const ProbeRun run = run_probe("serving", "kill", std::to_string(getpid()));
    EXPECT_TRUE(killed_by(run, SIGSYS)) << run.describe();
}

TEST(ServingLockdown, ConnectingToALocalListenerKillsTheProcessAndNothingArrives)
{
    const int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    ASSERT_GE(listener, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    ASSERT_EQ(bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof(address)), 0);
    ASSERT_EQ(listen(listener, 1), 0);
    ASSERT_EQ(getsockname(listener, reinterpret_cast<sockaddr *>(&address), &length), 0);
    const ProbeRun run = run_probe("serving", "connect", std::to_string(ntohs(address.sin_port)));
    const int accepted = accept(listener, nullptr, nullptr);
    const int accept_errno = errno;
    close(listener);
    EXPECT_TRUE(killed_by(run, SIGSYS)) << run.describe();
    EXPECT_EQ(accepted, -1) << "a connection reached the listener";
    EXPECT_EQ(accept_errno, EAGAIN);
}

} // namespace
} // namespace cordon::sandbox::probe
