// Loading, checking and initialising the plugin under the lockdown,
// as the in-process loader would: entry, descriptor validation, init, the
// codec interface. Each step that fails has its own exit status.
#pragma once

#include <optional>
#include <string>

#include "cordon/codec.h"
#include "plugin_abi/descriptor_validation.hpp"
#include "sandbox/lockdown/lockdown.hpp"
#include "sandbox/protocol/exit_status.hpp"

namespace cordon::sandbox {

struct StartedPlugin {
    DescriptorFields descriptor;
    const cordon_codec_interface *codec = nullptr;
};

struct StartupFailure {
    ExitStatus status;
    std::string reason; // one line, naming the plugin path
};

// Fills started, or returns the failure.
std::optional<StartupFailure> start_plugin(const Lockdown &lockdown, const std::string &path, StartedPlugin &started);

} // namespace cordon::sandbox
