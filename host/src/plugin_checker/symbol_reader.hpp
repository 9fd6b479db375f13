// The symbols a plugin file defines, read from the file without loading it.
// Boost.DLL's library_info does the reading, but it trusts the ELF tables it
// walks (a string offset or a section size is used unchecked), so it runs in
// a child process of its own: bounded in memory, CPU time and output, and a
// crash there is a finding about the file, never a crash of the checker.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "cordon/host/result.hpp"

namespace cordon::plugin_check {

// What the reading child may use: enough for any real symbol table.
inline constexpr uint64_t symbol_reader_memory_bytes = uint64_t{256} << 20;
inline constexpr std::chrono::milliseconds symbol_reader_deadline{3000};
inline constexpr size_t max_symbol_list_bytes = size_t{1} << 20;
inline constexpr size_t max_symbol_name_bytes = 1024;

// Work on an untrusted file in the reader's child: it may read file, writes
// what it found to output_fd, and returns the child's exit status.
using ConfinedJob = std::function<int(const std::filesystem::path &file, int output_fd)>;

// The exit status of a reader's child whose lockdown failed (job never ran).
inline constexpr int confined_not_locked_down = 4;

struct ConfinedRun {
    std::string output;         // what the job wrote, up to just past max_symbol_list_bytes
    bool within_limits = false; // ended within symbol_reader_deadline and the output cap
    int wait_status = 0;        // as waitpid reports it
};

// Runs job in a forked child locked down as the sandbox is (standalone: only
// the output pipe and /dev/null open, new namespaces, Landlock to file alone,
// the final seccomp filter, the reader's memory and CPU limits); killed at
// symbol_reader_deadline. Every untrusted file the checker reads goes
// through here.
Result<ConfinedRun> run_confined(const std::filesystem::path &file, const ConfinedJob &job);

// The names of the visible symbols in the file's symbol table (Boost.DLL
// reads .symtab, so a stripped file lists none). An error when the reader
// failed, crashed or overran its limits.
Result<std::vector<std::string>> read_defined_symbols(const std::filesystem::path &file);

// The reader's output split into names: one per line, empty and overlong
// ones dropped, at most max_symbol_list_bytes read in total.
std::vector<std::string> split_symbol_list(std::string_view output);

} // namespace cordon::plugin_check
