#include "sandbox/child/serve_loop.hpp"

#include <unistd.h>

#include <cerrno>
#include <optional>

#include "sandbox/child/child_host_services.hpp"

namespace cordon::sandbox {
namespace {

constexpr uint64_t batch_served = 1;

// The counter's value, or nothing when the fd ended or failed.
std::optional<uint64_t> wait_for_wake(int request_fd)
{
    uint64_t counter = 0;
    for (;;) {
        const ssize_t count = read(request_fd, &counter, sizeof(counter));
        if (count == static_cast<ssize_t>(sizeof(counter))) {
            return counter;
        }
        if (count < 0 && errno == EINTR) {
            continue;
        }
        return std::nullopt;
    }
}

} // namespace

void serve_until_shutdown(RequestHandler &handler, int request_fd, int reply_fd)
{
    for (;;) {
        const std::optional<uint64_t> wake = wait_for_wake(request_fd);
        if (!wake || *wake >= shutdown_wake_value) {
            return;
        }
        // A refused batch header leaves every slot untouched; the host's
        // validation of the stale replies reports it. Wake the host anyway,
        // so it does not wait out its deadline.
        if (auto served = handler.serve_batch(); !served) {
            log_child_line("batch refused: " + served.error().message);
        }
        if (write(reply_fd, &batch_served, sizeof(batch_served)) != static_cast<ssize_t>(sizeof(batch_served))) {
            log_child_line("cannot wake the host on the reply eventfd; stopping");
            return;
        }
    }
}

} // namespace cordon::sandbox
