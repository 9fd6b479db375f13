#include "sandbox/supervisor/seccomp_listener.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

namespace cordon::sandbox {
namespace {

// Linux 6.6's SECCOMP_IOCTL_NOTIF_SET_FLAGS and its one flag, which Debian
// 12's kernel headers (6.1) do not name yet.
constexpr unsigned long set_listener_flags = _IOW('!', 4, uint64_t);
constexpr uint64_t synchronous_wake_up = 1;

} // namespace

SeccompListener::SeccompListener(int fd) : fd_(fd)
{
    // Loading stops the child at every file it opens and maps: with the
    // wake-ups synchronous, child and host take turns on one CPU instead of
    // each waking the other across CPUs (about 0.3 ms per start here). An
    // older kernel refuses the flag, and the round trips are only slower.
    if (fd_ >= 0) {
        [[maybe_unused]] const int refused = ioctl(fd_, set_listener_flags, synchronous_wake_up);
    }
}

SeccompListener::~SeccompListener()
{
    if (fd_ >= 0) {
        close(fd_);
    }
}

SeccompListener::SeccompListener(SeccompListener &&other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

SeccompListener &SeccompListener::operator=(SeccompListener &&other) noexcept
{
    if (this != &other) {
        if (fd_ >= 0) {
            close(fd_);
        }
        fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
}

std::optional<ListenerNotification> SeccompListener::receive() const
{
    // The kernel wants the struct zeroed.
    seccomp_notif notification{};
    int status = -1;
    while ((status = ioctl(fd_, SECCOMP_IOCTL_NOTIF_RECV, &notification)) != 0 && errno == EINTR) {
        notification = {};
    }
    if (status != 0) {
        return std::nullopt;
    }
    return ListenerNotification{notification.id, notification.data};
}

bool SeccompListener::let_through(uint64_t id) const
{
    seccomp_notif_resp response{};
    response.id = id;
    // The call runs as made. Safe here because the host's decision
    // (allowed_while_loading) reads only register arguments, never memory
    // the child could change between the decision and the call.
    response.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
    int status = -1;
    while ((status = ioctl(fd_, SECCOMP_IOCTL_NOTIF_SEND, &response)) != 0 && errno == EINTR) {
    }
    return status == 0;
}

} // namespace cordon::sandbox
