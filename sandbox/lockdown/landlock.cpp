#include "sandbox/lockdown/landlock.hpp"

#include <fcntl.h>
#include <linux/landlock.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace cordon::sandbox {
namespace {

// The kernel's ABI, spelled out here because the installed header may be
// older than the running kernel. Values are fixed by the Landlock ABI.
struct RulesetAttributes {
    std::uint64_t handled_access_fs;  // ABI 1
    std::uint64_t handled_access_net; // ABI 4
    std::uint64_t scoped;             // ABI 6
};
constexpr int network_abi = 4;
constexpr int scope_abi = 6;
constexpr std::uint64_t access_net_bind_tcp = 1ULL << 0;
constexpr std::uint64_t access_net_connect_tcp = 1ULL << 1;
constexpr std::uint64_t scope_abstract_unix_socket = 1ULL << 0;
constexpr std::uint64_t scope_signal = 1ULL << 1;

// Every filesystem right each ABI knows (ABI 1: 13 rights; 2: REFER;
// 3: TRUNCATE; 5: IOCTL_DEV); handling a right and granting none of it
// refuses it.
constexpr std::uint64_t handled_filesystem_rights(int abi)
{
    constexpr std::uint64_t abi1_rights = (1ULL << 13) - 1;
    constexpr std::uint64_t refer = 1ULL << 13;
    constexpr std::uint64_t truncate = 1ULL << 14;
    constexpr std::uint64_t ioctl_dev = 1ULL << 15;
    std::uint64_t rights = abi1_rights;
    rights |= abi >= 2 ? refer : 0;
    rights |= abi >= 3 ? truncate : 0;
    rights |= abi >= 5 ? ioctl_dev : 0;
    return rights;
}

// What loading libraries needs beneath a readable directory: read files, list directories.
constexpr std::uint64_t read_only_rights = LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR;

std::string failed(const char *step) { return std::string(step) + ": " + std::strerror(errno); }

} // namespace

LandlockRuleset build_read_only_ruleset(std::span<const std::string> readable_paths)
{
    const long abi = syscall(SYS_landlock_create_ruleset, nullptr, 0, LANDLOCK_CREATE_RULESET_VERSION);
    if (abi <= 0) {
        return LandlockRuleset::unavailable(failed("the kernel has no Landlock (landlock_create_ruleset)"));
    }
    const int version = static_cast<int>(abi);
    RulesetAttributes attributes{handled_filesystem_rights(version), 0, 0};
    if (version >= network_abi) {
        attributes.handled_access_net = access_net_bind_tcp | access_net_connect_tcp;
    }
    if (version >= scope_abi) {
        attributes.scoped = scope_abstract_unix_socket | scope_signal;
    }
    // Older kernels accept a shorter struct; pass only the fields they know.
    std::size_t size = offsetof(RulesetAttributes, handled_access_net);
    size = version >= network_abi ? offsetof(RulesetAttributes, scoped) : size;
    size = version >= scope_abi ? sizeof(RulesetAttributes) : size;
    const long created = syscall(SYS_landlock_create_ruleset, &attributes, size, 0);
    if (created < 0) {
        return LandlockRuleset::unavailable(failed("landlock_create_ruleset"));
    }
    LandlockRuleset ruleset = LandlockRuleset::built(static_cast<int>(created), version);
    for (const std::string &path : readable_paths) {
        const OwnedDescriptor beneath(open(path.c_str(), O_PATH | O_CLOEXEC));
        if (beneath.get() < 0) {
            if (errno == ENOENT) {
                continue;
            }
            return LandlockRuleset::unavailable(failed(("open " + path).c_str()));
        }
        struct stat status {};
        if (fstat(beneath.get(), &status) != 0) {
            return LandlockRuleset::unavailable(failed(("fstat " + path).c_str()));
        }
        landlock_path_beneath_attr rule{};
        // A file takes file rights only; a directory also lists its entries.
        rule.allowed_access = S_ISDIR(status.st_mode) ? read_only_rights : LANDLOCK_ACCESS_FS_READ_FILE;
        rule.parent_fd = beneath.get();
        if (syscall(SYS_landlock_add_rule, ruleset.fd(), LANDLOCK_RULE_PATH_BENEATH, &rule, 0) != 0) {
            return LandlockRuleset::unavailable(failed(("landlock_add_rule " + path).c_str()));
        }
    }
    return ruleset;
}

LandlockOutcome restrict_self_with(const LandlockRuleset &ruleset)
{
    if (ruleset.fd() < 0) {
        return LandlockOutcome{0, ruleset.reason()};
    }
    if (syscall(SYS_landlock_restrict_self, ruleset.fd(), 0) != 0) {
        return LandlockOutcome{0, failed("landlock_restrict_self")};
    }
    return LandlockOutcome{ruleset.abi(), {}};
}

LandlockOutcome restrict_filesystem_to_read_only(std::span<const std::string> readable_paths)
{
    return restrict_self_with(build_read_only_ruleset(readable_paths));
}

} // namespace cordon::sandbox
