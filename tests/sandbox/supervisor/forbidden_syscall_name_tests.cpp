// The host reads the child's report of a forbidden syscall like any other
// tainted line: only the exact shape names a syscall.
#include <gtest/gtest.h>
#include <sys/syscall.h>

#include <string>

#include "forbidden_syscall_name.hpp"

namespace cordon::sandbox {
namespace {

TEST(ForbiddenSyscallName, NamesTheSyscallOfThisArchitecture)
{
    const auto named = forbidden_syscall_named_in("forbidden system call " + std::to_string(SYS_openat));
    ASSERT_TRUE(named);
    EXPECT_EQ(*named, "openat (" + std::to_string(SYS_openat) + ")");
}

TEST(ForbiddenSyscallName, KeepsANumberWithoutANameAsANumber)
{
    EXPECT_EQ(forbidden_syscall_named_in("forbidden system call 99999"), "number 99999");
}

TEST(ForbiddenSyscallName, RefusesEveryOtherShape)
{
    for (const char *line : {"", "forbidden system call ", "forbidden system call -1", "forbidden system call 41 ",
                             "forbidden system call 0x29", "forbidden system call 123456", "forbidden system call 41\n",
                             "plugin says: forbidden system call 41", "Forbidden system call 41"}) {
        EXPECT_FALSE(forbidden_syscall_named_in(line)) << '"' << line << '"';
    }
}

} // namespace
} // namespace cordon::sandbox
