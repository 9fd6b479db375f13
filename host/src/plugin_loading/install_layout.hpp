// Where the host's companions sit relative to the file that holds the host's
// code. The same rules serve bin/cordon (the host linked into an executable)
// and libcordon-host.so (the host in a shared library an application links),
// in the build tree and in any install prefix, since both trees have one shape.
#pragma once

#include <filesystem>

namespace cordon {

// The install directories relative to the prefix, as configured
// (GNUInstallDirs: "bin", "lib" or "lib/x86_64-linux-gnu", ...).
struct InstallDirs {
    std::filesystem::path bin;
    std::filesystem::path lib;
    std::filesystem::path plugins; // the built-in plugin directory
};

// The directories this build was configured with.
InstallDirs configured_install_dirs();

enum class HostModuleKind { executable, shared_library };

struct HostLocations {
    std::filesystem::path plugin_directory;
    std::filesystem::path sandbox_executable;
};

// Pure: the prefix is the module's directory with as many trailing levels
// removed as the bin (executable) or lib (shared library) directory has;
// plugins and cordon-sandbox are then found under it. An empty module gives
// empty locations.
HostLocations host_locations(const std::filesystem::path &module, HostModuleKind kind, const InstallDirs &dirs);

} // namespace cordon
