// `cordon audio speech`: writes the synthetic speech-like test signal, so a
// round trip needs no recording.
#include <iostream>

#include "host/cli/commands.hpp"
#include "media/speech_signal.hpp"
#include "media/wav_file.hpp"

namespace cordon::cli {

namespace {

struct SpeechOptions {
    uint32_t rate = 16000;
    uint32_t channels = 1;
    double seconds = 5.0;
    uint32_t seed = 1;
    std::string output;
};

int run(const SpeechOptions &options)
{
    const media::Pcm speech =
        media::generate_speech_like(options.rate, options.channels, options.seconds, options.seed);
    if (auto written = media::write_wav(options.output, speech); !written) {
        print_error(written.error().message);
        return exit_failure;
    }
    std::cout << "wrote " << options.output << ": " << speech.duration_seconds() << " s of speech-like signal at "
              << options.rate << " Hz, " << options.channels << " channel(s)\n";
    return exit_ok;
}

} // namespace

void add_audio_command(CLI::App &app, int &exit_code)
{
    CLI::App *audio = app.add_subcommand("audio", "Make test audio");
    audio->require_subcommand(1);
    auto options = std::make_shared<SpeechOptions>();
    CLI::App *speech = audio->add_subcommand("speech", "Write a synthetic, deterministic speech-like WAV file");
    speech->add_option("--rate", options->rate, "Sample rate in Hz")
        ->capture_default_str()
        ->check(CLI::Range(8000, 192000));
    speech->add_option("--channels", options->channels, "1 or 2")->capture_default_str()->check(CLI::Range(1, 2));
    speech->add_option("--seconds", options->seconds, "Duration")->capture_default_str()->check(CLI::Range(0.1, 600.0));
    speech->add_option("--seed", options->seed, "Variation of the voice")->capture_default_str();
    speech->add_option("OUT.wav", options->output, "File to write")->required();
    speech->callback([options, &exit_code] { exit_code = run(*options); });
}

} // namespace cordon::cli
