// Waiting for a checker's child process to end without trusting it to end:
// a child that closes every pipe it was given and then keeps running must
// still be over by the deadline.
#pragma once

#include <sys/types.h>

#include <chrono>

namespace cordon::plugin_check {

struct ChildExit {
    int wait_status = 0;             // as waitpid gives it
    bool killed_at_deadline = false; // it was still running then, and the checker killed it
};

// Reaps the child, killing it first if it has not ended by the deadline.
ChildExit reap_by_deadline(pid_t pid, std::chrono::steady_clock::time_point deadline);

} // namespace cordon::plugin_check
