// The command line of cordon-sandbox, parsed strictly: the host is the only
// caller, so anything unexpected is a bug or tampering, never a guess.
//
//   cordon-sandbox --plugin PATH --region-fd N --slots N --request-fd N --reply-fd N
//                  --memory-limit-mb N --handover-fd N
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "cordon/host/result.hpp"

namespace cordon::sandbox {

struct SandboxArguments {
    std::string plugin_path;
    int region_fd = -1;           // the sealed memfd of the shared region
    uint32_t slot_count = 0;      // the layout the host made the region with
    int request_fd = -1;          // eventfd the host writes to wake the child
    int reply_fd = -1;            // eventfd the child writes when the batch is served
    uint32_t memory_limit_mb = 0; // the child's address space (RLIMIT_AS)
    int handover_fd = -1;         // Unix socket: the filter's listener goes to the host on it
};

// The range --memory-limit-mb accepts: a codec needs a few MB plus its
// libraries' mappings; more than 64 GiB is no limit at all.
inline constexpr uint32_t min_memory_limit_mb = 16;
inline constexpr uint32_t max_memory_limit_mb = 65536;

// arguments: argv[1..argc-1]. Every option exactly once, each with a value;
// an absolute plugin path; descriptors above stderr and distinct; slots within
// 1..max_slot_count; a memory limit within the range above.
// invalid_argument with a one-line reason otherwise.
Result<SandboxArguments> parse_arguments(std::span<const char *const> arguments);

} // namespace cordon::sandbox
