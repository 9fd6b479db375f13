// sandbox_lockdown_probe: locks itself down standalone (no supervisor: the
// loading calls stay allowed, everything refused kills), optionally loads a
// real plugin ("serving"), then tries one operation. Nothing runs before
// lock_down but argument parsing.
#include <cstdlib>
#include <string>

#include "sandbox/lockdown/lockdown.hpp"
#include "tests/sandbox/lockdown/probe_operations.hpp"
#include "tests/sandbox/lockdown/probe_plugin.hpp"
#include "tests/sandbox/lockdown/probe_protocol.hpp"

using namespace cordon::sandbox;

namespace {

int fail(const cordon::Error &error)
{
    probe::report("lockdown failed: " + error.message);
    return probe::exit_lockdown_failed;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 3) {
        return probe::exit_usage;
    }
    const std::string phase = argv[1];
    const std::string operation = argv[2];
    const std::string argument = argc > 3 ? argv[3] : "";
    if (phase != "loading" && phase != "serving") {
        return probe::exit_usage;
    }
    LockdownOptions options;
    options.ipc_fds = {probe::report_fd, probe::ipc_fd_number};
    options.address_space_bytes = probe::probe_address_space_bytes;
    auto lockdown = lock_down(options);
    if (!lockdown) {
        return fail(lockdown.error());
    }
    const LockdownReport &report = lockdown->report();
    std::string unavailable;
    for (const std::string &name : report.unavailable_namespaces) {
        unavailable += unavailable.empty() ? name : "," + name;
    }
    probe::report("namespaces_unavailable=" + unavailable);
    probe::report("landlock_abi=" + std::to_string(report.landlock_abi));
    probe::report(std::string("address_space_limited=") + (report.address_space_limited ? "1" : "0"));

    if (operation == "load-plugin" || phase == "serving") {
        auto codec = probe::load_codec_plugin(*lockdown, CORDON_PROBE_PLUGIN_PATH);
        if (!codec) {
            return fail(codec.error());
        }
        probe::report("plugin=loaded");
        if (operation == "opus-round-trip") {
            const bool worked = probe::opus_round_trip(*codec);
            probe::report(worked ? "opus=ok" : "opus=failed");
            return worked ? probe::exit_succeeded : probe::exit_refused;
        }
        if (operation == "load-plugin") {
            return probe::exit_succeeded;
        }
    }
    return probe::run_operation(operation, argument);
}
