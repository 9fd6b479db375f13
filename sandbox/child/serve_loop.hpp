// The child's round trips: wait for the host's wake-up on the request
// eventfd, serve the published batch, wake the host on the reply eventfd.
#pragma once

#include "sandbox/child/request_handler.hpp"
#include "sandbox/protocol/wake_up.hpp"

namespace cordon::sandbox {

// Returns when the host asks for shutdown (shutdown_wake_value) or the request fd ends.
void serve_until_shutdown(RequestHandler &handler, int request_fd, int reply_fd);

} // namespace cordon::sandbox
