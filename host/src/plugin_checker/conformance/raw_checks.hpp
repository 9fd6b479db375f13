// The conformance checks that drive a codec plugin through its raw C
// interface, with canaries after every output buffer: what the plugin itself
// must refuse and must never write. They run in cordon-plugin-probe, a
// locked-down process of their own, never in the checker.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cordon/codec.h"
#include "plugin_checker/conformance/raw_instance.hpp"
#include "plugin_checker/conformance_case.hpp"

namespace cordon::plugin_check {

// nullopt when the check holds for the case; else the first thing that went wrong.
using CaseFailure = std::optional<std::string>;
using RawCheckFunction = CaseFailure (*)(const cordon_codec_interface &raw, const ConformanceCase &the_case);

struct RawCheck {
    std::string_view name; // conformance_check_names.hpp
    const char *covers;    // what passing means, for the report
    RawCheckFunction run;
    bool every_advertised_configuration = false; // else one case per format, rate and channel count
};

// In the order they run.
const std::vector<RawCheck> &raw_conformance_checks();

// The checks, one file per theme.
CaseFailure check_configuration_lifecycle(const cordon_codec_interface &raw, const ConformanceCase &the_case);
CaseFailure check_refuses_foreign_configurations(const cordon_codec_interface &raw, const ConformanceCase &the_case);
CaseFailure check_capacities(const cordon_codec_interface &raw, const ConformanceCase &the_case);
CaseFailure check_small_buffers_refused(const cordon_codec_interface &raw, const ConformanceCase &the_case);
CaseFailure check_argument_refusals(const cordon_codec_interface &raw, const ConformanceCase &the_case);
CaseFailure check_reset(const cordon_codec_interface &raw, const ConformanceCase &the_case);
CaseFailure check_concealment(const cordon_codec_interface &raw, const ConformanceCase &the_case);
CaseFailure check_malformed_packets(const cordon_codec_interface &raw, const ConformanceCase &the_case);

} // namespace cordon::plugin_check
