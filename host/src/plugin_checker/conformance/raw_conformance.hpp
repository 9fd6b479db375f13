// Runs the raw conformance checks (raw_checks.hpp) on every case of a codec
// plugin, one CheckResult per check, streamed as they finish.
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "cordon/codec.h"
#include "cordon/host/codec.hpp"
#include "plugin_checker/check_result.hpp"

namespace cordon::plugin_check {

struct RawConformanceSink {
    // Before a check runs: a crash from here on is this check's.
    std::function<void(std::string_view check_name)> starting;
    std::function<void(const CheckResult &result)> finished;
};

// formats: the plugin's, as the host's validation of its interface read them.
void run_raw_conformance(const cordon_codec_interface &raw, const std::vector<CodecFormat> &formats,
                         const RawConformanceSink &sink);

} // namespace cordon::plugin_check
