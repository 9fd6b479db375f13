// The host's half of the supervised policy: what it lets through on the
// listener while the child loads its plugin. Arguments are read as the
// kernel reads them (an int is its low 32 bits).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <seccomp.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "sandbox/lockdown/seccomp_policy.hpp"

namespace cordon::sandbox {
namespace {

constexpr uint64_t upper_half = 1ULL << 32;

seccomp_data call_of(int number, uint64_t third_argument = 0, uint64_t fourth_argument = 0)
{
    seccomp_data call{};
    call.nr = number;
    call.arch = seccomp_arch_native();
    call.args[2] = third_argument;
    call.args[3] = fourth_argument;
    return call;
}

TEST(LoadingPolicy, LetsLibrariesBeOpenedAndReadOnly)
{
    EXPECT_TRUE(allowed_while_loading(call_of(SYS_openat, O_RDONLY | O_CLOEXEC)));
    EXPECT_TRUE(allowed_while_loading(call_of(SYS_newfstatat)));
    for (const int writing : {O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_APPEND}) {
        EXPECT_FALSE(allowed_while_loading(call_of(SYS_openat, writing))) << writing;
        // Bits above the int the kernel reads change nothing.
        EXPECT_FALSE(allowed_while_loading(call_of(SYS_openat, upper_half | static_cast<uint64_t>(writing))))
            << writing;
    }
    EXPECT_TRUE(allowed_while_loading(call_of(SYS_openat, upper_half | O_RDONLY)));
}

TEST(LoadingPolicy, MapsLibraryCodeButNeverExecutableAnonymousMemory)
{
    EXPECT_TRUE(allowed_while_loading(call_of(SYS_mmap, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_DENYWRITE)));
    EXPECT_FALSE(
        allowed_while_loading(call_of(SYS_mmap, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS)));
    EXPECT_FALSE(allowed_while_loading(call_of(SYS_mprotect, PROT_READ | PROT_EXEC)));
}

TEST(LoadingPolicy, RefusesEverythingElseEvenWhileLoading)
{
    for (const int number : {SYS_socket, SYS_connect, SYS_execve, SYS_clone, SYS_clone3, SYS_seccomp, SYS_prctl,
                             SYS_kill, SYS_ptrace, SYS_setrlimit, SYS_unshare, SYS_landlock_restrict_self}) {
        EXPECT_FALSE(allowed_while_loading(call_of(number))) << number;
    }
}

TEST(LoadingPolicy, RefusesACallOfAnotherArchitecture)
{
    seccomp_data call = call_of(SYS_openat);
    call.arch = SCMP_ARCH_X86;
    EXPECT_FALSE(allowed_while_loading(call));
}

} // namespace
} // namespace cordon::sandbox
