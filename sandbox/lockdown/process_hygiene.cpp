#include "sandbox/lockdown/process_hygiene.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <linux/close_range.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace cordon::sandbox {
namespace {

Error system_error(const std::string &what)
{
    return Error{ErrorCode::unsupported, "sandbox: " + what + ": " + std::strerror(errno)};
}

bool is_kept(std::span<const int> kept_fds, int fd)
{
    return std::find(kept_fds.begin(), kept_fds.end(), fd) != kept_fds.end();
}

// For kernels before 5.9 (no close_range): close what /proc/self/fd lists.
Result<void> close_listed_descriptors_except(std::span<const int> kept_fds)
{
    DIR *directory = opendir("/proc/self/fd");
    if (directory == nullptr) {
        return system_error("cannot list /proc/self/fd to close inherited descriptors");
    }
    const int directory_fd = dirfd(directory);
    std::vector<int> to_close;
    while (const dirent *entry = readdir(directory)) {
        char *end = nullptr;
        const long fd = std::strtol(entry->d_name, &end, 10);
        if (*end == '\0' && end != entry->d_name && fd != directory_fd && !is_kept(kept_fds, static_cast<int>(fd))) {
            to_close.push_back(static_cast<int>(fd));
        }
    }
    closedir(directory);
    for (const int fd : to_close) {
        close(fd);
    }
    return {};
}

} // namespace

Result<void> clear_environment()
{
    if (clearenv() != 0) {
        return system_error("clearenv failed");
    }
    return {};
}

Result<void> close_descriptors_except(std::span<const int> kept_fds)
{
    for (const int fd : kept_fds) {
        if (fd < 0 || fcntl(fd, F_GETFD) == -1) {
            return Error{ErrorCode::invalid_argument,
                         "sandbox: descriptor " + std::to_string(fd) + " is to be kept but is not open"};
        }
    }
    std::vector<int> sorted(kept_fds.begin(), kept_fds.end());
    std::sort(sorted.begin(), sorted.end());
    sorted.push_back(INT_MAX); // sentinel: close up to the last possible fd
    unsigned first_to_close = 0;
    for (const int kept : sorted) {
        if (static_cast<unsigned>(kept) > first_to_close) {
            const unsigned last_to_close = static_cast<unsigned>(kept) - 1;
            if (close_range(first_to_close, last_to_close, 0) != 0) {
                if (errno == ENOSYS) {
                    return close_listed_descriptors_except(kept_fds);
                }
                return system_error("close_range failed");
            }
        }
        first_to_close = static_cast<unsigned>(kept) + 1;
    }
    return {};
}

Result<void> forbid_new_privileges()
{
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
        return system_error("cannot set no_new_privs");
    }
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
        return system_error("cannot make the process non-dumpable");
    }
    return {};
}

} // namespace cordon::sandbox
