#include "plugin_checker/check_result.hpp"

#include <algorithm>

namespace cordon::plugin_check {

const char *to_string(Verdict verdict)
{
    switch (verdict) {
    case Verdict::pass:
        return "pass";
    case Verdict::warn:
        return "warn";
    case Verdict::fail:
        return "fail";
    case Verdict::skip:
        return "skip";
    }
    return "fail";
}

const char *to_string(Evidence evidence) { return evidence == Evidence::host ? "host" : "plugin_process"; }

CheckResult result_of(std::string name, Verdict verdict, std::string reason)
{
    CheckResult result;
    result.name = std::move(name);
    result.verdict = verdict;
    result.reason = std::move(reason);
    return result;
}

bool passed(const std::vector<CheckResult> &results)
{
    return std::none_of(results.begin(), results.end(),
                        [](const CheckResult &result) { return result.required && result.verdict == Verdict::fail; });
}

} // namespace cordon::plugin_check
