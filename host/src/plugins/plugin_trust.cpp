#include "plugin_trust.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <system_error>

namespace cordon {

namespace fs = std::filesystem;

namespace {

bool is_within(const fs::path &file, const fs::path &directory)
{
    const auto mismatch = std::mismatch(directory.begin(), directory.end(), file.begin(), file.end());
    return mismatch.first == directory.end();
}

std::string octal_mode(mode_t mode)
{
    char text[8];
    std::snprintf(text, sizeof text, "%03o", static_cast<unsigned>(mode & 0777u));
    return text;
}

}  // namespace

bool is_trusted_location(const fs::path &canonical_file, const std::vector<fs::path> &trusted)
{
    for (const fs::path &entry : trusted) {
        std::error_code error;
        const fs::path canonical_entry = fs::canonical(entry, error);
        if (error) {
            continue;
        }
        if (canonical_entry == canonical_file) {
            return true;
        }
        if (fs::is_directory(canonical_entry, error) && is_within(canonical_file, canonical_entry)) {
            return true;
        }
    }
    return false;
}

std::optional<std::string> unsafe_to_load(const fs::path &canonical_file)
{
    struct stat info {};
    if (stat(canonical_file.c_str(), &info) != 0) {
        return std::string("cannot read the file's status");
    }
    if (!S_ISREG(info.st_mode)) {
        return std::string("not a regular file");
    }
    // Group write is allowed: with per-user groups (umask 002) it is the
    // owner's own, and refusing it would refuse a fresh build.
    if ((info.st_mode & S_IWOTH) != 0) {
        return "writable by others (mode " + octal_mode(info.st_mode) +
               "): a plugin loaded in process must not be writable by other users";
    }
    // Whoever can write the directory can swap the file between this check
    // and the load, unless the sticky bit stops them touching others' files.
    struct stat directory {};
    const fs::path parent = canonical_file.parent_path();
    if (stat(parent.c_str(), &directory) != 0) {
        return "cannot read the status of its directory " + parent.string();
    }
    if ((directory.st_mode & S_IWOTH) != 0 && (directory.st_mode & S_ISVTX) == 0) {
        return "its directory " + parent.string() + " is writable by others (mode " + octal_mode(directory.st_mode) +
               "), so the file could be replaced";
    }
    return std::nullopt;
}

}  // namespace cordon
