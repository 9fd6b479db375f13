// The child's round trips: wait for the host's wake-up on the request
// eventfd, serve the published batch, wake the host on the reply eventfd.
#pragma once

#include <cstdint>

#include "request_handler.hpp"

namespace cordon::sandbox {

// An eventfd cannot report that the host closed it, so the host asks for a
// clean exit by adding this to the request counter (an ordinary wake-up adds
// 1). A read of the request fd that ends (a pipe's EOF) or fails also ends
// the loop.
inline constexpr uint64_t kShutdownWakeValue = uint64_t{1} << 62;

// Returns when the host asks for shutdown or the request fd ends.
void serve_until_shutdown(RequestHandler &handler, int request_fd, int reply_fd);

}  // namespace cordon::sandbox
