#include "plugin_checker/timing_check.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>

namespace cordon::plugin_check {

namespace {

using Clock = std::chrono::steady_clock;
// Instrumented code is several times slower, so a sanitizer build's figures
// say nothing about the plugin: reported, never failed.
#if defined(CORDON_SANITIZER_RUNTIME)
constexpr bool sanitizer_build = true;
#else
constexpr bool sanitizer_build = false;
#endif
constexpr const char *check_name = "timing.realtime";

double milliseconds(std::chrono::nanoseconds duration)
{
    return std::chrono::duration<double, std::milli>(duration).count();
}

std::string one_decimal(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", value);
    return text;
}

} // namespace

std::chrono::nanoseconds call_deadline(const SandboxLimits &limits, const CodecConfig &config)
{
    return call_deadline_for(limits, std::chrono::microseconds(config.frame_duration_us));
}

CheckResult timing_verdict(const std::vector<ConfigurationTiming> &timings)
{
    CheckResult result{check_name, Verdict::pass, "", true, {}};
    if (timings.empty()) {
        result.verdict = Verdict::skip;
        result.reason = "no configuration was measured";
        return result;
    }
    const auto slowest = std::min_element(timings.begin(), timings.end(), [](const auto &a, const auto &b) {
        return a.realtime_factor < b.realtime_factor;
    });
    const auto tightest = std::max_element(timings.begin(), timings.end(), [](const auto &a, const auto &b) {
        return milliseconds(a.worst_call) / milliseconds(a.deadline) <
               milliseconds(b.worst_call) / milliseconds(b.deadline);
    });
    const double share = milliseconds(tightest->worst_call) / milliseconds(tightest->deadline);
    result.figures = {{"min_realtime_factor", slowest->realtime_factor, "x"},
                      {"worst_call", milliseconds(tightest->worst_call), "ms"},
                      {"deadline", milliseconds(tightest->deadline), "ms"}};
    const std::string slowest_text =
        slowest->configuration + " sustains " + one_decimal(slowest->realtime_factor) + "x real time";
    const std::string tightest_text = tightest->configuration + "'s slowest call took " +
                                      one_decimal(milliseconds(tightest->worst_call)) + " ms of its " +
                                      one_decimal(milliseconds(tightest->deadline)) + " ms deadline";
    if (slowest->realtime_factor < required_realtime_factor) {
        result.verdict = Verdict::fail;
        result.reason =
            slowest_text + ", under the " + one_decimal(required_realtime_factor) + "x one call needs with headroom";
    } else if (share > max_deadline_share) {
        result.verdict = Verdict::fail;
        result.reason = tightest_text + ", more than " + one_decimal(max_deadline_share * 100) +
                        " %: a busier machine would turn it into a hang fault";
    } else if (slowest->realtime_factor < comfortable_realtime_factor) {
        result.verdict = Verdict::warn;
        result.reason = slowest_text + ", under the " + one_decimal(comfortable_realtime_factor) +
                        "x a sandbox serving ten calls needs";
    } else {
        result.reason = "slowest: " + slowest_text + "; tightest: " + tightest_text;
    }
    return result;
}

namespace {

// One measurement of one configuration: the timing, or why it failed.
Result<ConfigurationTiming> measure(const CodecPlugin &codec, const CodecConfig &config, const SandboxLimits &limits,
                                    std::chrono::nanoseconds share, FaultWatch &faults)
{
    auto instance = codec.create(config);
    if (auto fault = faults.new_fault()) {
        return Error{ErrorCode::sandbox_fault, "sandbox " + *fault};
    }
    if (!instance) {
        return Error{instance.error().code, "create failed: " + instance.error().message};
    }
    const CodecInstanceInfo &info = (*instance)->info();
    std::vector<int16_t> frame(info.frame_samples());
    std::vector<uint8_t> packet(info.max_packet_bytes);
    std::vector<int16_t> decoded(std::max<size_t>(info.max_decoded_samples, info.frame_samples()));
    ConfigurationTiming timing{describe(config), 0, {}, call_deadline(limits, config)};
    std::vector<std::chrono::nanoseconds> frame_times;
    const auto deadline = Clock::now() + share;
    while (frame_times.size() < min_timed_frames || Clock::now() < deadline) {
        fill_test_frame(frame, info, frame_times.size());
        const auto before_encode = Clock::now();
        auto encoded = (*instance)->encode(frame, packet);
        const auto before_decode = Clock::now();
        auto samples =
            encoded ? (*instance)->decode(std::span(packet).first(*encoded), decoded) : Result<size_t>(encoded.error());
        const auto after = Clock::now();
        if (auto fault = faults.new_fault()) {
            return Error{ErrorCode::sandbox_fault, "sandbox " + *fault};
        }
        if (!samples) {
            return samples.error();
        }
        timing.worst_call = std::max({timing.worst_call, before_decode - before_encode, after - before_decode});
        frame_times.push_back(after - before_encode);
    }
    // The median frame, not the mean: what the codec sustains, not how often
    // the machine was busy with something else.
    const auto middle = frame_times.begin() + static_cast<std::ptrdiff_t>(frame_times.size() / 2);
    std::nth_element(frame_times.begin(), middle, frame_times.end());
    const double frame_cost = std::chrono::duration<double>(*middle).count();
    timing.realtime_factor = frame_cost > 0 ? frame_seconds(config) / frame_cost : 0;
    return timing;
}

} // namespace

bool timing_acceptable(const ConfigurationTiming &timing)
{
    return timing.realtime_factor >= comfortable_realtime_factor &&
           milliseconds(timing.worst_call) <= milliseconds(timing.deadline) * max_deadline_share;
}

CheckResult check_timing(const CodecPlugin &codec, const AdvertisedConfigurations &configurations,
                         const SandboxLimits &limits, std::chrono::milliseconds budget)
{
    std::vector<ConfigurationTiming> timings;
    FaultWatch faults(codec);
    const auto share = budget / std::max<size_t>(configurations.configs.size(), 1);
    for (const CodecConfig &config : configurations.configs) {
        std::optional<ConfigurationTiming> best;
        for (uint32_t attempt = 0; attempt < timing_attempts && !(best && timing_acceptable(*best)); ++attempt) {
            auto timing = measure(codec, config, limits, share, faults);
            if (!timing) {
                return {check_name, Verdict::fail, describe(config) + ": " + timing.error().message, true, {}};
            }
            if (!best || timing->realtime_factor / std::max(milliseconds(timing->worst_call), 1e-3) >
                             best->realtime_factor / std::max(milliseconds(best->worst_call), 1e-3)) {
                best = std::move(timing.value());
            }
        }
        timings.push_back(std::move(*best));
    }
    CheckResult result = timing_verdict(timings);
    if (sanitizer_build && result.verdict == Verdict::fail) {
        result.verdict = Verdict::warn;
        result.reason += " (not failed: a sanitizer build runs the host and the sandbox child several times slower)";
    }
    return result;
}

} // namespace cordon::plugin_check
