#include "plugin_checker/sandbox_check.hpp"

#include <algorithm>
#include <vector>

namespace cordon::plugin_check {

namespace {

constexpr const char *check_name = "sandbox.compatibility";

// The first problem while running one instance through its paces, or nothing.
std::optional<std::string> exercise(CodecInstance &instance, FaultWatch &faults, uint64_t &calls)
{
    const CodecInstanceInfo &info = instance.info();
    std::vector<int16_t> frame(info.frame_samples());
    std::vector<uint8_t> packet(info.max_packet_bytes);
    std::vector<uint8_t> previous;
    std::vector<int16_t> decoded(std::max<size_t>(info.max_decoded_samples, info.frame_samples()));
    const auto failed = [&](const char *call, const Result<size_t> &result) -> std::optional<std::string> {
        if (auto fault = faults.new_fault()) {
            return std::string("sandbox ") + *fault + " (in " + call + ")";
        }
        if (!result) {
            return std::string(call) + " failed: " + result.error().message;
        }
        return std::nullopt;
    };
    for (uint64_t round = 0; round < 2; ++round) {
        for (uint64_t index = 0; index < sandbox_check_frames; ++index) {
            fill_test_frame(frame, info, index);
            auto encoded = instance.encode(frame, packet);
            ++calls;
            if (auto problem = failed("encode", encoded)) {
                return problem;
            }
            const std::span<const uint8_t> sent(packet.data(), *encoded);
            auto samples = instance.decode(sent, decoded);
            ++calls;
            if (auto problem = failed("decode", samples)) {
                return problem;
            }
            auto concealed = instance.conceal(index % 2 == 0 ? std::span<const uint8_t>() : sent,
                                              std::span(decoded).first(info.frame_samples()));
            ++calls;
            if (auto problem = failed("conceal", concealed)) {
                return problem;
            }
        }
        if (round == 0) {
            auto reset = instance.reset();
            ++calls;
            if (auto fault = faults.new_fault()) {
                return "sandbox " + *fault + " (in reset)";
            }
            if (!reset) {
                return "reset failed: " + reset.error().message;
            }
        }
    }
    return std::nullopt;
}

} // namespace

CheckResult check_sandbox_compatibility(const CodecPlugin &codec, const AdvertisedConfigurations &configurations)
{
    CheckResult result{check_name, Verdict::pass, "", true, {}};
    FaultWatch faults(codec);
    uint64_t calls = 0;
    for (const CodecConfig &config : configurations.configs) {
        std::optional<std::string> problem;
        {
            auto instance = codec.create(config);
            ++calls;
            if (auto fault = faults.new_fault()) {
                problem = "sandbox " + *fault + " (in create)";
            } else if (!instance) {
                problem = "create refused an advertised configuration: " + instance.error().message;
            } else {
                problem = exercise(**instance, faults, calls);
            }
        } // destroyed here
        if (!problem) {
            if (auto fault = faults.new_fault()) {
                problem = "sandbox " + *fault + " (in destroy)";
            }
        }
        if (problem) {
            result.verdict = Verdict::fail;
            result.reason = describe(config) + ": " + *problem;
            break;
        }
    }
    result.figures.push_back({"configurations", static_cast<double>(configurations.configs.size()), ""});
    result.figures.push_back({"calls", static_cast<double>(calls), ""});
    // Certified only under a lock-down the host proved: a child that could
    // not be proved never serves, so a pass without one is a host bug.
    const std::optional<SandboxStats> stats = codec.sandbox_stats();
    if (result.verdict == Verdict::pass && (!stats || stats->lockdown.empty())) {
        result.verdict = Verdict::fail;
        result.reason = "the sandbox's lock-down was not verified, so nothing is certified";
    }
    if (result.verdict == Verdict::pass) {
        result.reason = "every advertised configuration created, run (encode, decode, conceal, reset) and destroyed "
                        "without a fault, under a lock-down verified by the host: " +
                        stats->lockdown;
        if (configurations.advertised > configurations.configs.size()) {
            result.verdict = Verdict::warn;
            result.reason += "; only the first " + std::to_string(configurations.configs.size()) + " of " +
                             std::to_string(configurations.advertised) + " advertised configurations were run";
        }
    }
    return result;
}

} // namespace cordon::plugin_check
