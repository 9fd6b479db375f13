// memory.peak: the peak resident memory (VmHWM) of the sandbox child that
// served the plugin through every check before this one, read from /proc
// while the child still runs.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "cordon/host/codec.hpp"
#include "plugin_checker/check_result.hpp"

namespace cordon::plugin_check {

// A child that peaks at more than this share of its address-space limit
// (SandboxLimits::memory_limit_bytes) leaves too little room for a host
// that runs more instances than the check did: it would fault as exhausted.
inline constexpr double max_memory_limit_share = 0.5;

// The "VmHWM:   1234 kB" value of a /proc/<pid>/status text, in KiB.
std::optional<uint64_t> peak_resident_kib(std::string_view status_text);

CheckResult memory_verdict(std::optional<uint64_t> peak_kib, uint64_t memory_limit_bytes);

// Reads the running child's figure and judges it.
CheckResult check_memory(const CodecPlugin &codec, uint64_t memory_limit_bytes);

} // namespace cordon::plugin_check
