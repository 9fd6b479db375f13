// The codec plugins the conformance suite runs against: those named with
// --plugin, or every codec in the built-in plugin directory. Each is loaded
// once; the suite reaches both its raw C interface (to test the plugin's own
// checks, with nothing of the host in between) and the host's wrapper.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cordon/codec.h"
#include "in_process_codec.hpp"
#include "loaded_plugin.hpp"

namespace cordon::conformance {

struct PluginUnderTest {
    std::filesystem::path path;
    std::shared_ptr<LoadedPlugin> loaded;
    const cordon_codec_interface *raw = nullptr;
    std::unique_ptr<InProcessCodecPlugin> codec;
};

// One configuration of one plugin that every test runs on.
struct ConformanceCase {
    const PluginUnderTest *plugin = nullptr;
    CodecConfig config;
    std::string name;  // for the test name: letters, digits and '_' only
};

// Loads the plugins; returns false (after printing why) when one fails.
bool load_plugins_under_test(const std::vector<std::filesystem::path> &paths);

// Every format × sample rate × channel count, at 20 ms frames when the
// format offers them, else at its first duration.
const std::vector<ConformanceCase> &conformance_cases();

}  // namespace cordon::conformance
