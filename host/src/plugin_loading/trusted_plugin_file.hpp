// A plugin file in a trusted location, opened once: the file and every
// directory above it checked (strict_modes.hpp) on the descriptors the walk
// opened, and the same open file handed to the dynamic loader, so no path is
// looked up again between the check and the load (DESIGN.md, "The sandbox").
#pragma once

#include <filesystem>

#include "cordon/host/result.hpp"

namespace cordon {

class TrustedPluginFile {
public:
    // Walks from / to located_file (see plugin_location) one component at a
    // time, each opened below the last without following links, checks each
    // one's owner and modes, and opens the file itself (a link there is
    // refused). The error says why the file cannot be trusted, naming the path
    // and the owner or mode bits at fault.
    static Result<TrustedPluginFile> open(const std::filesystem::path &located_file);

    TrustedPluginFile(TrustedPluginFile &&other) noexcept;
    TrustedPluginFile &operator=(TrustedPluginFile &&) = delete;
    TrustedPluginFile(const TrustedPluginFile &) = delete;
    TrustedPluginFile &operator=(const TrustedPluginFile &) = delete;
    ~TrustedPluginFile();

    // The path that was checked.
    const std::filesystem::path &path() const { return path_; }
    // /proc/self/fd/N: the checked open file, for dlopen.
    std::filesystem::path loader_path() const;

    // The dynamic loader knows a library by the name it was opened with, and
    // hands a loaded one back for the same name. Once the library is unloaded,
    // closing the descriptor lets a later plugin file get its number; if the
    // library stayed mapped (built nodelete), that later dlopen would get this
    // code. So the descriptor then stays open for the life of the process.
    void keep_open_if_still_loaded();

private:
    TrustedPluginFile(std::filesystem::path path, int descriptor);

    std::filesystem::path path_;
    int descriptor_ = -1;
};

} // namespace cordon
