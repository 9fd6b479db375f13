// The host names a forbidden call from what the kernel reported on the
// listener, never from text the child wrote.
#include <gtest/gtest.h>
#include <seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>

#include <string>

#include "sandbox/supervisor/forbidden_call.hpp"

namespace cordon::sandbox {
namespace {

seccomp_data native_call(int number)
{
    seccomp_data call{};
    call.nr = number;
    call.arch = seccomp_arch_native();
    return call;
}

TEST(ForbiddenCall, NamesTheSyscallOfThisArchitecture)
{
    EXPECT_EQ(syscall_name(native_call(SYS_openat)), "openat (" + std::to_string(SYS_openat) + ")");
}

TEST(ForbiddenCall, KeepsANumberWithoutANameAsANumber) { EXPECT_EQ(syscall_name(native_call(99999)), "number 99999"); }

TEST(ForbiddenCall, SaysWhenTheCallCameThroughAnotherArchitecture)
{
    seccomp_data call = native_call(SYS_openat);
    call.arch = SCMP_ARCH_X86;
    EXPECT_EQ(syscall_name(call), "number " + std::to_string(SYS_openat) + " of another architecture");
}

TEST(ForbiddenCall, NamesAFilterOfThePluginsOwnAsSuch)
{
    EXPECT_NE(describe_forbidden_call({native_call(SYS_seccomp)}).find("tried to install a seccomp filter of its own"),
              std::string::npos);
    seccomp_data by_prctl = native_call(SYS_prctl);
    by_prctl.args[0] = PR_SET_SECCOMP;
    EXPECT_NE(describe_forbidden_call({by_prctl}).find("tried to install a seccomp filter of its own"),
              std::string::npos);
    // The kernel reads prctl's option as an int: the upper half does not hide it.
    by_prctl.args[0] = (1ULL << 32) | PR_SET_SECCOMP;
    EXPECT_NE(describe_forbidden_call({by_prctl}).find("tried to install a seccomp filter of its own"),
              std::string::npos);
    seccomp_data other_prctl = native_call(SYS_prctl);
    other_prctl.args[0] = PR_SET_DUMPABLE;
    EXPECT_EQ(describe_forbidden_call({other_prctl}),
              "made the forbidden system call prctl (" + std::to_string(SYS_prctl) + ")");
}

} // namespace
} // namespace cordon::sandbox
