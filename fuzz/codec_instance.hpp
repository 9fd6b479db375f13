// The configuration every codec fuzz input starts with, and the instance the
// plugin creates from it. Choices among the plugin's own lists are indexes
// (so most inputs reach a working instance); the rate controls and the fmtp
// values arrive raw, as a peer's SDP would bring them, so create()'s checks
// are fuzzed too.
//
// Layout (ConfigChoice): format, sample rate, channels and frame duration, one
// byte each, taken modulo the plugin's list (channels: 1 + byte % max);
// bitrate, 16 bits little endian, in units of 8 bit/s; complexity, byte % 13
// - 1 (-1..11); expected loss in percent, one byte (0..255); the fmtp count,
// byte % 4; then per parameter a name byte (modulo the format's list plus
// one: the extra index is a name the plugin does not know), a length byte
// (% 32) and that many value bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "fuzz/codec_plugin.hpp"
#include "fuzz/fuzz_bytes.hpp"

namespace cordon::fuzz {

inline constexpr uint32_t bitrate_unit_bps = 8;
inline constexpr size_t max_fmtp_params = 3;
inline constexpr size_t max_fmtp_value_bytes = 31;

struct ConfigChoice {
    uint8_t format = 0;
    uint8_t sample_rate = 0;
    uint8_t channels = 0;
    uint8_t frame_duration = 0;
    uint16_t bitrate_units = 0; // 0: the codec's default
    uint8_t complexity = 0;     // 0: -1, the codec's default
    uint8_t loss_percent = 0;
    std::vector<std::pair<uint8_t, std::string>> params = {}; // name index, value

    static ConfigChoice read(ByteReader &bytes);
    // The bytes read() turns back into this choice.
    void write(std::vector<uint8_t> &out) const;
};

// A cordon_codec_config for one plugin, owning the strings it points to.
class ResolvedConfig {
public:
    ResolvedConfig(const ConfigChoice &choice, const cordon_codec_interface &codec);
    ResolvedConfig(const ResolvedConfig &) = delete;
    ResolvedConfig &operator=(const ResolvedConfig &) = delete;

    const cordon_codec_config &get() const { return config_; }

private:
    std::vector<std::pair<std::string, std::string>> texts_;
    std::vector<cordon_codec_param> params_;
    cordon_codec_config config_{};
};

// create() through the ABI, destroy() when it goes. The info the plugin
// reports is checked against the ABI's limits before anything uses it.
class CodecInstance {
public:
    CodecInstance(const cordon_codec_interface &codec, const cordon_codec_config &config);
    ~CodecInstance();
    CodecInstance(const CodecInstance &) = delete;
    CodecInstance &operator=(const CodecInstance &) = delete;

    bool created() const { return instance_ != nullptr; }
    cordon_codec_instance *get() const { return instance_; }
    const cordon_codec_instance_info &info() const { return info_; }
    uint32_t channels() const { return channels_; }
    size_t frame_samples() const { return size_t{info_.frame_samples_per_channel} * channels_; }

private:
    const cordon_codec_interface &codec_;
    cordon_codec_instance *instance_ = nullptr;
    cordon_codec_instance_info info_{};
    uint32_t channels_ = 0;
};

// The rules every output shares: a known status, an out-length of 0 on
// failure and within the capacity on success, nothing written past it.
template <typename Buffer> void check_output(cordon_status status, size_t written, const Buffer &buffer)
{
    require(is_known_status(status), "unknown status");
    require(status == CORDON_STATUS_OK || written == 0, "out-length not 0 after a failure");
    require(written <= buffer.capacity(), "out-length beyond the capacity given");
    require(buffer.canaries_intact(), "wrote past the capacity given");
}

// One fuzz input as a codec session: the configuration, the instance, then
// steps until the input ends, each opened by a flags byte. When the flags
// carry reset_flag the instance is reset first (a reset reads no bytes);
// step(instance, flags) reads the rest of its step from bytes.
template <typename Step>
void run_codec_session(const cordon_codec_interface &codec, ByteReader &bytes, uint8_t reset_flag, Step step)
{
    const ResolvedConfig config(ConfigChoice::read(bytes), codec);
    const CodecInstance instance(codec, config.get());
    if (!instance.created()) {
        return;
    }
    while (!bytes.empty()) {
        const uint8_t flags = bytes.u8();
        if ((flags & reset_flag) != 0) {
            require(is_known_status(codec.reset(instance.get())), "reset returned an unknown status");
        }
        step(instance, flags);
    }
}

} // namespace cordon::fuzz
