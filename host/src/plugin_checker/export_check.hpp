// loading.exports: a plugin should export its entry symbol and nothing else
// (cordon_add_plugin hides the rest). Anything more is a warning, not a
// failure: it can clash with another library's symbol of the same name and
// it widens what the loader resolves against the plugin.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "cordon/host/result.hpp"
#include "plugin_checker/check_result.hpp"

namespace cordon::plugin_check {

// Names the static linker defines in every shared object; they say nothing
// about the plugin's own code.
inline constexpr const char *toolchain_symbols[] = {
    "_init",    "_fini",        "__bss_start",           "_edata",      "_end",
    "_DYNAMIC", "__dso_handle", "_GLOBAL_OFFSET_TABLE_", "__TMC_END__", "__data_start",
};

// Listed by name in the warning, then "and N more".
inline constexpr size_t max_listed_exports = 10;

// The defined symbols other than the entry and the toolchain's names, sorted.
std::vector<std::string> unexpected_exports(const std::vector<std::string> &symbols);

// The check's verdict on what the symbol reader returned.
CheckResult exports_verdict(const Result<std::vector<std::string>> &symbols);

// Reads the file's symbols (without loading it) and judges them.
CheckResult check_exports(const std::filesystem::path &file);

} // namespace cordon::plugin_check
