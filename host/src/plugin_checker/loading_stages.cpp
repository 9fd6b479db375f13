#include "plugin_checker/loading_stages.hpp"

#include <algorithm>
#include <initializer_list>

#include "cordon/plugin.h"

namespace cordon::plugin_check {

namespace {

bool mentions_any(std::string_view text, std::initializer_list<std::string_view> phrases)
{
    return std::any_of(phrases.begin(), phrases.end(),
                       [text](std::string_view phrase) { return text.find(phrase) != std::string_view::npos; });
}

} // namespace

const char *check_name(LoadingStage stage)
{
    switch (stage) {
    case LoadingStage::library:
        return "loading.library";
    case LoadingStage::entry:
        return "loading.entry";
    case LoadingStage::abi:
        return "loading.abi";
    case LoadingStage::descriptor:
        return "loading.descriptor";
    case LoadingStage::strings:
        return "loading.strings";
    case LoadingStage::functions:
        return "loading.functions";
    }
    return "loading";
}

// The phrases are those of the refusals themselves: plugin_startup.cpp and
// sandbox_session.cpp (sandbox), descriptor_validation.cpp,
// codec_interface_validation.cpp and loaded_plugin.cpp (host). The
// function-level phrases go first: a format's "encoding name" must not read
// as a descriptor string.
LoadingStage stage_of_refusal(std::string_view reason)
{
    if (mentions_any(reason, {"exports no cordon_plugin_entry", "no entry symbol"})) {
        return LoadingStage::entry;
    }
    if (mentions_any(reason, {"built for plugin ABI"})) {
        return LoadingStage::abi;
    }
    if (mentions_any(reason, {"get_interface is missing", "required codec function", "required function", "init failed",
                              "interface", "format "})) {
        return LoadingStage::functions;
    }
    if (mentions_any(reason, {"id \"", "id is ", "id contains", "name is ", "name contains", "vendor is ",
                              "vendor contains", "version is ", "version contains", "version may contain"})) {
        return LoadingStage::strings;
    }
    if (mentions_any(reason, {"descriptor", "plugin kind", "serves codecs only", "sandbox serves only codecs"})) {
        return LoadingStage::descriptor;
    }
    return LoadingStage::library;
}

std::vector<CheckResult> loading_passed(const LoadedSummary &summary)
{
    std::vector<CheckResult> results;
    for (const LoadingStage stage : loading_stages) {
        CheckResult result{check_name(stage), Verdict::pass, "", true, {}};
        switch (stage) {
        case LoadingStage::library:
            result.reason = summary.library;
            break;
        case LoadingStage::entry:
            result.reason = "cordon_plugin_entry returned a descriptor";
            break;
        case LoadingStage::abi:
            result.reason = "built for plugin ABI " + summary.abi;
            if (summary.newer_minor) {
                result.verdict = Verdict::warn;
                result.reason += ", newer than this host's " + std::to_string(CORDON_ABI_MAJOR) + "." +
                                 std::to_string(CORDON_ABI_MINOR) +
                                 ": accepted, and the host uses only what its own version defines";
            }
            break;
        case LoadingStage::descriptor:
            result.reason = summary.descriptor;
            break;
        case LoadingStage::strings:
            result.reason = summary.strings;
            break;
        case LoadingStage::functions:
            result.reason = summary.functions;
            break;
        }
        results.push_back(std::move(result));
    }
    return results;
}

std::vector<CheckResult> loading_refused(const std::string &reason)
{
    const LoadingStage refused = stage_of_refusal(reason);
    std::vector<CheckResult> results;
    for (const LoadingStage stage : loading_stages) {
        CheckResult result{check_name(stage), Verdict::pass, "", true, {}};
        if (stage < refused) {
            result.reason = "passed (loading got as far as " + std::string(check_name(refused)) + ")";
        } else if (stage == refused) {
            result.verdict = Verdict::fail;
            result.reason = reason;
        } else {
            result.verdict = Verdict::skip;
            result.reason = std::string("not reached: ") + check_name(refused) + " failed";
        }
        results.push_back(std::move(result));
    }
    return results;
}

} // namespace cordon::plugin_check
