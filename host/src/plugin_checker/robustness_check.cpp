#include "plugin_checker/robustness_check.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <vector>

#include "plugin_checker/fuzz_inputs.hpp"

namespace cordon::plugin_check {

namespace {

using Clock = std::chrono::steady_clock;

// Each configuration's generator starts from the seed mixed with its index
// (a SplitMix64 step), so configurations do not replay each other's inputs.
uint64_t configuration_seed(uint64_t seed, size_t index)
{
    uint64_t z = seed + 0x9E3779B97F4A7C15ull * (index + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

struct Failure {
    std::string reason;
    std::vector<uint8_t> input;
};

// Runs decode (or conceal) on mutated packets until the deadline or a fault.
std::optional<Failure> fuzz_decode(CodecInstance &instance, FuzzInputs &inputs, FaultWatch &faults,
                                   Clock::time_point deadline, uint64_t &tried)
{
    const CodecInstanceInfo &info = instance.info();
    std::vector<int16_t> frame(info.frame_samples());
    std::vector<std::vector<uint8_t>> valid;
    std::vector<uint8_t> packet(info.max_packet_bytes);
    for (uint64_t index = 0; index < valid_packets_per_configuration; ++index) {
        fill_test_frame(frame, info, index);
        auto encoded = instance.encode(frame, packet);
        if (auto fault = faults.new_fault()) {
            return Failure{"sandbox " + *fault + " while encoding the test signal", {}};
        }
        if (encoded) {
            valid.emplace_back(packet.begin(), packet.begin() + static_cast<std::ptrdiff_t>(*encoded));
        }
    }
    std::vector<int16_t> pcm(std::max<size_t>(info.max_decoded_samples, info.frame_samples()));
    while (Clock::now() < deadline) {
        const std::span<const uint8_t> base =
            valid.empty() ? std::span<const uint8_t>() : std::span<const uint8_t>(valid[inputs.below(valid.size())]);
        std::vector<uint8_t> input = inputs.next_packet(base, info.max_packet_bytes);
        const uint64_t call = inputs.below(4);
        const char *name = "decode";
        if (call == 0) {
            name = "conceal with this next packet";
            (void)instance.conceal(input, std::span(pcm).first(info.frame_samples()));
        } else if (call == 1) {
            name = "conceal without a next packet";
            (void)instance.conceal({}, std::span(pcm).first(info.frame_samples()));
        } else {
            (void)instance.decode(input, pcm);
        }
        ++tried;
        if (auto fault = faults.new_fault()) {
            return Failure{"sandbox " + *fault + " in " + name + " of a " + std::to_string(input.size()) +
                               "-byte packet: " + hex_preview(input),
                           std::move(input)};
        }
    }
    return std::nullopt;
}

std::optional<Failure> fuzz_encode(CodecInstance &instance, FuzzInputs &inputs, FaultWatch &faults,
                                   Clock::time_point deadline, uint64_t &tried)
{
    const CodecInstanceInfo &info = instance.info();
    std::vector<int16_t> pcm(info.frame_samples());
    std::vector<uint8_t> packet(info.max_packet_bytes);
    while (Clock::now() < deadline) {
        inputs.next_pcm(pcm);
        (void)instance.encode(pcm, packet);
        ++tried;
        if (auto fault = faults.new_fault()) {
            const auto bytes = std::as_bytes(std::span(pcm));
            std::vector<uint8_t> input(bytes.size());
            std::memcpy(input.data(), bytes.data(), bytes.size());
            return Failure{"sandbox " + *fault + " in encode of this frame (PCM as bytes): " + hex_preview(input),
                           std::move(input)};
        }
    }
    return std::nullopt;
}

// Writes the failing input; what to add to the reason.
std::string write_artifact(const std::optional<std::filesystem::path> &directory, const std::string &check,
                           const std::vector<uint8_t> &input)
{
    if (!directory || input.empty()) {
        return {};
    }
    std::error_code error;
    std::filesystem::create_directories(*directory, error);
    const std::filesystem::path file = *directory / (check + ".bin");
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char *>(input.data()), static_cast<std::streamsize>(input.size()));
    out.close();
    return out ? "; input written to " + file.string() : "; the input could not be written to " + file.string();
}

enum class Target { decode, encode };

CheckResult fuzz(const CodecPlugin &codec, const AdvertisedConfigurations &configurations,
                 const RobustnessOptions &options, Target target)
{
    const std::string name = target == Target::decode ? "robustness.decode" : "robustness.encode";
    CheckResult result{name, Verdict::pass, "", true, {}};
    FaultWatch faults(codec);
    uint64_t tried = 0;
    const size_t count = std::max<size_t>(configurations.configs.size(), 1);
    const auto share = options.budget / 2 / count;
    std::optional<Failure> failure;
    for (size_t index = 0; index < configurations.configs.size() && !failure; ++index) {
        const CodecConfig &config = configurations.configs[index];
        FuzzInputs inputs(configuration_seed(options.seed, index) ^ (target == Target::encode ? 1u : 0u));
        auto instance = codec.create(config);
        if (auto fault = faults.new_fault()) {
            failure = Failure{"sandbox " + *fault + " in create", {}};
        } else if (!instance) {
            failure = Failure{"create failed: " + instance.error().message, {}};
        } else {
            const auto deadline = Clock::now() + share;
            failure = target == Target::decode ? fuzz_decode(**instance, inputs, faults, deadline, tried)
                                               : fuzz_encode(**instance, inputs, faults, deadline, tried);
        }
        if (failure) {
            failure->reason = describe(config) + ": " + failure->reason;
        }
    }
    result.figures.push_back({"inputs", static_cast<double>(tried), ""});
    result.figures.push_back({"seed", static_cast<double>(options.seed), ""});
    if (failure) {
        result.verdict = Verdict::fail;
        result.reason = failure->reason + write_artifact(options.artifacts, name, failure->input);
    } else {
        result.reason = std::to_string(tried) + " inputs over " + std::to_string(configurations.configs.size()) +
                        " configurations without a sandbox fault";
    }
    return result;
}

} // namespace

std::string hex_preview(std::span<const uint8_t> bytes)
{
    std::string text;
    char digits[4];
    for (size_t i = 0; i < bytes.size() && i < max_hex_bytes_shown; ++i) {
        std::snprintf(digits, sizeof digits, "%02x", bytes[i]);
        text += (i == 0 ? "" : " ") + std::string(digits);
    }
    if (bytes.size() > max_hex_bytes_shown) {
        text += " ... (" + std::to_string(bytes.size()) + " bytes)";
    }
    return bytes.empty() ? "(empty)" : text;
}

RobustnessResults check_robustness(const CodecPlugin &codec, const AdvertisedConfigurations &configurations,
                                   const RobustnessOptions &options)
{
    return {fuzz(codec, configurations, options, Target::decode), fuzz(codec, configurations, options, Target::encode)};
}

} // namespace cordon::plugin_check
