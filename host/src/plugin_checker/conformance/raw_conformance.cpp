#include "plugin_checker/conformance/raw_conformance.hpp"

#include "plugin_checker/conformance/raw_checks.hpp"

namespace cordon::plugin_check {

void run_raw_conformance(const cordon_codec_interface &raw, const std::vector<CodecFormat> &formats,
                         const RawConformanceSink &sink)
{
    const std::vector<ConformanceCase> cases = conformance_cases(formats);
    const std::vector<ConformanceCase> advertised = every_advertised_case(formats);
    for (const RawCheck &check : raw_conformance_checks()) {
        sink.starting(check.name);
        const std::vector<ConformanceCase> &run_on = check.every_advertised_configuration ? advertised : cases;
        CheckResult result =
            result_of(std::string(check.name), Verdict::pass,
                      std::string(check.covers) + " (" + std::to_string(run_on.size()) + " configurations)");
        for (const ConformanceCase &the_case : run_on) {
            if (CaseFailure failure = check.run(raw, the_case)) {
                result.verdict = Verdict::fail;
                result.reason = the_case.label + ": " + *failure;
                break;
            }
        }
        result.figures.push_back({"configurations", static_cast<double>(run_on.size()), ""});
        sink.finished(result);
    }
}

} // namespace cordon::plugin_check
