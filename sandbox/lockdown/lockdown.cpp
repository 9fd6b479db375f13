#include "sandbox/lockdown/lockdown.hpp"

#include <dlfcn.h>
#include <unistd.h>

#include <chrono>

#include "sandbox/lockdown/lockdown_handover.hpp"
#include "sandbox/lockdown/lockdown_steps.hpp"
#include "sandbox/lockdown/supervised_program_delivery.hpp"

namespace cordon::sandbox {
namespace {

// The host sends the filter right after spawning; on a loaded machine that
// may take a while. A host that dies closes the socket, which ends the wait.
constexpr std::chrono::milliseconds wait_for_the_hosts_filter{10000};

} // namespace

Result<Lockdown> lock_down_supervised(const LockdownOptions &options, int handover_fd)
{
    auto locked = lock_down_process(options, handover_fd);
    if (!locked) {
        return locked.error();
    }
    auto delivery = receive_supervised_program(handover_fd, wait_for_the_hosts_filter);
    if (!delivery) {
        return delivery.error();
    }
    record_landlock(restrict_self_with(delivery->ruleset), options.log_fd, locked->report);
    // Its descriptor closed now: no descriptor of the host's but the kept ones reaches plugin code.
    delivery->ruleset = LandlockRuleset::unavailable({});
    const PolicyFds fds{locked->kept_fds, handover_fd};
    auto listener = install_supervised_program(delivery->program, fds);
    if (!listener) {
        return listener.error();
    }
    // Whoever holds the listener decides every refused call: it goes to the
    // host, and the child's copies are gone before any plugin code runs.
    auto handed = send_lockdown_handover(handover_fd, locked->report, *listener);
    close(*listener);
    close(handover_fd);
    if (!handed) {
        return handed.error();
    }
    return Lockdown(std::move(locked->kept_fds), std::move(locked->report));
}

void *PluginLibrary::symbol(const char *name) const { return dlsym(handle_, name); }

Result<PluginLibrary> load_plugin_library(const Lockdown &, const std::string &path)
{
    // RTLD_NOW: resolve every symbol now, while the supervisor still lets
    // files be opened.
    void *handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
        const char *reason = dlerror();
        return Error{ErrorCode::not_found,
                     "sandbox: cannot load " + path + ": " + (reason != nullptr ? reason : "unknown reason")};
    }
    return PluginLibrary(handle);
}

} // namespace cordon::sandbox
