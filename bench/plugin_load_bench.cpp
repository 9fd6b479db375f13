// cordon-bench-plugin-load: what loading and validating a plugin costs on top
// of the dynamic loader's own work. The baseline is dlopen+dlclose of the
// G.711 plugin file alone; the registry benchmark loads that same file through
// PluginRegistry::load (trust, file checks, descriptor, init, interface
// validation, and on destruction deinit and unload); the last two time the two
// validators alone on tables already in memory.
//
// dlopen of a library that is already loaded only bumps a reference count. So
// the G.711 file used here is a private copy in a directory of its own, which
// nothing else in this process opens, and both loading benchmarks check
// before and after their loop that it is not loaded: each iteration then maps,
// relocates and unmaps the file for real (from the page cache: a warm load).
#include <dlfcn.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <system_error>

#include <benchmark/benchmark.h>

#include "bench/baseline_ratio_reporter.hpp"
#include "cordon/codec.h"
#include "cordon/host/log.hpp"
#include "cordon/host/plugins.hpp"
#include "cordon/plugin.h"
#include "plugin_abi/codec_interface_validation.hpp"
#include "plugin_abi/descriptor_validation.hpp"
#include "plugin_loading/loaded_plugin.hpp"

namespace {

namespace fs = std::filesystem;

constexpr const char *baseline_name = "BM_Baseline_Dlopen";
constexpr const char *g711_file_name = "cordon-codec-g711.so";
constexpr const char *opus_file_name = "cordon-codec-opus.so";
constexpr const char *private_directory_prefix = "cordon-bench-plugin-load-";

// What the host's loader asks of dlopen (LoadedPlugin::open), so that the
// baseline does the same loader work.
constexpr int host_dlopen_flags = RTLD_NOW | RTLD_LOCAL;

// Readable and executable by all, writable by the owner only: the registry
// does not trust a plugin that group or others could rewrite.
constexpr fs::perms plugin_file_permissions = fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                              fs::perms::others_read | fs::perms::others_exec;

// The plugins' log lines are not what is measured (and a refusal fails the
// benchmark anyway): they are dropped.
class DiscardingLogger final : public cordon::Logger {
public:
    void write(cordon::LogLevel, std::string_view, std::string_view) override {}
};

// A temporary directory holding a private copy of the G.711 plugin, trusted
// by the registry benchmark and opened by no one else; removed on exit. It
// sits beside the built-in directory, not in /tmp: a directory others can
// write (sticky or not) withdraws trust, and the plugin would be sandboxed.
class PrivatePluginDirectory {
public:
    explicit PrivatePluginDirectory(const fs::path &plugin)
        : directory_(plugin.parent_path().parent_path() / (private_directory_prefix + std::to_string(getpid()))),
          plugin_(directory_ / plugin.filename())
    {
        std::error_code error;
        fs::create_directory(directory_, error);
        if (!error) {
            fs::copy_file(plugin, plugin_, fs::copy_options::overwrite_existing, error);
        }
        if (!error) {
            fs::permissions(plugin_, plugin_file_permissions, error);
        }
        if (error) {
            problem_ = "cannot copy " + plugin.string() + " to " + directory_.string() + ": " + error.message();
        }
    }
    ~PrivatePluginDirectory()
    {
        std::error_code ignored;
        fs::remove_all(directory_, ignored);
    }
    PrivatePluginDirectory(const PrivatePluginDirectory &) = delete;
    PrivatePluginDirectory &operator=(const PrivatePluginDirectory &) = delete;

    const fs::path &directory() const { return directory_; }
    const fs::path &plugin() const { return plugin_; }
    const std::string &problem() const { return problem_; }

private:
    fs::path directory_;
    fs::path plugin_;
    std::string problem_;
};

// A library held open for the length of one benchmark.
class OpenLibrary {
public:
    explicit OpenLibrary(const fs::path &path) : handle_(dlopen(path.c_str(), host_dlopen_flags)) {}
    ~OpenLibrary()
    {
        if (handle_ != nullptr) {
            dlclose(handle_);
        }
    }
    OpenLibrary(const OpenLibrary &) = delete;
    OpenLibrary &operator=(const OpenLibrary &) = delete;

    void *handle() const { return handle_; }

private:
    void *handle_;
};

const PrivatePluginDirectory *g_g711_copy = nullptr;

// dlerror() may return NULL, which SkipWithError must not get.
std::string last_dlerror()
{
    const char *text = dlerror(); // NOLINT(concurrency-mt-unsafe): the benchmarks run on one thread
    return text != nullptr ? text : "unknown dynamic loader error";
}

bool is_loaded(const fs::path &path)
{
    void *handle = dlopen(path.c_str(), RTLD_NOW | RTLD_NOLOAD);
    if (handle == nullptr) {
        return false;
    }
    dlclose(handle); // RTLD_NOLOAD took a reference too
    return true;
}

// Fails the benchmark when the file is loaded already, when every iteration
// would only have counted references.
bool refuse_if_loaded(benchmark::State &state, const fs::path &path, const char *when)
{
    if (!is_loaded(path)) {
        return false;
    }
    state.SkipWithError((path.string() + " is loaded " + when + ": dlopen would only bump a reference count").c_str());
    return true;
}

void BM_Baseline_Dlopen(benchmark::State &state)
{
    const fs::path &plugin = g_g711_copy->plugin();
    state.SetLabel("baseline: dlopen+dlclose of the G.711 plugin");
    if (refuse_if_loaded(state, plugin, "before the loop")) {
        return;
    }
    for (auto _ : state) {
        void *handle = dlopen(plugin.c_str(), host_dlopen_flags);
        if (handle == nullptr) {
            state.SkipWithError(last_dlerror().c_str());
            break;
        }
        benchmark::DoNotOptimize(handle);
        dlclose(handle);
    }
    refuse_if_loaded(state, plugin, "after the loop");
}

void BM_RegistryLoad_OneTrustedPlugin(benchmark::State &state)
{
    const cordon::PluginSearch search{{g_g711_copy->directory()}, {g_g711_copy->directory()}, {}, {}};
    DiscardingLogger logger;
    state.SetLabel("PluginRegistry::load of a directory with the G.711 plugin");
    if (refuse_if_loaded(state, g_g711_copy->plugin(), "before the loop")) {
        return;
    }
    for (auto _ : state) {
        // Destroyed at the end of the iteration: deinit and unload are part
        // of what is measured, and what lets the next load be a real one.
        const auto registry = cordon::PluginRegistry::load(search, logger);
        if (registry->codecs().size() != 1) {
            const auto &records = registry->records();
            state.SkipWithError(records.empty() ? "no plugin file found" : records.front().reason.c_str());
            break;
        }
        // Distrusted (a directory above it writable by group or others), it
        // would run in the sandbox and this would time the sandbox's start.
        if (const auto &record = registry->records().front(); record.isolation != cordon::Isolation::in_process) {
            state.SkipWithError(("not loaded in process: " + record.distrust_reason).c_str());
            break;
        }
        benchmark::DoNotOptimize(registry.get());
    }
    refuse_if_loaded(state, g_g711_copy->plugin(), "after the loop");
}

void BM_ValidateDescriptor(benchmark::State &state)
{
    const OpenLibrary opus(cordon::builtin_plugin_directory() / opus_file_name);
    state.SetLabel("validate_descriptor of the Opus plugin's descriptor");
    if (opus.handle() == nullptr) {
        state.SkipWithError(last_dlerror().c_str());
        return;
    }
    const auto entry = reinterpret_cast<cordon_plugin_entry_fn>(dlsym(opus.handle(), CORDON_PLUGIN_ENTRY_SYMBOL));
    if (entry == nullptr) {
        state.SkipWithError("the Opus plugin exports no entry symbol");
        return;
    }
    const cordon_plugin_descriptor *descriptor = entry();
    for (auto _ : state) {
        // A fresh record each time, as the loader has for each file.
        cordon::DescriptorFields fields;
        if (auto refusal = cordon::validate_descriptor(descriptor, fields)) {
            state.SkipWithError(refusal->c_str());
            break;
        }
        benchmark::DoNotOptimize(fields);
    }
}

void BM_ValidateCodecInterface(benchmark::State &state)
{
    DiscardingLogger logger; // outlives the plugin, whose host services point at it
    state.SetLabel("validate_codec_interface of the Opus plugin's interface");
    cordon::DescriptorFields fields;
    auto opus = cordon::LoadedPlugin::open(cordon::builtin_plugin_directory() / opus_file_name, fields);
    if (!opus) {
        state.SkipWithError(opus.error().message.c_str());
        return;
    }
    if (auto started = opus.value()->initialise(logger); !started) {
        state.SkipWithError(started.error().message.c_str());
        return;
    }
    const auto *codec =
        static_cast<const cordon_codec_interface *>(opus.value()->get_interface(CORDON_CODEC_INTERFACE_ID));
    if (codec == nullptr) {
        state.SkipWithError("the Opus plugin offers no codec interface");
        return;
    }
    for (auto _ : state) {
        auto formats = cordon::validate_codec_interface(codec);
        if (!formats) {
            state.SkipWithError(formats.error().message.c_str());
            break;
        }
        benchmark::DoNotOptimize(formats.value());
    }
}

} // namespace

int main(int argc, char **argv)
{
    const fs::path g711 = cordon::builtin_plugin_directory() / g711_file_name;
    if (!fs::is_regular_file(g711)) {
        (void)std::fprintf(stderr, "cordon-bench-plugin-load: %s not found; build the cordon_builtin_plugins target\n",
                           g711.c_str());
        return 1;
    }
    const PrivatePluginDirectory g711_copy(g711);
    if (!g711_copy.problem().empty()) {
        (void)std::fprintf(stderr, "cordon-bench-plugin-load: %s\n", g711_copy.problem().c_str());
        return 1;
    }
    g_g711_copy = &g711_copy;

    // The baseline runs first and again last, so that the ratio table can
    // show how far the machine drifted during the run.
    benchmark::RegisterBenchmark(baseline_name, BM_Baseline_Dlopen)->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark("BM_RegistryLoad_OneTrustedPlugin", BM_RegistryLoad_OneTrustedPlugin)
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark("BM_ValidateDescriptor", BM_ValidateDescriptor)->Unit(benchmark::kNanosecond);
    benchmark::RegisterBenchmark("BM_ValidateCodecInterface", BM_ValidateCodecInterface)->Unit(benchmark::kNanosecond);
    benchmark::RegisterBenchmark(baseline_name, BM_Baseline_Dlopen)->Unit(benchmark::kMicrosecond);
    return cordon::bench::run_benchmarks_with_baseline(argc, argv, baseline_name);
}
