// cordon-sandbox: serves one untrusted codec plugin to the host through the
// shared region. Order matters (lockdown.hpp): nothing of the plugin runs
// before lock_down. The region is mapped just before it, as the filter has
// no fcntl for map_inherited's seal check; that is the child's own code on a
// descriptor the host made.
#include <unistd.h>

#include <cstdio>
#include <span>
#include <string>
#include <vector>

#include "sandbox/child/arguments.hpp"
#include "sandbox/child/child_host_services.hpp"
#include "sandbox/child/plugin_startup.hpp"
#include "sandbox/child/request_handler.hpp"
#include "sandbox/child/serve_loop.hpp"
#include "sandbox/lockdown/lockdown.hpp"
#include "sandbox/protocol/exit_status.hpp"
#include "sandbox/protocol/shared_region.hpp"

using namespace cordon::sandbox;

namespace {

constexpr const char *usage_text =
    "usage: cordon-sandbox --plugin PATH --region-fd N --slots N --request-fd N --reply-fd N --memory-limit-mb N "
    "--handover-fd N";

int fail(ExitStatus status, const std::string &reason)
{
    log_child_line(reason);
    return status;
}

} // namespace

int main(int argc, char **argv)
{
    const std::span<const char *const> arguments(argv + 1, static_cast<size_t>(argc > 0 ? argc - 1 : 0));
    auto parsed = parse_arguments(arguments);
    if (!parsed) {
        return fail(exit_usage, parsed.error().message + " (" + usage_text + ")");
    }
    auto region = SharedRegion::map_inherited(parsed->region_fd, RegionLayout::for_slots(parsed->slot_count));
    if (!region) {
        return fail(exit_region_refused, "shared region refused: " + region.error().message);
    }

    // A plugin's printf lands in the host's log like its stderr does (a
    // write to a closed stdout would meet the seccomp filter instead). The
    // buffer is given now, line-buffered: left to itself, stdio would fstat
    // stdout on first use, which the serving filter refuses.
    if (dup2(STDERR_FILENO, STDOUT_FILENO) != STDOUT_FILENO) {
        return fail(exit_usage, "cannot point stdout at the log");
    }
    static char stdout_buffer[BUFSIZ];
    setvbuf(stdout, stdout_buffer, _IOLBF, sizeof(stdout_buffer));
    LockdownOptions options;
    options.ipc_fds = {parsed->region_fd, parsed->request_fd, parsed->reply_fd, STDOUT_FILENO};
    options.log_fd = STDERR_FILENO;
    options.address_space_bytes = uint64_t{parsed->memory_limit_mb} << 20;
    // What loading may read comes from the host, with the filter.
    auto lockdown = lock_down_supervised(options, parsed->handover_fd);
    if (!lockdown) {
        return fail(exit_lockdown_failed, "lockdown failed: " + lockdown.error().message);
    }

    // From here on everything in this process may be the plugin's. What
    // loading needs beyond serving the host grants through the filter's
    // listener until the plugin has described itself, then no more.
    StartedPlugin plugin;
    if (auto failure = start_plugin(*lockdown, parsed->plugin_path, plugin)) {
        return fail(failure->status, failure->reason);
    }

    RequestHandler handler(plugin.descriptor, plugin.codec, region->view());
    serve_until_shutdown(handler, parsed->request_fd, parsed->reply_fd);
    return exit_served_until_shutdown;
}
