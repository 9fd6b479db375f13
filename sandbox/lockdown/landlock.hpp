// Landlock, where the kernel has it: only the given paths readable (and
// nothing writable), no TCP bind or connect, no signals or abstract sockets
// outside the sandbox. An extra layer under seccomp, which does not see paths.
//
// Building the rules and applying them are two steps because they can be
// done by two processes: a supervisor builds a child's ruleset while the
// child is still starting and sends it with the filter, and the child only
// applies it (supervised_program_delivery.hpp). A ruleset is a descriptor
// that grants nothing by itself; only landlock_restrict_self with it does.
#pragma once

#include <span>
#include <string>
#include <utility>

#include "sandbox/lockdown/owned_descriptor.hpp"

namespace cordon::sandbox {

struct LandlockOutcome {
    int abi = 0;        // the kernel's Landlock ABI version; 0: not applied
    std::string reason; // why not, when abi == 0
};

// A built ruleset (owned descriptor), or why there is none.
class LandlockRuleset {
public:
    static LandlockRuleset built(int fd, int abi) { return LandlockRuleset(fd, abi, {}); }
    static LandlockRuleset unavailable(std::string reason) { return LandlockRuleset(-1, 0, std::move(reason)); }
    int fd() const { return fd_.get(); } // -1 when unavailable
    int abi() const { return abi_; }     // 0 when unavailable
    const std::string &reason() const { return reason_; }

private:
    LandlockRuleset(int fd, int abi, std::string reason) : fd_(fd), abi_(abi), reason_(std::move(reason)) {}
    OwnedDescriptor fd_;
    int abi_;
    std::string reason_;
};

// Rules that make only readable_paths readable (directories with what is
// beneath them). A path that does not exist is left out; every other
// failure makes the ruleset unavailable, with the reason.
LandlockRuleset build_read_only_ruleset(std::span<const std::string> readable_paths);

// Applies ruleset to the calling process. Requires no_new_privs to be set
// already. An unavailable ruleset, or a kernel refusal, leaves Landlock
// unapplied with the reason.
LandlockOutcome restrict_self_with(const LandlockRuleset &ruleset);

// Both steps in one process (standalone lockdown).
LandlockOutcome restrict_filesystem_to_read_only(std::span<const std::string> readable_paths);

} // namespace cordon::sandbox
