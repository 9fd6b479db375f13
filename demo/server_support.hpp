// What starting a real peer on loopback takes, for the demo's Kamailio and
// the tests' baresip alike: finding its program, a fresh run directory,
// free loopback ports, and its text files and log.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <cordon/host/result.hpp>

namespace cordon::demo {

// `configured` when given; else $environment_variable when set; else the
// first executable `name` in $PATH and then in `extra_directories` (Debian
// puts some servers in sbin, which a non-root PATH lacks). Errors name what
// was searched and end with install_hint.
Result<std::filesystem::path> find_program(std::string_view name, const std::string &configured,
                                           const char *environment_variable,
                                           const std::vector<std::filesystem::path> &extra_directories,
                                           std::string_view install_hint);

// A new directory $TMPDIR/<prefix>-XXXXXX, readable only by this user.
Result<std::filesystem::path> make_run_directory(std::string_view prefix);

// A socket of `type` (SOCK_STREAM, SOCK_DGRAM) bound to 127.0.0.1:port, 0
// letting the kernel pick (port then holds the pick); -1 when it cannot.
// Holding it open keeps the next pick from returning the same port; closed
// before anything listened, it leaves no TIME_WAIT behind.
int bind_loopback(int type, std::uint16_t &port);

// The whole file, or "" when it cannot be read (a log not written yet).
std::string read_text(const std::filesystem::path &path);
// Replaces the file; errors name it.
Result<void> write_text(const std::filesystem::path &path, const std::string &text);
// The last `count` lines of text, for quoting a log in an error.
std::string last_lines(const std::string &text, std::size_t count);

} // namespace cordon::demo
