// The gate in front of every check: the path must name a regular, readable
// ELF64 shared object whose header and tables lie inside the file. Anything
// else (missing, a directory, empty, text, truncated) is not a plugin to
// check, and `cordon plugin check` says so with its usage exit code.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>

#include "cordon/host/result.hpp"

namespace cordon::plugin_check {

// Larger than any codec needs (the built-in Opus plugin is under 1 MiB) and
// small enough that reading the file's tables costs nothing.
inline constexpr uint64_t max_plugin_file_bytes = uint64_t{64} << 20;

struct PluginFile {
    std::filesystem::path path; // canonical
    uint64_t size_bytes = 0;
};

// Checks the file's type, size and ELF header; the reason when it is not a
// plugin file at all.
Result<PluginFile> open_plugin_file(const std::filesystem::path &path);

// The header check on its own: why these leading bytes of a file of
// file_size bytes are not a 64-bit ELF shared object, or nothing.
std::optional<std::string> elf_header_problem(std::span<const uint8_t> head, uint64_t file_size);

} // namespace cordon::plugin_check
