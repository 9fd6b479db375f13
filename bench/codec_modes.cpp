#include "bench/codec_modes.hpp"

#include <cstdint>

namespace cordon::bench {

namespace {

constexpr const char *kG711PluginId = "org.cordon.codec.g711";
constexpr const char *kOpusPluginId = "org.cordon.codec.opus";
constexpr const char *kSpeexPluginId = "org.cordon.codec.speex";

constexpr uint32_t kG711Rate = 8000;
constexpr uint32_t kOpusRtpClockRate = 48000; // RFC 7587: always 48 kHz on the wire
constexpr uint32_t kSpeexNarrowbandRate = 8000;
constexpr uint32_t kSpeexWidebandRate = 16000;
constexpr uint32_t kSpeexUltraWidebandRate = 32000;

constexpr uint32_t kMono = 1;
constexpr uint32_t kStereo = 2;

// The FEC mode: what an encoder told to expect 10 % loss does.
constexpr uint32_t kFecExpectedLossPercent = 10;
constexpr int32_t kLowestComplexity = 0;
constexpr int32_t kHighestComplexity = 10;

CodecConfig g711(const char *encoding_name)
{
    CodecConfig config;
    config.encoding_name = encoding_name;
    config.clock_rate = kG711Rate;
    config.sample_rate = kG711Rate;
    config.channels = kMono;
    return config;
}

CodecConfig opus(uint32_t sample_rate, uint32_t channels, uint32_t bitrate_bps)
{
    CodecConfig config;
    config.encoding_name = "opus";
    config.clock_rate = kOpusRtpClockRate;
    config.sample_rate = sample_rate;
    config.channels = channels;
    config.bitrate_bps = bitrate_bps;
    return config;
}

CodecConfig opus_with_fec(uint32_t sample_rate, uint32_t bitrate_bps)
{
    CodecConfig config = opus(sample_rate, kMono, bitrate_bps);
    config.expected_loss_percent = kFecExpectedLossPercent;
    config.params = {{"useinbandfec", "1"}};
    return config;
}

CodecConfig opus_with_complexity(uint32_t sample_rate, uint32_t bitrate_bps, int32_t complexity)
{
    CodecConfig config = opus(sample_rate, kMono, bitrate_bps);
    config.complexity = complexity;
    return config;
}

CodecConfig speex(uint32_t rate)
{
    CodecConfig config;
    config.encoding_name = "speex";
    config.clock_rate = rate;
    config.sample_rate = rate;
    config.channels = kMono;
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
        {"pcmu", "PCMU", kG711PluginId, g711("PCMU"), std::nullopt},
        {"pcma", "PCMA", kG711PluginId, g711("PCMA"), std::nullopt},
        {"opus_8k_mono_12k", "opus 8k mono 12k", kOpusPluginId, opus(8000, kMono, 12000), std::nullopt},
        {"opus_16k_mono_24k", "opus 16k mono 24k", kOpusPluginId, opus(16000, kMono, 24000), loss_concealment},
        {"opus_48k_mono_32k", "opus 48k mono 32k", kOpusPluginId, opus(48000, kMono, 32000), loss_concealment},
        {"opus_48k_stereo_64k", "opus 48k stereo 64k", kOpusPluginId, opus(48000, kStereo, 64000), std::nullopt},
        {"opus_16k_fec", "opus 16k mono 24k FEC loss 10%", kOpusPluginId, opus_with_fec(16000, 24000), fec_recovery},
        {"opus_16k_complexity_0", "opus 16k mono 24k complexity 0", kOpusPluginId,
         opus_with_complexity(16000, 24000, kLowestComplexity), std::nullopt},
        {"opus_16k_complexity_10", "opus 16k mono 24k complexity 10", kOpusPluginId,
         opus_with_complexity(16000, 24000, kHighestComplexity), std::nullopt},
        {"speex_nb", "speex narrowband 8k", kSpeexPluginId, speex(kSpeexNarrowbandRate), loss_concealment},
        {"speex_wb", "speex wideband 16k", kSpeexPluginId, speex(kSpeexWidebandRate), loss_concealment},
        {"speex_uwb", "speex ultra-wideband 32k", kSpeexPluginId, speex(kSpeexUltraWidebandRate), std::nullopt},
    };
}

} // namespace cordon::bench
