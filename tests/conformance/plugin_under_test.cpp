#include "plugin_under_test.hpp"

#include <algorithm>
#include <iostream>

#include "cordon/host/plugins.hpp"

namespace cordon::conformance {

namespace fs = std::filesystem;

namespace {

constexpr uint32_t preferred_frame_us = 20000;

std::vector<std::unique_ptr<PluginUnderTest>> &plugins()
{
    static std::vector<std::unique_ptr<PluginUnderTest>> loaded;
    return loaded;
}

std::vector<ConformanceCase> &cases()
{
    static std::vector<ConformanceCase> all;
    return all;
}

class QuietLogger final : public Logger {
public:
    void write(LogLevel level, std::string_view source, std::string_view message) override
    {
        if (level <= LogLevel::warning) {
            std::cerr << "[" << source << "] " << message << '\n';
        }
    }
};

std::string safe_name(const std::string &text)
{
    std::string name;
    for (const char c : text) {
        name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    }
    return name;
}

void add_cases(const PluginUnderTest &plugin)
{
    for (const CodecFormat &format : plugin.codec->formats()) {
        const bool has_preferred = std::count(format.frame_durations_us.begin(), format.frame_durations_us.end(),
                                              preferred_frame_us) > 0;
        const uint32_t frame_us = has_preferred ? preferred_frame_us : format.frame_durations_us.front();
        for (const uint32_t rate : format.sample_rates) {
            for (uint32_t channels = 1; channels <= format.max_channels; ++channels) {
                ConformanceCase c;
                c.plugin = &plugin;
                c.config.encoding_name = format.encoding_name;
                c.config.clock_rate = format.clock_rate;
                c.config.sample_rate = rate;
                c.config.channels = channels;
                c.config.frame_duration_us = frame_us;
                c.name = safe_name(plugin.codec->id() + "_" + format.encoding_name + "_" + std::to_string(rate) +
                                   "Hz_" + std::to_string(channels) + "ch");
                cases().push_back(std::move(c));
            }
        }
    }
}

std::vector<fs::path> builtin_codec_files()
{
    std::vector<fs::path> files;
    std::error_code error;
    for (const auto &entry : fs::directory_iterator(builtin_plugin_directory(), error)) {
        if (entry.path().extension() == ".so") {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

bool load_plugins_under_test(const std::vector<fs::path> &paths)
{
    static QuietLogger logger;
    const std::vector<fs::path> files = paths.empty() ? builtin_codec_files() : paths;
    if (files.empty()) {
        std::cerr << "conformance: no codec plugin found in " << builtin_plugin_directory() << '\n';
        return false;
    }
    for (const fs::path &file : files) {
        auto plugin = std::make_unique<PluginUnderTest>();
        plugin->path = file;
        DescriptorFields fields;
        auto loaded = LoadedPlugin::open(file, fields);
        if (!loaded) {
            std::cerr << "conformance: " << file << " refused: " << loaded.error().message << '\n';
            return false;
        }
        if (fields.kind != PluginKind::codec) {
            continue;  // the built-in directory holds other kinds too
        }
        if (auto started = (*loaded)->initialise(logger); !started) {
            std::cerr << "conformance: " << file << " refused: " << started.error().message << '\n';
            return false;
        }
        plugin->loaded = *loaded;
        plugin->raw = static_cast<const cordon_codec_interface *>((*loaded)->get_interface(CORDON_CODEC_INTERFACE_ID));
        auto codec = InProcessCodecPlugin::create(*loaded);
        if (!codec) {
            std::cerr << "conformance: " << file << " refused: " << codec.error().message << '\n';
            return false;
        }
        plugin->codec = std::move(codec.value());
        add_cases(*plugin);
        plugins().push_back(std::move(plugin));
    }
    return true;
}

const std::vector<ConformanceCase> &conformance_cases() { return cases(); }

}  // namespace cordon::conformance
