// What `cordon call` and `cordon answer` play and record (--play, --tone,
// --record), and the media figures they print when a call ends.
#pragma once

#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cordon/host/call_audio.hpp"

namespace cordon::cli {

struct CallAudioOptions {
    std::string play_file;
    double tone_hz = 0.0;
    std::string record_file;

    CallAudio to_call_audio() const;
};

void add_call_audio_options(CLI::App &command, CallAudioOptions &options);

// The figures of MediaStats, named as the JSON output names them.
nlohmann::json media_details(const MediaStats &stats);

} // namespace cordon::cli
