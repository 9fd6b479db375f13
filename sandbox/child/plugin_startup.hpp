// Loading, checking and initialising the plugin under the loading lockdown,
// as the in-process loader would: entry, descriptor validation, init, the
// codec interface. Each step that fails has its own exit status.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cordon/codec.h"
#include "descriptor_validation.hpp"
#include "exit_status.hpp"
#include "lockdown/lockdown.hpp"

namespace cordon::sandbox {

struct StartedPlugin {
    DescriptorFields descriptor;
    const cordon_codec_interface *codec = nullptr;
};

struct StartupFailure {
    ExitStatus status;
    std::string reason;  // one line, naming the plugin path
};

// What loading may read: the plugin's own directory (for libraries shipped
// beside it) and the system's library directories and cache. Nothing else:
// a static constructor cannot read the user's files.
std::vector<std::string> readable_while_loading(const std::string &plugin_path);

// Fills started, or returns the failure.
std::optional<StartupFailure> start_plugin(const LoadingLockdown &loading, const std::string &path,
                                           StartedPlugin &started);

}  // namespace cordon::sandbox
