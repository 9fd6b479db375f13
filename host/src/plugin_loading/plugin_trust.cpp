#include "plugin_loading/plugin_trust.hpp"

#include <algorithm>

namespace cordon {

namespace fs = std::filesystem;

namespace {

bool is_within(const fs::path &file, const fs::path &directory)
{
    const auto mismatch = std::mismatch(directory.begin(), directory.end(), file.begin(), file.end());
    return mismatch.first == directory.end();
}

} // namespace

fs::path plugin_location(const fs::path &file, std::error_code &error)
{
    const fs::path absolute = fs::absolute(file, error);
    if (error) {
        return {};
    }
    const fs::path directory = fs::canonical(absolute.parent_path(), error);
    if (error) {
        return {};
    }
    return directory / absolute.filename();
}

bool is_trusted_location(const fs::path &located_file, const std::vector<fs::path> &trusted)
{
    for (const fs::path &entry : trusted) {
        std::error_code error;
        if (fs::is_directory(entry, error)) {
            const fs::path directory = fs::canonical(entry, error);
            if (!error && is_within(located_file, directory)) {
                return true;
            }
        } else if (const fs::path located_entry = plugin_location(entry, error); !error) {
            if (located_entry == located_file) {
                return true;
            }
        }
    }
    return false;
}

} // namespace cordon
