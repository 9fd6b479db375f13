#include "plugin_checker/export_check.hpp"

#include <algorithm>

#include "cordon/plugin.h"
#include "plugin_checker/symbol_reader.hpp"

namespace cordon::plugin_check {

namespace {

constexpr const char *check_name = "loading.exports";

bool is_expected(const std::string &name)
{
    return name == CORDON_PLUGIN_ENTRY_SYMBOL ||
           std::find(std::begin(toolchain_symbols), std::end(toolchain_symbols), name) != std::end(toolchain_symbols);
}

std::string listed(const std::vector<std::string> &names)
{
    std::string text;
    for (size_t i = 0; i < names.size() && i < max_listed_exports; ++i) {
        text += (i == 0 ? "" : ", ") + names[i];
    }
    if (names.size() > max_listed_exports) {
        text += " and " + std::to_string(names.size() - max_listed_exports) + " more";
    }
    return text;
}

} // namespace

std::vector<std::string> unexpected_exports(const std::vector<std::string> &symbols)
{
    std::vector<std::string> extra;
    for (const std::string &name : symbols) {
        if (!is_expected(name)) {
            extra.push_back(name);
        }
    }
    std::sort(extra.begin(), extra.end());
    extra.erase(std::unique(extra.begin(), extra.end()), extra.end());
    return extra;
}

CheckResult exports_verdict(const Result<std::vector<std::string>> &symbols)
{
    CheckResult result{check_name, Verdict::warn, "", false, {}};
    if (!symbols) {
        result.reason = "cannot list the exported symbols: " + symbols.error().message;
        return result;
    }
    if (symbols->empty()) {
        result.reason = "the file has no symbol table (stripped?), so its exported symbols cannot be listed";
        return result;
    }
    const std::vector<std::string> extra = unexpected_exports(*symbols);
    result.figures.push_back({"unexpected_exports", static_cast<double>(extra.size()), ""});
    if (!extra.empty()) {
        result.reason = "exports " + std::to_string(extra.size()) + " symbol" + (extra.size() == 1 ? "" : "s") +
                        " besides " CORDON_PLUGIN_ENTRY_SYMBOL ": " + listed(extra) +
                        " (build with hidden visibility, as cordon_add_plugin does)";
        return result;
    }
    result.verdict = Verdict::pass;
    result.reason = "exports " CORDON_PLUGIN_ENTRY_SYMBOL " and nothing else of its own";
    return result;
}

CheckResult check_exports(const std::filesystem::path &file) { return exports_verdict(read_defined_symbols(file)); }

} // namespace cordon::plugin_check
