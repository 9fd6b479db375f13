// Every configuration a codec advertises (format × sample rate × channels ×
// frame duration), the test signal fed to it, and a watch on its sandbox's
// fault counter: what the checks that run a codec share.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "cordon/host/codec.hpp"

namespace cordon::plugin_check {

// A plugin may advertise up to 32 formats × 32 rates × 2 channel counts × 32
// durations; the checks run at most this many (the built-in Opus has 60).
inline constexpr size_t max_checked_configurations = 256;

struct AdvertisedConfigurations {
    std::vector<CodecConfig> configs; // the first max_checked_configurations
    size_t advertised = 0;            // how many the formats describe
};

AdvertisedConfigurations advertised_configurations(const std::vector<CodecFormat> &formats);

// "opus/48000 48000 Hz 2 ch 20 ms", for reasons.
std::string describe(const CodecConfig &config);

// The frame duration of a configuration, in seconds.
double frame_seconds(const CodecConfig &config);

// Frame number `index` of a test signal (two tones, different per channel,
// at a third of full scale), interleaved.
void fill_test_frame(std::span<int16_t> pcm, const CodecInstanceInfo &info, uint64_t index);

// Notices a sandbox fault that happened since it was made (or last asked).
class FaultWatch {
public:
    explicit FaultWatch(const CodecPlugin &codec);
    // The fault ("crash: ..."), when the plugin's sandbox faulted since; a
    // later call on a quarantined plugin fails on its own, with its reason.
    std::optional<std::string> new_fault();

private:
    const CodecPlugin &codec_;
    uint64_t seen_ = 0;
};

} // namespace cordon::plugin_check
