// Trust is decided from where a file is, before any of its code runs: never
// from anything the library says about itself (DESIGN.md, "The sandbox").
#pragma once

#include <filesystem>
#include <system_error>
#include <vector>

namespace cordon {

// Where a plugin file lies: absolute, every link in its directories
// resolved, the last component kept as named. A link there is never
// followed: trust goes to a file, not to a name that can be re-pointed.
std::filesystem::path plugin_location(const std::filesystem::path &file, std::error_code &error);

// True when the located file is one of the trusted paths or lies below a
// trusted directory (trusted entries are located the same way; a trusted
// directory has its links resolved).
bool is_trusted_location(const std::filesystem::path &located_file, const std::vector<std::filesystem::path> &trusted);

} // namespace cordon
