#include "sandbox/supervisor/lockdown_verification.hpp"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string_view>

#include "core/ascii_text.hpp"

namespace cordon::sandbox {
namespace {

namespace fs = std::filesystem;

// seccomp(2): SECCOMP_MODE_FILTER as /proc/<pid>/status shows it.
constexpr int seccomp_filter_mode = 2;

// The numeric fields of one status file that the proof needs.
std::map<std::string, int> numeric_fields(const fs::path &status_path)
{
    std::map<std::string, int> fields;
    std::ifstream status(status_path);
    for (std::string line; std::getline(status, line);) {
        const size_t colon = line.find(':');
        if (colon == std::string::npos) {
            continue;
        }
        const std::string key = line.substr(0, colon);
        if (key != "Seccomp" && key != "Seccomp_filters" && key != "NoNewPrivs") {
            continue;
        }
        const std::string_view value = trim_leading_blanks(std::string_view(line).substr(colon + 1));
        int number = 0;
        const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
        if (error == std::errc() && end == value.data() + value.size()) {
            fields[key] = number;
        }
    }
    return fields;
}

Error unproved(const std::string &why)
{
    return Error{ErrorCode::contract_violation, "the lock-down could not be proved from outside: " + why};
}

} // namespace

std::string VerifiedLockdown::describe() const
{
    return "seccomp filter mode with " + std::to_string(seccomp_filters) + " filter" +
           (seccomp_filters == 1 ? "" : "s") + ", no_new_privs, " + std::to_string(threads) + " thread" +
           (threads == 1 ? "" : "s") + " (read by the host from /proc)";
}

Result<int> own_seccomp_filters()
{
    const auto fields = numeric_fields("/proc/self/status");
    const auto mode = fields.find("Seccomp");
    if (mode == fields.end()) {
        return Error{ErrorCode::unsupported, "this kernel's /proc/self/status has no Seccomp field"};
    }
    if (mode->second != seccomp_filter_mode) {
        return 0;
    }
    const auto filters = fields.find("Seccomp_filters");
    if (filters == fields.end()) {
        return Error{ErrorCode::unsupported,
                     "the host runs under seccomp filters whose number this kernel does not show (Linux 5.9+)"};
    }
    return filters->second;
}

Result<VerifiedLockdown> verify_lockdown_from_outside(pid_t pid, int inherited_filters)
{
    const fs::path tasks = fs::path("/proc") / std::to_string(pid) / "task";
    std::error_code error;
    VerifiedLockdown verified;
    for (const auto &task : fs::directory_iterator(tasks, error)) {
        const std::string tid = task.path().filename().string();
        const auto fields = numeric_fields(task.path() / "status");
        const auto field = [&fields](const char *name) -> std::optional<int> {
            const auto found = fields.find(name);
            return found == fields.end() ? std::nullopt : std::optional<int>(found->second);
        };
        if (field("Seccomp") != seccomp_filter_mode) {
            return unproved("thread " + tid + " is not in seccomp filter mode");
        }
        const std::optional<int> filters = field("Seccomp_filters");
        if (!filters) {
            return unproved("the kernel does not show thread " + tid + "'s number of filters (Linux 5.9+)");
        }
        if (*filters != inherited_filters + 1) {
            return unproved("thread " + tid + " has " + std::to_string(*filters) + " seccomp filters, not " +
                            std::to_string(inherited_filters + 1) + " (a filter that is not the sandbox's)");
        }
        if (field("NoNewPrivs") != 1) {
            return unproved("thread " + tid + " lacks no_new_privs");
        }
        verified.seccomp_filters = *filters - inherited_filters;
        ++verified.threads;
    }
    if (error || verified.threads == 0) {
        return unproved("cannot read " + tasks.string() + (error ? ": " + error.message() : ""));
    }
    return verified;
}

} // namespace cordon::sandbox
