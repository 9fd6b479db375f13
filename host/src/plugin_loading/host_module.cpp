#include "plugin_loading/host_module.hpp"

#include <dlfcn.h>
#include <link.h>

#include <system_error>

namespace cordon {

namespace fs = std::filesystem;

namespace {

// The executable as the kernel knows it, every symlink resolved.
fs::path running_executable()
{
    std::error_code error;
    const fs::path executable = fs::read_symlink("/proc/self/exe", error);
    return error ? fs::path() : executable;
}

} // namespace

HostModule current_host_module()
{
    // Any function of the host serves as an anchor: the module that holds it
    // holds all of the host's code.
    const void *anchor = reinterpret_cast<const void *>(&current_host_module);
    Dl_info info{};
    link_map *module = nullptr;
    if (dladdr1(anchor, &info, reinterpret_cast<void **>(&module), RTLD_DL_LINKMAP) == 0 || module == nullptr ||
        module->l_name == nullptr || module->l_name[0] == '\0') {
        // The main program's link map has no name: the host is linked into it.
        return HostModule{running_executable(), HostModuleKind::executable};
    }
    // Resolve symlinks so that a library linked into /usr/lib from elsewhere
    // still finds its own prefix.
    std::error_code error;
    const fs::path library = fs::canonical(module->l_name, error);
    return HostModule{error ? fs::absolute(module->l_name, error) : library, HostModuleKind::shared_library};
}

} // namespace cordon
