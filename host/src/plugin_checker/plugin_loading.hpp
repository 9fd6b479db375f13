// Loads the plugin under check through the host's own registry, and never
// in the checker's process unless its location is trusted (DESIGN.md, "The
// sandbox"). A codec always ends up in the codec sandbox, whatever its
// location (as if plugins.sandboxed were "*"): an untrusted one is loaded
// there only, a trusted one has its descriptor read in process first, as
// the host does. A plugin of another kind is loaded in process when
// trusted, and refused with the host's reason when not.
#pragma once

#include <filesystem>
#include <memory>
#include <vector>

#include "cordon/host/log.hpp"
#include "cordon/host/plugins.hpp"
#include "plugin_checker/check_result.hpp"
#include "plugin_checker/plugin_file.hpp"

namespace cordon::plugin_check {

struct LoadOptions {
    std::vector<std::filesystem::path> trusted; // files or directories (the built-in one among them)
    SandboxLimits limits;                       // executable empty: the one next to the running binary
};

struct PluginUnderCheck {
    std::vector<CheckResult> loading; // loading.library .. loading.functions
    bool trusted = false;
    // Descriptor fields, as far as they are known (from the sandbox's
    // validated description, or the registry's record).
    PluginRecord record;
    // Holds what was loaded.
    std::unique_ptr<PluginRegistry> registry;
    // The codec in its sandbox (owned by registry), for the checks that run
    // it; null when the plugin is not a codec or was refused.
    const CodecPlugin *codec = nullptr;
};

PluginUnderCheck load_for_check(const PluginFile &file, const LoadOptions &options, Logger &logger);

} // namespace cordon::plugin_check
