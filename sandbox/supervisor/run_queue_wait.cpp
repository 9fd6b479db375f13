#include "sandbox/supervisor/run_queue_wait.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <string>

#include "sandbox/lockdown/owned_descriptor.hpp"

namespace cordon::sandbox {

namespace {

// "<cpu time ns> <run-queue wait ns> <time slices>\n": the second field.
std::optional<std::chrono::nanoseconds> second_field_of_schedstat(int fd)
{
    std::array<char, 96> text{};
    const ssize_t count = pread(fd, text.data(), text.size() - 1, 0);
    if (count <= 0) {
        return std::nullopt;
    }
    const char *end = text.data() + count;
    const char *space = std::find(static_cast<const char *>(text.data()), end, ' ');
    if (space == end) {
        return std::nullopt;
    }
    unsigned long long wait = 0;
    const auto [stop, error] = std::from_chars(space + 1, end, wait);
    if (error != std::errc() || stop == space + 1) {
        return std::nullopt;
    }
    return std::chrono::nanoseconds(static_cast<long long>(wait));
}

} // namespace

std::optional<ThreadWait> calling_thread_run_queue_wait()
{
    // Opened on the thread's first reading and kept for its life:
    // /proc/thread-self names the thread that opens it, and a reading is
    // then one pread instead of an open, a read and a close (five a second
    // per sandboxed codec in use).
    thread_local const OwnedDescriptor own(open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC));
    if (own.get() < 0) {
        return std::nullopt;
    }
    const auto total = second_field_of_schedstat(own.get());
    if (!total) {
        return std::nullopt;
    }
    return ThreadWait{gettid(), *total};
}

RunQueueWait::RunQueueWait(pid_t pid)
{
    const std::string path = "/proc/" + std::to_string(pid) + "/schedstat";
    fd_ = open(path.c_str(), O_RDONLY | O_CLOEXEC);
}

RunQueueWait::~RunQueueWait()
{
    if (fd_ >= 0) {
        close(fd_);
    }
}

std::optional<std::chrono::nanoseconds> RunQueueWait::total() const
{
    return fd_ < 0 ? std::nullopt : second_field_of_schedstat(fd_);
}

} // namespace cordon::sandbox
