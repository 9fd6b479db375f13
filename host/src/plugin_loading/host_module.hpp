// The file that holds the host's code in this process: the executable when
// the host is linked in statically (bin/cordon, the tests), or
// libcordon-host.so when an application links the shared library.
#pragma once

#include <filesystem>

#include "plugin_loading/install_layout.hpp"

namespace cordon {

struct HostModule {
    std::filesystem::path path; // empty when the system will not say
    HostModuleKind kind = HostModuleKind::executable;
};

HostModule current_host_module();

} // namespace cordon
