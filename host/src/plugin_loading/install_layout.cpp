#include "plugin_loading/install_layout.hpp"

namespace cordon {

namespace fs = std::filesystem;

namespace {

constexpr const char *sandbox_executable_name = "cordon-sandbox";

// dir with one trailing level removed per component of relative ("lib/x86_64-linux-gnu": two).
fs::path strip_levels(fs::path dir, const fs::path &relative)
{
    for (const fs::path &component : relative.lexically_normal()) {
        if (!component.empty() && component != ".") {
            dir = dir.parent_path();
        }
    }
    return dir;
}

} // namespace

InstallDirs configured_install_dirs()
{
    return InstallDirs{CORDON_INSTALL_BINDIR, CORDON_INSTALL_LIBDIR, CORDON_PLUGIN_SUBDIR};
}

HostLocations host_locations(const fs::path &module, HostModuleKind kind, const InstallDirs &dirs)
{
    if (module.empty()) {
        return {};
    }
    const fs::path directory = module.lexically_normal().parent_path();
    const fs::path prefix = strip_levels(directory, kind == HostModuleKind::executable ? dirs.bin : dirs.lib);
    return HostLocations{(prefix / dirs.plugins).lexically_normal(),
                         (prefix / dirs.bin / sandbox_executable_name).lexically_normal()};
}

} // namespace cordon
