// timing.realtime: per configuration, how many frames a second the codec
// sustains through its sandbox (an encode and a decode per frame, one call
// at a time, as a call uses it) against the frames a second a call needs,
// and the slowest single call against the sandbox's call deadline.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "cordon/host/sandbox.hpp"
#include "plugin_checker/check_result.hpp"
#include "plugin_checker/codec_configurations.hpp"

namespace cordon::plugin_check {

// Under twice real time a codec cannot carry even one call with headroom
// for the rest of the host: a required failure.
inline constexpr double required_realtime_factor = 2.0;
// One sandbox child serves every call of a host that uses the plugin: at
// ten times real time it carries ten calls' encoding and decoding. Below it
// the check warns; the figure also moves with the machine's load, which a
// required verdict must not.
inline constexpr double comfortable_realtime_factor = 10.0;
// The slowest call may use at most this share of the deadline: past it, a
// busier machine or a second instance's frame in the same round trip turns
// the plugin's ordinary worst case into a hang fault that drops the frame.
inline constexpr double max_deadline_share = 0.5;
// Frames measured per configuration, whatever the budget.
inline constexpr uint64_t min_timed_frames = 20;
// A configuration that misses is measured once more and the better run
// kept: a scheduling stall on a busy machine is not the plugin's, a slow
// plugin is slow twice.
inline constexpr uint32_t timing_attempts = 2;

struct ConfigurationTiming {
    std::string configuration;  // describe(config)
    double realtime_factor = 0; // frames per second sustained × frame duration
    std::chrono::nanoseconds worst_call{0};
    std::chrono::nanoseconds deadline{0};
};

// The deadline one call of this configuration gets (call_deadline_for).
std::chrono::nanoseconds call_deadline(const SandboxLimits &limits, const CodecConfig &config);

// Whether one configuration's timing meets both limits.
bool timing_acceptable(const ConfigurationTiming &timing);

// The verdict on measured timings: fails on the first configuration under
// comfortable_realtime_factor or over max_deadline_share of its deadline.
CheckResult timing_verdict(const std::vector<ConfigurationTiming> &timings);

// Measures every configuration, `budget` split among them.
CheckResult check_timing(const CodecPlugin &codec, const AdvertisedConfigurations &configurations,
                         const SandboxLimits &limits, std::chrono::milliseconds budget);

} // namespace cordon::plugin_check
