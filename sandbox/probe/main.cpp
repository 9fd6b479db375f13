// cordon-plugin-probe: runs the codec conformance checks against a plugin's
// raw C interface, for `cordon plugin check`. The checks call the plugin
// with null pointers, short buffers and corrupt packets, so the plugin runs
// here, locked down exactly like cordon-sandbox (lockdown.hpp), and never in
// the checker: a plugin that crashes or hangs ends only this process.
//
//   cordon-plugin-probe --plugin ABSOLUTE_PATH --report-fd N
//
// Results go to the report fd (plugin_check/probe_report.hpp); the plugin's
// output and the probe's own lines ("cordon-sandbox: ...") go to stderr.
#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "plugin_abi/codec_interface_validation.hpp"
#include "plugin_checker/conformance/raw_conformance.hpp"
#include "plugin_checker/probe_report.hpp"
#include "sandbox/child/child_host_services.hpp"
#include "sandbox/child/plugin_startup.hpp"
#include "sandbox/lockdown/loading_paths.hpp"
#include "sandbox/lockdown/lockdown.hpp"
#include "sandbox/protocol/exit_status.hpp"

using namespace cordon;
using namespace cordon::sandbox;

namespace {

constexpr const char *usage_text = "usage: cordon-plugin-probe --plugin ABSOLUTE_PATH --report-fd N";

struct ProbeArguments {
    std::string plugin_path;
    int report_fd = -1;
};

// Strict, like cordon-sandbox's: the checker is the only caller.
bool parse(int argc, char **argv, ProbeArguments &parsed)
{
    if (argc != 5 || std::string_view(argv[1]) != "--plugin" || std::string_view(argv[3]) != "--report-fd") {
        return false;
    }
    parsed.plugin_path = argv[2];
    const std::string_view fd_text = argv[4];
    const auto [end, error] = std::from_chars(fd_text.data(), fd_text.data() + fd_text.size(), parsed.report_fd);
    return error == std::errc() && end == fd_text.data() + fd_text.size() && parsed.report_fd > STDERR_FILENO &&
           !parsed.plugin_path.empty() && parsed.plugin_path.front() == '/';
}

int fail(ExitStatus status, const std::string &reason)
{
    log_child_line(reason);
    return status;
}

// All of it or nothing: a checker that stopped reading ends the probe.
void write_all(int fd, const std::string &text)
{
    size_t written = 0;
    while (written < text.size()) {
        const ssize_t count = write(fd, text.data() + written, text.size() - written);
        if (count <= 0) {
            _exit(exit_usage);
        }
        written += static_cast<size_t>(count);
    }
}

} // namespace

int main(int argc, char **argv)
{
    ProbeArguments arguments;
    if (!parse(argc, argv, arguments)) {
        return fail(exit_usage, usage_text);
    }
    // As in cordon-sandbox: a plugin's printf lands in the log, line-buffered
    // now so stdio never needs to fstat once serving.
    if (dup2(STDERR_FILENO, STDOUT_FILENO) != STDOUT_FILENO) {
        return fail(exit_usage, "cannot point stdout at the log");
    }
    static char stdout_buffer[BUFSIZ];
    setvbuf(stdout, stdout_buffer, _IOLBF, sizeof(stdout_buffer));

    LockdownOptions options;
    options.ipc_fds = {arguments.report_fd, STDOUT_FILENO};
    options.log_fd = STDERR_FILENO;
    options.readable_paths = readable_while_loading(arguments.plugin_path);
    // Standalone: no supervisor holds a listener, so the filter allows the
    // read-only loading calls for the probe's whole life (Landlock narrows
    // them to the plugin's file and the system's libraries).
    auto lockdown = lock_down(options);
    if (!lockdown) {
        return fail(exit_lockdown_failed, "lockdown failed: " + lockdown.error().message);
    }
    StartedPlugin plugin;
    if (auto failure = start_plugin(*lockdown, arguments.plugin_path, plugin)) {
        return fail(failure->status, failure->reason);
    }
    auto formats = validate_codec_interface(plugin.codec);
    if (!formats) {
        return fail(exit_no_codec_interface, "codec interface refused: " + formats.error().message);
    }
    const int report_fd = arguments.report_fd;
    plugin_check::RawConformanceSink sink{
        [report_fd](std::string_view name) { write_all(report_fd, plugin_check::begin_line(name)); },
        [report_fd](const plugin_check::CheckResult &result) {
            write_all(report_fd, plugin_check::result_lines(result));
        }};
    plugin_check::run_raw_conformance(*plugin.codec, *formats, sink);
    return 0;
}
