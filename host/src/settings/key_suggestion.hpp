// "did you mean …?" for unknown keys.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace cordon::settings_detail {

// A known key at most this many single-character edits away is suggested.
inline constexpr std::size_t max_suggestion_distance = 2;

// The known key closest to unknown_key, if one is near enough; otherwise the
// only known key that ends with the same part (plugins.directories for
// log.directories), if exactly one does.
std::optional<std::string> closest_known_key(std::string_view unknown_key, std::span<const std::string> known_keys);

} // namespace cordon::settings_detail
