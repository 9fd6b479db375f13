#include "host/cli/call_audio_options.hpp"

namespace cordon::cli {

CallAudio CallAudioOptions::to_call_audio() const
{
    CallAudio audio;
    if (!play_file.empty()) {
        audio.source = CallAudio::Source::file;
        audio.play_file = play_file;
    } else if (tone_hz > 0.0) {
        audio.source = CallAudio::Source::tone;
        audio.tone_hz = tone_hz;
    }
    audio.record_file = record_file;
    return audio;
}

void add_call_audio_options(CLI::App &command, CallAudioOptions &options)
{
    auto *play =
        command.add_option("--play", options.play_file, "Audio file to send (WAV or any file libsndfile reads)")
            ->check(CLI::ExistingFile);
    command.add_option("--tone", options.tone_hz, "Send a sine of this frequency in Hz instead of silence")
        ->check(CLI::Range(20.0, 20000.0))
        ->excludes(play);
    command.add_option("--record", options.record_file, "Write what the peer sends to this WAV file");
}

nlohmann::json media_details(const MediaStats &stats)
{
    nlohmann::json details{
        {"codec", stats.codec},
        {"sample_rate", stats.sample_rate},
        {"codec_isolation", stats.codec_isolation},
        {"encryption", stats.encryption.empty() ? "none" : stats.encryption},
        {"local_rtp", stats.local_rtp.address + ":" + std::to_string(stats.local_rtp.port)},
        {"remote_rtp", stats.remote_rtp.address + ":" + std::to_string(stats.remote_rtp.port)},
        {"packets_sent", stats.packets_sent},
        {"packets_received", stats.packets_received},
        {"packets_lost", stats.packets_lost},
        {"packets_late", stats.packets_late},
        {"packets_from_strangers", stats.packets_from_strangers},
        {"packets_unprotect_failed", stats.packets_unprotect_failed},
        {"packets_malformed", stats.packets_malformed},
        {"frames_decoded", stats.frames_decoded},
        {"frames_concealed", stats.frames_concealed},
        {"frames_silence", stats.frames_silence},
        {"rtcp_sent", stats.rtcp_sent},
        {"rtcp_received", stats.rtcp_received},
        {"jitter_ms", stats.jitter_ms},
    };
    if (stats.round_trip) {
        details["round_trip_ms"] = static_cast<double>(stats.round_trip->count()) / 1000.0;
    }
    return details;
}

} // namespace cordon::cli
