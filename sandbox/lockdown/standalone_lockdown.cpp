// lock_down without a supervisor (lockdown.hpp): this process builds its own
// Landlock ruleset and compiles its own filter, so it needs libseccomp,
// which the supervised sandbox child does without.
#include "sandbox/lockdown/lockdown.hpp"

#include "sandbox/lockdown/landlock.hpp"
#include "sandbox/lockdown/lockdown_steps.hpp"
#include "sandbox/lockdown/seccomp_policy.hpp"

namespace cordon::sandbox {

Result<Lockdown> lock_down(const LockdownOptions &options)
{
    auto locked = lock_down_process(options, -1);
    if (!locked) {
        return locked.error();
    }
    record_landlock(restrict_filesystem_to_read_only(options.readable_paths), options.log_fd, locked->report);
    if (auto installed = install_standalone_policy(PolicyFds{locked->kept_fds, -1}); !installed) {
        return installed.error();
    }
    return Lockdown(std::move(locked->kept_fds), std::move(locked->report));
}

} // namespace cordon::sandbox
