// The loading.* checks: the steps a host takes to admit a plugin, each its
// own result. Loading stops at the first refusal, whose reason (from the
// sandbox child, the host's description validation or the registry) is
// mapped to the step that refused; the steps before it passed, the ones
// after it were not reached.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plugin_checker/check_result.hpp"

namespace cordon::plugin_check {

enum class LoadingStage {
    library,    // the dynamic loader mapped it and its load-time code ran without a fault
    entry,      // it exports cordon_plugin_entry
    abi,        // the ABI major matches (a newer minor is said)
    descriptor, // the descriptor's size and kind are acceptable
    strings,    // id, name, vendor and version are well formed
    functions,  // required functions present, init succeeded, the kind's interface validated
};
inline constexpr std::array<LoadingStage, 6> loading_stages = {LoadingStage::library, LoadingStage::entry,
                                                               LoadingStage::abi,     LoadingStage::descriptor,
                                                               LoadingStage::strings, LoadingStage::functions};

// "loading.library", "loading.entry", ...
const char *check_name(LoadingStage stage);

// The step a refusal reason belongs to.
LoadingStage stage_of_refusal(std::string_view reason);

// What passing each step showed, for a plugin that loaded.
struct LoadedSummary {
    std::string library; // how and where it was loaded
    std::string abi;     // "1.0"
    bool newer_minor = false;
    std::string descriptor;
    std::string strings;
    std::string functions;
};

std::vector<CheckResult> loading_passed(const LoadedSummary &summary);
std::vector<CheckResult> loading_refused(const std::string &reason);

} // namespace cordon::plugin_check
