#include "settings/key_suggestion.hpp"

#include <algorithm>
#include <vector>

namespace cordon::settings_detail {
namespace {

// Levenshtein distance, or limit + 1 once it is certainly above limit. The
// length check first keeps this cheap for the megabyte-long key of a hostile
// file.
std::size_t bounded_edit_distance(std::string_view a, std::string_view b, std::size_t limit)
{
    const std::size_t length_gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
    if (length_gap > limit)
        return limit + 1;
    std::vector<std::size_t> previous(b.size() + 1);
    std::vector<std::size_t> current(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        std::size_t row_minimum = current[0];
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
            row_minimum = std::min(row_minimum, current[j]);
        }
        if (row_minimum > limit)
            return limit + 1;
        std::swap(previous, current);
    }
    return previous[b.size()];
}

std::string_view last_part(std::string_view key)
{
    const std::size_t dot = key.rfind('.');
    return dot == std::string_view::npos ? key : key.substr(dot + 1);
}

} // namespace

std::optional<std::string> closest_known_key(std::string_view unknown_key, std::span<const std::string> known_keys)
{
    std::optional<std::string> closest;
    std::size_t closest_distance = max_suggestion_distance + 1;
    for (const std::string &known : known_keys) {
        const std::size_t distance = bounded_edit_distance(unknown_key, known, max_suggestion_distance);
        if (distance < closest_distance) {
            closest = known;
            closest_distance = distance;
        }
    }
    if (closest)
        return closest;

    const std::string_view unknown_part = last_part(unknown_key);
    if (unknown_part == unknown_key)
        return std::nullopt; // a top-level key has no part to match on
    const auto same_part = [&](const std::string &known) { return last_part(known) == unknown_part; };
    const auto match = std::find_if(known_keys.begin(), known_keys.end(), same_part);
    if (match == known_keys.end() || std::count_if(known_keys.begin(), known_keys.end(), same_part) > 1)
        return std::nullopt;
    return *match;
}

} // namespace cordon::settings_detail
