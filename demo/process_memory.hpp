// How much memory a process holds, from Linux's /proc/<pid>/status and
// smaps_rollup: the demo reports its own peak and the sandbox child's, the
// figures that the "host + sandbox under 8 MB" goal is about. The peak counts
// every page of a shared library the process has mapped, pages other
// processes share; the proportional and anonymous figures say what the
// process itself costs.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string_view>

namespace cordon::demo {

struct ProcessMemory {
    std::uint64_t resident_kib = 0;      // VmRSS: now
    std::uint64_t peak_resident_kib = 0; // VmHWM: the most it ever held
    // From smaps_rollup, now; nothing where the kernel does not offer it.
    std::optional<std::uint64_t> proportional_kib; // Pss: shared pages divided among their users
    std::optional<std::uint64_t> anonymous_kib;    // Anonymous: heap, stacks, written library data
};

// The figures of process `pid`; nothing when it is gone or /proc cannot be read.
std::optional<ProcessMemory> process_memory(pid_t pid);
std::optional<ProcessMemory> own_process_memory();

// The kB value of field `name` ("VmHWM", "Pss") in the text of a
// /proc/<pid>/status or smaps_rollup file; nothing when the field is missing or not "<digits> kB".
std::optional<std::uint64_t> status_field_kib(std::string_view status_text, std::string_view name);

} // namespace cordon::demo
