// Loading, checking and initialising the plugin under the lockdown,
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

// What loading may read: the plugin's own file, the shared libraries beside
// it (*.so, *.so.*: what an $ORIGIN run path may name), and the system's
// library directories and cache. Not the rest of the plugin's directory:
// `cordon plugin check ~/Downloads/x.so` must not let x.so read ~/Downloads,
// and its packets are a channel out. Lists the directory's names (never a
// file's contents), so it runs before the lockdown.
std::vector<std::string> readable_while_loading(const std::string &plugin_path);

// Fills started, or returns the failure.
std::optional<StartupFailure> start_plugin(const Lockdown &lockdown, const std::string &path,
                                           StartedPlugin &started);

}  // namespace cordon::sandbox
