#include "plugin_loading/strict_modes.hpp"

#include <cstdio>

namespace cordon {

namespace {

std::string octal_mode(mode_t mode)
{
    char text[8];
    std::snprintf(text, sizeof text, "%03o", static_cast<unsigned>(mode & 07777u));
    return text;
}

} // namespace

std::optional<std::string> strict_modes_violation(const std::filesystem::path &path, const struct stat &status,
                                                  uid_t running_user)
{
    const std::string name = path.string();
    if (status.st_uid != 0 && status.st_uid != running_user) {
        return name + " is owned by uid " + std::to_string(status.st_uid) + ", neither root nor you (uid " +
               std::to_string(running_user) + "): only root or you may own what leads to trusted code";
    }
    const bool group_writes = (status.st_mode & S_IWGRP) != 0;
    const bool others_write = (status.st_mode & S_IWOTH) != 0;
    if (!group_writes && !others_write) {
        return std::nullopt;
    }
    const std::string who = group_writes && others_write ? "group and others" : group_writes ? "group" : "others";
    const std::string violation = name + " is writable by " + who + " (mode " + octal_mode(status.st_mode) + ")";
    // Group write counts even with a private group per user (umask 002): a
    // group's membership cannot be proved to be one person, and sshd refuses
    // it too.
    if (!others_write) {
        return violation + ": run chmod g-w " + name + " for the plugin to be trusted";
    }
    // The sticky bit (/tmp) does not make a directory safe: it stops others
    // renaming or removing entries they do not own, not adding new ones. In a
    // trusted directory every new file would load in process, and above one,
    // anyone could take a name its owner (or a tmp cleaner) removed. sshd
    // refuses it as well.
    if (S_ISDIR(status.st_mode) && (status.st_mode & S_ISVTX) != 0) {
        return violation + ": a shared directory like /tmp cannot lead to trusted code; keep the plugin in a "
                           "directory only root or you can write";
    }
    return violation + ": run chmod " + (group_writes ? "go-w " : "o-w ") + name + " for the plugin to be trusted";
}

} // namespace cordon
