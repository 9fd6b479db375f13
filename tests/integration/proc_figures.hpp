// What a soak test reads about a process from /proc: its resident memory,
// its open descriptors, and its sandbox child; and of this process, the heap.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace cordon::test {

// VmRSS of the process; nothing when it is gone.
std::optional<std::uint64_t> resident_kib(pid_t pid);
// Entries of /proc/<pid>/fd; nothing when they cannot be read.
std::optional<std::size_t> open_descriptors(pid_t pid);
// Bytes this process's allocator has handed out and not yet had back
// (glibc's mallinfo2): unlike RSS, it moves with every leaked object, not by
// pages. 0 where the allocator does not say (a sanitizer's).
std::uint64_t heap_in_use_kib();
// A child of parent whose command name (comm) is name, as "cordon-sandbox".
std::optional<pid_t> child_named(pid_t parent, std::string_view name);

} // namespace cordon::test
