#include "bench/codec_modes.hpp"

#include <cstdint>

namespace cordon::bench {

namespace {

constexpr const char *g711_plugin_id = "org.cordon.codec.g711";
constexpr const char *opus_plugin_id = "org.cordon.codec.opus";
constexpr const char *speex_plugin_id = "org.cordon.codec.speex";

constexpr uint32_t g711_rate = 8000;
constexpr uint32_t opus_rtp_clock_rate = 48000; // RFC 7587: always 48 kHz on the wire
constexpr uint32_t speex_narrowband_rate = 8000;
constexpr uint32_t speex_wideband_rate = 16000;
constexpr uint32_t speex_ultra_wideband_rate = 32000;

constexpr uint32_t mono_channels = 1;
constexpr uint32_t stereo_channels = 2;

// The FEC mode: what an encoder told to expect 10 % loss does.
constexpr uint32_t fec_expected_loss_percent = 10;
constexpr int32_t lowest_complexity = 0;
constexpr int32_t highest_complexity = 10;

CodecConfig g711(const char *encoding_name)
{
    CodecConfig config;
    config.encoding_name = encoding_name;
    config.clock_rate = g711_rate;
    config.sample_rate = g711_rate;
    config.channels = mono_channels;
    return config;
}

CodecConfig opus(uint32_t sample_rate, uint32_t channels, uint32_t bitrate_bps)
{
    CodecConfig config;
    config.encoding_name = "opus";
    config.clock_rate = opus_rtp_clock_rate;
    config.sample_rate = sample_rate;
    config.channels = channels;
    config.bitrate_bps = bitrate_bps;
    return config;
}

CodecConfig opus_with_fec(uint32_t sample_rate, uint32_t bitrate_bps)
{
    CodecConfig config = opus(sample_rate, mono_channels, bitrate_bps);
    config.expected_loss_percent = fec_expected_loss_percent;
    config.params = {{"useinbandfec", "1"}};
    return config;
}

CodecConfig opus_with_complexity(uint32_t sample_rate, uint32_t bitrate_bps, int32_t complexity)
{
    CodecConfig config = opus(sample_rate, mono_channels, bitrate_bps);
    config.complexity = complexity;
    return config;
}

CodecConfig speex(uint32_t rate)
{
    CodecConfig config;
    config.encoding_name = "speex";
    config.clock_rate = rate;
    config.sample_rate = rate;
    config.channels = mono_channels;
    return config;
}

} // namespace

std::vector<CodecMode> codec_modes()
{
    using enum Concealment;
    // Bit rates are the usual ones for each bandwidth in VoIP; the 16 kHz
    // variants (FEC, complexity) share 24 kbit/s so they compare directly
    // with opus_16k_mono_24k. G.711 has no concealment (the host plays
    // silence), so only Opus and Speex have a concealment benchmark.
    return {
        {"pcmu", "PCMU", g711_plugin_id, g711("PCMU"), std::nullopt},
        {"pcma", "PCMA", g711_plugin_id, g711("PCMA"), std::nullopt},
        {"opus_8k_mono_12k", "opus 8k mono 12k", opus_plugin_id, opus(8000, mono_channels, 12000), std::nullopt},
        {"opus_16k_mono_24k", "opus 16k mono 24k", opus_plugin_id, opus(16000, mono_channels, 24000), loss_concealment},
        {"opus_48k_mono_32k", "opus 48k mono 32k", opus_plugin_id, opus(48000, mono_channels, 32000), loss_concealment},
        {"opus_48k_stereo_64k", "opus 48k stereo 64k", opus_plugin_id, opus(48000, stereo_channels, 64000),
         std::nullopt},
        {"opus_16k_fec", "opus 16k mono 24k FEC loss 10%", opus_plugin_id, opus_with_fec(16000, 24000), fec_recovery},
        {"opus_16k_complexity_0", "opus 16k mono 24k complexity 0", opus_plugin_id,
         opus_with_complexity(16000, 24000, lowest_complexity), std::nullopt},
        {"opus_16k_complexity_10", "opus 16k mono 24k complexity 10", opus_plugin_id,
         opus_with_complexity(16000, 24000, highest_complexity), std::nullopt},
        {"speex_nb", "speex narrowband 8k", speex_plugin_id, speex(speex_narrowband_rate), loss_concealment},
        {"speex_wb", "speex wideband 16k", speex_plugin_id, speex(speex_wideband_rate), loss_concealment},
        {"speex_uwb", "speex ultra-wideband 32k", speex_plugin_id, speex(speex_ultra_wideband_rate), std::nullopt},
    };
}

} // namespace cordon::bench
