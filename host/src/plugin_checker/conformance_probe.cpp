#include "plugin_checker/conformance_probe.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <string>

#include "cordon/host/plugins.hpp"
#include "core/ascii_chars.h"
#include "plugin_checker/child_exit.hpp"
#include "plugin_checker/conformance_check_names.hpp"
#include "plugin_checker/probe_report.hpp"

namespace cordon::plugin_check {
namespace {

namespace fs = std::filesystem;

// The descriptor the probe writes its report on (--report-fd).
constexpr int probe_report_fd = 3;
// More than the checks ever write; a flood beyond it is cut off.
constexpr size_t max_report_bytes = 256 * 1024;
constexpr size_t max_log_bytes = 64 * 1024;
constexpr std::string_view own_line_prefix = "cordon-sandbox: ";

// A pipe whose ends close on exec unless dup2'd into place.
struct Pipe {
    int read_end = -1;
    int write_end = -1;
    bool open() { return pipe2(&read_end, O_CLOEXEC) == 0; }
    ~Pipe()
    {
        for (const int fd : {read_end, write_end}) {
            if (fd >= 0) {
                close(fd);
            }
        }
    }
};

struct ProbeOutput {
    std::string report;
    std::string log;
    bool timed_out = false;
    int wait_status = 0;
};

// Reads both pipes until they close or the deadline passes, then reaps the probe.
ProbeOutput collect(pid_t pid, int report_fd, int log_fd, std::chrono::milliseconds deadline)
{
    ProbeOutput output;
    const auto until = std::chrono::steady_clock::now() + deadline;
    std::array<pollfd, 2> watched{{{report_fd, POLLIN, 0}, {log_fd, POLLIN, 0}}};
    std::array<std::string *, 2> into{&output.report, &output.log};
    const std::array<size_t, 2> caps{max_report_bytes, max_log_bytes};
    while (watched[0].fd >= 0 || watched[1].fd >= 0) {
        const auto left = std::chrono::ceil<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            output.timed_out = true;
            break;
        }
        const int ready = poll(watched.data(), watched.size(), static_cast<int>(left.count()));
        if (ready < 0 && errno == EINTR) {
            continue;
        }
        if (ready < 0) {
            break;
        }
        for (size_t i = 0; i < watched.size(); ++i) {
            if (watched[i].fd < 0 || watched[i].revents == 0) {
                continue;
            }
            char buffer[4096];
            const ssize_t count = read(watched[i].fd, buffer, sizeof(buffer));
            if (count <= 0) {
                watched[i].fd = -1;
                continue;
            }
            const size_t room = caps[i] - std::min(caps[i], into[i]->size());
            into[i]->append(buffer, std::min(room, static_cast<size_t>(count)));
        }
    }
    // Closed pipes are no end: a probe can close them and keep running.
    const ChildExit exit = reap_by_deadline(pid, output.timed_out ? std::chrono::steady_clock::now() : until);
    output.wait_status = exit.wait_status;
    output.timed_out = output.timed_out || exit.killed_at_deadline;
    return output;
}

std::string how_it_ended(const ProbeOutput &output)
{
    if (output.timed_out) {
        return "it hung (no end within the probe's deadline; killed)";
    }
    if (WIFSIGNALED(output.wait_status)) {
        const int signal = WTERMSIG(output.wait_status);
        const char *abbreviation = sigabbrev_np(signal);
        const std::string killed =
            std::string("it was killed by SIG") + (abbreviation != nullptr ? abbreviation : std::to_string(signal));
        // The probe's filter kills at a refused call and lets no process send
        // itself SIGSYS, so SIGSYS is the kernel's verdict; which call, only
        // the sandbox (which holds a listener) can tell.
        return signal == SIGSYS ? killed + " (its seccomp filter stopped a forbidden system call)" : killed;
    }
    return "it exited with status " + std::to_string(WEXITSTATUS(output.wait_status));
}

// The probe's own last line ("cordon-sandbox: ..."), which says why it
// stopped. Once plugin code has run the plugin can write such lines too:
// the result quotes it as unverified, never as the verdict.
std::string last_own_line(const std::string &log)
{
    std::string last;
    size_t start = 0;
    while (start < log.size()) {
        const size_t end = std::min(log.find('\n', start), log.size());
        const std::string_view line = std::string_view(log).substr(start, end - start);
        if (line.starts_with(own_line_prefix)) {
            last = std::string(line.substr(own_line_prefix.size(), max_probe_line_bytes));
        }
        start = end + 1;
    }
    for (char &c : last) {
        c = ascii_is_control(c) ? ' ' : c;
    }
    return last;
}

std::optional<pid_t> spawn_probe(const fs::path &executable, const fs::path &plugin, int report_write_end,
                                 int log_write_end, std::string &error)
{
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, log_write_end, STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, log_write_end, STDERR_FILENO);
    posix_spawn_file_actions_adddup2(&actions, report_write_end, probe_report_fd);
    const std::string executable_text = executable.string();
    const std::string plugin_text = plugin.string();
    const std::string fd_text = std::to_string(probe_report_fd);
    const char *argv[] = {executable_text.c_str(), "--plugin",      plugin_text.c_str(),
                          "--report-fd",           fd_text.c_str(), nullptr};
    const char *envp[] = {nullptr};
    pid_t pid = -1;
    const int status = posix_spawn(&pid, executable_text.c_str(), &actions, nullptr, const_cast<char *const *>(argv),
                                   const_cast<char *const *>(envp));
    posix_spawn_file_actions_destroy(&actions);
    if (status != 0) {
        error = "cannot start " + executable_text + ": " + strerror(status);
        return std::nullopt;
    }
    return pid;
}

// Results in the order the probe's checks run, from its report. The probe
// writes, check after check in that order: begin, the result, its figures.
// A report that strays from that was written to from inside the probe by
// someone else: the plugin, which shares the process.
struct ParsedReport {
    std::map<std::string, CheckResult> results;
    std::optional<std::string> running; // began, not finished
    std::string tampering;              // the first line the probe would not have written
};

ParsedReport parse_report(const std::string &report, const std::vector<std::string> &order)
{
    ParsedReport parsed;
    size_t next_check = 0;
    std::optional<std::string> last_result; // its figures follow it
    size_t start = 0;
    size_t line_number = 0;
    while (start < report.size() && parsed.tampering.empty()) {
        const size_t end = report.find('\n', start);
        if (end == std::string::npos) {
            break; // a line cut short: the probe died writing it
        }
        ++line_number;
        const auto line = parse_probe_line(std::string_view(report).substr(start, end - start));
        start = end + 1;
        const auto stray = [&parsed, line_number](const std::string &what) {
            parsed.tampering = "line " + std::to_string(line_number) + " " + what;
        };
        if (!line) {
            stray("is not a line the probe writes");
            continue;
        }
        const std::string &name = line->check_name;
        switch (line->kind) {
        case ProbeLine::Kind::begin:
            if (parsed.running || next_check >= order.size() || order[next_check] != name) {
                stray("begins " + name + " out of the probe's order");
                break;
            }
            parsed.running = name;
            last_result.reset();
            ++next_check;
            break;
        case ProbeLine::Kind::result: {
            if (parsed.running != name) {
                stray("gives a result for " + name + ", which was not running");
                break;
            }
            CheckResult result = result_of(name, line->verdict, line->text);
            result.evidence = Evidence::plugin_process;
            parsed.results[name] = std::move(result);
            parsed.running.reset();
            last_result = name;
            break;
        }
        case ProbeLine::Kind::figure:
            if (last_result != name) {
                stray("gives a figure for " + name + " away from its result");
                break;
            }
            parsed.results[name].figures.push_back({line->text, line->value, line->unit});
            break;
        }
    }
    return parsed;
}

} // namespace

fs::path default_probe_executable()
{
    const fs::path sandbox = builtin_sandbox_executable();
    return sandbox.empty() ? sandbox : sandbox.parent_path() / "cordon-plugin-probe";
}

std::vector<CheckResult> run_conformance_probe(const fs::path &plugin, const ConformanceProbeOptions &options)
{
    const fs::path executable = options.executable.empty() ? default_probe_executable() : options.executable;
    const std::vector<std::string> names(raw_conformance_check_names.begin(), raw_conformance_check_names.end());
    // A required check the checker could not run is not passed: a gate
    // that reads the verdict must not let an unchecked plugin through.
    const auto none_checked = [&names](const std::string &why) {
        std::vector<CheckResult> results;
        for (const std::string &name : names) {
            results.push_back(result_of(name, Verdict::fail, "not checked: " + why));
        }
        return results;
    };

    Pipe report;
    Pipe log;
    if (!report.open() || !log.open()) {
        return none_checked(std::string("cannot make the probe's pipes: ") + strerror(errno));
    }
    std::error_code error;
    const fs::path absolute = fs::absolute(plugin, error);
    std::string spawn_error;
    const auto pid = spawn_probe(executable, absolute, report.write_end, log.write_end, spawn_error);
    close(report.write_end);
    close(log.write_end);
    report.write_end = log.write_end = -1;
    if (!pid) {
        return none_checked(spawn_error);
    }
    const ProbeOutput output = collect(*pid, report.read_end, log.read_end, options.deadline);
    const ParsedReport parsed = parse_report(output.report, names);
    const bool ended_cleanly =
        !output.timed_out && WIFEXITED(output.wait_status) && WEXITSTATUS(output.wait_status) == 0;
    const std::string said = last_own_line(output.log);
    const std::string ending =
        how_it_ended(output) + (said.empty() ? "" : "; its last log line (unverified): \"" + said + "\"");

    std::vector<CheckResult> results;
    if (!parsed.tampering.empty()) {
        for (const std::string &name : names) {
            results.push_back(result_of(name, Verdict::fail,
                                        "the probe's report was written to from inside the plugin's process (" +
                                            parsed.tampering + "): none of its results is believed"));
        }
        return results;
    }
    bool stopped = false;
    std::string stopped_at;
    for (const std::string &name : names) {
        if (auto found = parsed.results.find(name); found != parsed.results.end() && !stopped) {
            results.push_back(found->second);
        } else if (!stopped && parsed.running == name && !ended_cleanly) {
            results.push_back(
                result_of(name, Verdict::fail, "the plugin ended the probe during this check: " + ending));
            stopped = true;
            stopped_at = name;
        } else if (!stopped && !ended_cleanly) {
            // Ended before any check began: the plugin did not start.
            results.push_back(result_of(name, Verdict::fail, "the probe could not run the plugin: " + ending));
            stopped = true;
            stopped_at = name;
        } else if (stopped) {
            results.push_back(result_of(name, Verdict::skip, "not run: the probe ended during " + stopped_at));
        } else {
            results.push_back(
                result_of(name, Verdict::fail, "the probe ended without reporting this check: " + ending));
        }
    }
    return results;
}

} // namespace cordon::plugin_check
