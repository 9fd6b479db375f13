// conformance.quality: speech through the codec and back, as the host runs
// the plugin (for an untrusted one: in the sandbox), reaches the floor of
// its encoding in every case.
#pragma once

#include "cordon/host/codec.hpp"
#include "plugin_checker/check_result.hpp"
#include "plugin_checker/quality_floors.hpp"

namespace cordon::plugin_check {

CheckResult check_round_trip_quality(const CodecPlugin &codec, const QualityOverrides &overrides = {});

} // namespace cordon::plugin_check
