// Trust is decided from where a file is, before any of its code runs: never
// from anything the library says about itself (DESIGN.md, "The sandbox").
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace cordon {

// True when the file is one of the trusted paths or lies below a trusted
// directory. Both sides are compared after resolving links.
bool is_trusted_location(const std::filesystem::path &canonical_file,
                         const std::vector<std::filesystem::path> &trusted);

// Why a trusted file must still not be loaded (not a regular file, writable
// by other users, or in a directory they can write without the sticky bit),
// or nothing.
std::optional<std::string> unsafe_to_load(const std::filesystem::path &canonical_file);

}  // namespace cordon
