#include "sandbox/supervisor/child_activity.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <string>
#include <string_view>
#include <thread>

namespace cordon::sandbox {
namespace {

// How long the host looks at the child's CPU clock, and how little it may
// advance meanwhile for the child to count as not running.
constexpr std::chrono::microseconds look_interval{1000};
constexpr std::chrono::microseconds running_at_least{100};

// The state letter of /proc/<pid>/stat: after the command name's closing
// parenthesis (the name itself may hold any character).
std::optional<char> scheduler_state(pid_t pid)
{
    const std::string path = "/proc/" + std::to_string(pid) + "/stat";
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return std::nullopt;
    }
    std::array<char, 512> text{};
    const ssize_t count = read(fd, text.data(), text.size());
    close(fd);
    if (count <= 0) {
        return std::nullopt;
    }
    const std::string_view stat(text.data(), static_cast<size_t>(count));
    const size_t name_end = stat.rfind(')');
    if (name_end == std::string_view::npos || name_end + 2 >= stat.size()) {
        return std::nullopt;
    }
    return stat[name_end + 2];
}

std::optional<std::chrono::nanoseconds> cpu_time(clockid_t clock)
{
    timespec now{};
    if (clock_gettime(clock, &now) != 0) {
        return std::nullopt;
    }
    return std::chrono::seconds(now.tv_sec) + std::chrono::nanoseconds(now.tv_nsec);
}

} // namespace

ChildActivity::ChildActivity(pid_t pid) : pid_(pid)
{
    clockid_t clock{};
    if (clock_getcpuclockid(pid, &clock) == 0) {
        cpu_clock_ = clock;
    }
}

bool ChildActivity::waiting_for_a_cpu() const
{
    if (!cpu_clock_ || scheduler_state(pid_) != 'R') {
        return false;
    }
    const auto before = cpu_time(*cpu_clock_);
    std::this_thread::sleep_for(look_interval);
    const auto after = cpu_time(*cpu_clock_);
    return before && after && *after - *before < running_at_least && scheduler_state(pid_) == 'R';
}

} // namespace cordon::sandbox
