// Helpers shared by the settings tests.
#pragma once

#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "cordon/host/settings.hpp"

namespace cordon::test {

// Where parse_settings is told the text comes from in most tests.
inline const std::filesystem::path test_origin = "/etc/cordon/settings.toml";

inline std::vector<std::string> lines_of(const std::string &text)
{
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

// The error lines of parsing text that must fail; empty if it did not fail.
inline std::vector<std::string> error_lines(std::string_view text, const std::filesystem::path &origin = test_origin)
{
    const Result<Settings> result = parse_settings(text, origin);
    if (result.ok())
        return {};
    return lines_of(result.error().message);
}

} // namespace cordon::test
