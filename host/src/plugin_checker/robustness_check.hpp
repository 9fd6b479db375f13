// robustness.decode and robustness.encode: a short fuzz of the codec
// through its sandbox. Decode and conceal get random packets of random
// lengths and the codec's own packets mutated; encode gets random and
// extreme PCM. Any sandbox fault (crash, forbidden system call, hang,
// exhaustion, contract or protocol violation) fails the check, which then
// names the configuration, the call and the input (in hex, capped), and
// writes the whole input to the artifacts directory when one is given.
// Errors the codec returns for garbage are fine: refusing is its job.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>

#include "plugin_checker/check_result.hpp"
#include "plugin_checker/codec_configurations.hpp"

namespace cordon::plugin_check {

// Bytes of a failing input shown in the reason; the artifact has all of it.
inline constexpr size_t max_hex_bytes_shown = 64;
// Packets the codec encodes from the test signal, per configuration, to be mutated.
inline constexpr uint64_t valid_packets_per_configuration = 8;

struct RobustnessOptions {
    std::chrono::milliseconds budget{20000}; // both checks together, split across configurations
    uint64_t seed = 1;
    std::optional<std::filesystem::path> artifacts; // where a failing input is written
};

struct RobustnessResults {
    CheckResult decode;
    CheckResult encode;
};

RobustnessResults check_robustness(const CodecPlugin &codec, const AdvertisedConfigurations &configurations,
                                   const RobustnessOptions &options);

// "0a ff 00 ... (300 bytes)": the first max_hex_bytes_shown bytes.
std::string hex_preview(std::span<const uint8_t> bytes);

} // namespace cordon::plugin_check
