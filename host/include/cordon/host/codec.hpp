// The host's view of a codec: formats a plugin offers and instances created
// for one configuration. An instance in process and one in the sandbox
// implement the same CodecInstance, so callers cannot tell them apart except
// by the figures (sandbox_stats) and by run_codec_calls being cheaper than
// one call at a time for sandboxed instances.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "cordon/host/result.hpp"
#include "cordon/host/sandbox.hpp"

namespace cordon {

// A copy of a plugin's cordon_codec_format, taken after validation.
struct CodecFormat {
    std::string encoding_name;
    uint32_t clock_rate = 0;
    uint32_t rtp_channels = 1;
    int32_t static_payload_type = -1;
    std::vector<uint32_t> sample_rates;
    uint32_t max_channels = 1;
    std::vector<uint32_t> frame_durations_us;
    std::vector<std::string> fmtp_parameters;
    bool has_inband_fec = false;
};

struct CodecConfig {
    std::string encoding_name;
    uint32_t clock_rate = 0;
    uint32_t sample_rate = 0;
    uint32_t channels = 1;
    uint32_t frame_duration_us = 20000;
    uint32_t bitrate_bps = 0; // 0: the codec's default
    int32_t complexity = -1;  // -1: the codec's default
    uint32_t expected_loss_percent = 0;
    std::vector<std::pair<std::string, std::string>> params; // fmtp-style
};

// What an instance states about itself, validated by the host.
struct CodecInstanceInfo {
    uint32_t sample_rate = 0;
    uint32_t channels = 1;
    uint32_t frame_samples_per_channel = 0;
    uint32_t max_packet_bytes = 0;
    uint32_t max_decoded_samples = 0; // all channels, like frame_samples()
    uint32_t delay_samples_per_channel = 0;

    size_t frame_samples() const { return size_t{frame_samples_per_channel} * channels; }
};

class CodecInstance;

// One frame of work for run_codec_calls: the arguments of one encode, decode
// or conceal call, and its result.
struct CodecCall {
    enum class Kind { encode, decode, conceal };

    CodecInstance *instance = nullptr;
    Kind kind = Kind::encode;
    std::span<const int16_t> pcm_in;    // encode: one frame
    std::span<const uint8_t> packet_in; // decode: the packet; conceal: the next packet, or empty
    std::span<uint8_t> packet_out;      // encode
    std::span<int16_t> pcm_out;         // decode, conceal
    Result<size_t> result = Error{ErrorCode::invalid_argument, "not run"};
};

// Runs calls on instances that can share a round trip (those of one sandbox
// child). Implemented by the sandbox; callers use run_codec_calls.
class CodecCallBatcher {
public:
    virtual void run(std::span<CodecCall *const> calls) = 0;

protected:
    ~CodecCallBatcher() = default;
};

class CodecInstance {
public:
    virtual ~CodecInstance() = default;
    virtual const CodecInstanceInfo &info() const = 0;
    // Encodes exactly one frame (info().frame_samples() samples) into packet;
    // returns the packet length, which may be 0 (nothing to send).
    virtual Result<size_t> encode(std::span<const int16_t> pcm, std::span<uint8_t> packet) = 0;
    // Decodes one packet into pcm; returns the number of samples written.
    virtual Result<size_t> decode(std::span<const uint8_t> packet, std::span<int16_t> pcm) = 0;
    // Exactly one frame (info().frame_samples() samples) in place of a lost
    // packet: the codec's concealment, or silence when it has none.
    // next_packet is the packet after the lost one, for codecs with in-band
    // FEC; empty when it has not arrived (or was lost too).
    virtual Result<size_t> conceal(std::span<const uint8_t> next_packet, std::span<int16_t> pcm) = 0;
    virtual bool has_native_concealment() const = 0;
    virtual Result<void> reset() = 0;
    // Where this instance's calls can be batched; nullptr: one by one.
    virtual CodecCallBatcher *batcher() { return nullptr; }
};

// Runs every call with the same result as calling each on its own, in order
// per instance; calls on instances served by the same sandbox child travel
// together, as many per round trip as its shared region has slots.
void run_codec_calls(std::span<CodecCall> calls);

class CodecPlugin {
public:
    virtual ~CodecPlugin() = default;
    virtual const std::string &id() const = 0;
    virtual const std::vector<CodecFormat> &formats() const = 0;
    virtual Result<std::unique_ptr<CodecInstance>> create(const CodecConfig &config) const = 0;
    virtual Isolation isolation() const = 0;
    // Instances of this plugin that exist now (created and not yet
    // destroyed); for a sandboxed plugin, those its child holds for the host.
    virtual std::size_t instances_alive() const = 0;
    // A sandboxed plugin's figures; nothing for one in process.
    virtual std::optional<SandboxStats> sandbox_stats() const { return std::nullopt; }
};

} // namespace cordon
