// sandbox.compatibility: the codec runs under the sandbox's serving
// lock-down in every configuration it advertises: created, a few frames of a
// test signal encoded, decoded and concealed (with and without the next
// packet), reset, and destroyed. A sandbox fault fails it with the fault's
// kind and the supervisor's one-line reason (e.g. the forbidden system call).
#pragma once

#include "plugin_checker/check_result.hpp"
#include "plugin_checker/codec_configurations.hpp"

namespace cordon::plugin_check {

// Frames encoded and decoded per configuration (and again after reset).
inline constexpr uint64_t sandbox_check_frames = 4;

CheckResult check_sandbox_compatibility(const CodecPlugin &codec, const AdvertisedConfigurations &configurations);

} // namespace cordon::plugin_check
