#include "plugin_checker/plugin_loading.hpp"

#include "cordon/plugin.h"
#include "plugin_checker/loading_stages.hpp"

namespace cordon::plugin_check {

namespace {

std::string formats_text(const CodecPlugin &codec)
{
    std::string text;
    for (const CodecFormat &format : codec.formats()) {
        text += (text.empty() ? "" : ", ") + format.encoding_name + "/" + std::to_string(format.clock_rate);
    }
    return text;
}

LoadedSummary summary_of(const PluginRecord &record, const CodecPlugin *codec)
{
    LoadedSummary summary;
    summary.library = codec != nullptr ? (record.trusted ? "loaded by cordon-sandbox (its descriptor read in process "
                                                           "first: the location is trusted)"
                                                         : "loaded by cordon-sandbox under its lock-down, never in "
                                                           "process (the location is not trusted)")
                                       : "loaded in process (the location is trusted)";
    summary.abi = std::to_string(record.abi_major.value_or(0)) + "." + std::to_string(record.abi_minor.value_or(0));
    summary.newer_minor = record.abi_minor.value_or(0) > CORDON_ABI_MINOR;
    summary.descriptor = std::string(record.kind ? to_string(*record.kind) : "unknown") + " plugin descriptor accepted";
    summary.strings = "id " + record.id + ", name \"" + record.name + "\", vendor \"" + record.vendor + "\", version " +
                      record.version;
    summary.functions = codec != nullptr ? "codec interface validated: " + std::to_string(codec->formats().size()) +
                                               " format(s): " + formats_text(*codec)
                                         : std::string(record.kind ? to_string(*record.kind) : "its") +
                                               " interface validated by the host's registry";
    return summary;
}

} // namespace

PluginUnderCheck load_for_check(const PluginFile &file, const LoadOptions &options, Logger &logger)
{
    PluginSearch search;
    search.trusted = options.trusted;
    search.sandboxed = {"*"};
    search.sandbox = options.limits;
    PluginUnderCheck plugin;
    plugin.registry = PluginRegistry::load_file(file.path, search, logger);
    plugin.record = plugin.registry->records().front();
    plugin.trusted = plugin.record.trusted;
    if (!plugin.record.loaded) {
        plugin.loading = loading_refused(plugin.record.reason);
        return plugin;
    }
    plugin.codec = plugin.registry->find_codec(plugin.record.id);
    plugin.loading = loading_passed(summary_of(plugin.record, plugin.codec));
    return plugin;
}

} // namespace cordon::plugin_check
