// `cordon codec roundtrip`: a WAV file through one codec and back, with the
// bitrate it took and an objective quality figure.
#include <cmath>
#include <iomanip>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cordon/host/plugins.hpp"
#include "host/cli/codec_selection.hpp"
#include "host/cli/commands.hpp"
#include "media/codec_roundtrip.hpp"
#include "media/quality.hpp"
#include "media/resampler.hpp"
#include "media/wav_file.hpp"

namespace cordon::cli {

namespace {

constexpr double microseconds_per_millisecond = 1000.0;

struct RoundtripOptions {
    CodecRequest request;
    std::optional<uint32_t> bitrate;
    double frame_ms = 20.0;
    std::optional<int32_t> complexity;
    uint32_t expected_loss_percent = 0;
    uint32_t drop_every = 0;
    std::vector<std::string> params;
    bool json = false;
    std::optional<Isolation> isolation; // unset: as the settings say
    std::string input;
    std::string output;
};

Result<std::vector<std::pair<std::string, std::string>>> parse_params(const std::vector<std::string> &items)
{
    std::vector<std::pair<std::string, std::string>> params;
    for (const std::string &item : items) {
        const size_t equals = item.find('=');
        if (equals == std::string::npos || equals == 0) {
            return Error{ErrorCode::invalid_argument, "--param needs NAME=VALUE, got \"" + item + "\""};
        }
        params.emplace_back(item.substr(0, equals), item.substr(equals + 1));
    }
    return params;
}

// The decoded signal with the codec's delay removed, as long as the input,
// so the output file lines up with the input file.
media::Pcm align_to_input(const media::Pcm &decoded, size_t input_frames, int delay_frames)
{
    media::Pcm aligned{decoded.sample_rate, decoded.channels, {}};
    const size_t start = static_cast<size_t>(std::max(delay_frames, 0)) * decoded.channels;
    const size_t wanted = input_frames * decoded.channels;
    if (start < decoded.samples.size()) {
        const size_t available = std::min(wanted, decoded.samples.size() - start);
        aligned.samples.assign(decoded.samples.begin() + static_cast<std::ptrdiff_t>(start),
                               decoded.samples.begin() + static_cast<std::ptrdiff_t>(start + available));
    }
    aligned.samples.resize(wanted, 0);
    return aligned;
}

struct Report {
    std::string plugin_id;
    Isolation isolation;
    const CodecFormat *format;
    const CodecInstanceInfo *info;
    const media::RoundtripResult *result;
    const media::QualityFigures *quality;
    double seconds;
    std::string output;
    uint32_t output_rate;
};

void print_text(const Report &r)
{
    std::cout << std::fixed << std::setprecision(2);
    std::cout << "codec     " << r.plugin_id << " (" << r.format->encoding_name << "/" << r.format->clock_rate << "), "
              << to_string(r.isolation) << "\n"
              << "audio     " << r.info->sample_rate << " Hz, " << r.info->channels << " channel(s), " << r.seconds
              << " s, " << r.result->frames << " frames\n"
              << "bitrate   " << r.result->bitrate_bps / 1000.0 << " kbit/s (largest packet "
              << r.result->max_packet_bytes_seen << " bytes, " << r.result->dtx_frames << " DTX, "
              << r.result->lost_frames << " dropped)\n"
              << "quality   SNR " << r.quality->snr_db << " dB, segmental SNR " << r.quality->segmental_snr_db
              << " dB, correlation " << std::setprecision(4) << r.quality->correlation << ", delay "
              << r.quality->delay_samples << " samples\n"
              << "wrote     " << r.output << " (" << r.output_rate << " Hz, aligned with the input)\n";
}

void print_json(const Report &r)
{
    const auto finite = [](double value) { return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(); };
    const nlohmann::json report = {
        {"codec", r.plugin_id},
        {"isolation", to_string(r.isolation)},
        {"encoding", r.format->encoding_name},
        {"clock_rate", r.format->clock_rate},
        {"sample_rate", r.info->sample_rate},
        {"channels", r.info->channels},
        {"seconds", r.seconds},
        {"frames", r.result->frames},
        {"bitrate_bps", r.result->bitrate_bps},
        {"max_packet_bytes", r.result->max_packet_bytes_seen},
        {"dtx_frames", r.result->dtx_frames},
        {"dropped_frames", r.result->lost_frames},
        {"delay_samples", r.quality->delay_samples},
        {"snr_db", finite(r.quality->snr_db)},
        {"segmental_snr_db", finite(r.quality->segmental_snr_db)},
        {"correlation", r.quality->correlation},
        {"output", r.output},
    };
    std::cout << report.dump(2) << '\n';
}

int run(const RoundtripOptions &options, CliContext &context)
{
    const auto fail = [](const Error &error) {
        print_error(error.message);
        return exit_failure;
    };
    const Settings *settings = context.settings();
    if (settings == nullptr) {
        return exit_failure;
    }
    auto params = parse_params(options.params);
    if (!params) {
        return fail(params.error());
    }
    auto input = media::read_wav(options.input);
    if (!input) {
        return fail(input.error());
    }
    PluginSearch search = plugin_search_from_settings(*settings);
    if (options.isolation == Isolation::sandbox) {
        search.sandboxed = {"*"};
    } else if (options.isolation == Isolation::in_process) {
        search.sandboxed.clear();
    }
    const auto registry = PluginRegistry::load(search, context.logger());
    auto choice = choose_codec(*registry, options.request, input->sample_rate, input->channels);
    if (!choice) {
        return fail(choice.error());
    }
    if (options.isolation && choice->plugin->isolation() != *options.isolation) {
        return fail(Error{ErrorCode::invalid_argument,
                          choice->plugin->id() + " is not trusted, so it runs only in the sandbox; list its file in "
                                                 "plugins.trusted to run it in process"});
    }
    auto reference = media::resample(media::to_channels(*input, choice->channels), choice->sample_rate);
    if (!reference) {
        return fail(reference.error());
    }

    CodecConfig config;
    config.encoding_name = choice->format->encoding_name;
    config.clock_rate = choice->format->clock_rate;
    config.sample_rate = choice->sample_rate;
    config.channels = choice->channels;
    config.frame_duration_us = static_cast<uint32_t>(std::lround(options.frame_ms * microseconds_per_millisecond));
    config.bitrate_bps = options.bitrate.value_or(0);
    config.complexity = options.complexity.value_or(-1);
    config.expected_loss_percent = options.expected_loss_percent;
    config.params = std::move(params.value());
    auto instance = choice->plugin->create(config);
    if (!instance) {
        return fail(instance.error());
    }
    const uint32_t drop_every = options.drop_every;
    const media::LossPattern lose = [drop_every](size_t frame) {
        return drop_every > 0 && (frame + 1) % drop_every == 0;
    };
    auto result = media::roundtrip(**instance, *reference, lose);
    if (!result) {
        return fail(result.error());
    }
    const CodecInstanceInfo &info = (*instance)->info();
    auto quality =
        media::measure_quality(*reference, result->decoded, static_cast<int>(info.delay_samples_per_channel));
    if (!quality) {
        return fail(quality.error());
    }
    auto output = media::resample(align_to_input(result->decoded, reference->frames(), quality->delay_samples),
                                  input->sample_rate);
    if (!output) {
        return fail(output.error());
    }
    if (auto written = media::write_wav(options.output, *output); !written) {
        return fail(written.error());
    }
    const Report report{choice->plugin->id(),
                        choice->plugin->isolation(),
                        choice->format,
                        &info,
                        &*result,
                        &*quality,
                        reference->duration_seconds(),
                        options.output,
                        output->sample_rate};
    options.json ? print_json(report) : print_text(report);
    return exit_ok;
}

} // namespace

void add_codec_command(CLI::App &app, CliContext &context, int &exit_code)
{
    CLI::App *codec = app.add_subcommand("codec", "Work with codec plugins");
    codec->require_subcommand(1);
    auto options = std::make_shared<RoundtripOptions>();
    CLI::App *roundtrip =
        codec->add_subcommand("roundtrip", "Encode and decode a WAV file through one codec; print bitrate and quality");
    roundtrip
        ->add_option("--codec", options->request.codec, "Plugin id (org.cordon.codec.opus) or encoding (opus, PCMA)")
        ->required();
    roundtrip
        ->add_option_function<std::string>(
            "--isolation",
            [options](const std::string &value) {
                options->isolation = value == "sandbox" ? Isolation::sandbox : Isolation::in_process;
            },
            "Run the codec in the sandbox or in process (default: as the settings say; in-process needs a trusted "
            "plugin)")
        ->check(CLI::IsMember({"sandbox", "in-process"}));
    roundtrip->add_option("--encoding", options->request.encoding, "Encoding, for a plugin with several (PCMU, PCMA)");
    roundtrip
        ->add_option("--rate", options->request.sample_rate,
                     "PCM sample rate the codec runs at (default: the input's, if the codec takes it)")
        ->check(CLI::Range(8000, 48000));
    roundtrip
        ->add_option("--channels", options->request.channels, "1 or 2 (default: the input's, if the codec takes it)")
        ->check(CLI::Range(1, 2));
    roundtrip->add_option("--bitrate", options->bitrate, "Target bitrate in bit/s (default: the codec's)")
        ->check(CLI::Range(1, 1'000'000));
    roundtrip->add_option("--frame-ms", options->frame_ms, "Frame duration in ms")
        ->capture_default_str()
        ->check(CLI::Range(2.5, 120.0));
    roundtrip->add_option("--complexity", options->complexity, "Encoder complexity 0..10")->check(CLI::Range(0, 10));
    roundtrip->add_option("--expected-loss", options->expected_loss_percent, "Packet loss the encoder should expect, %")
        ->check(CLI::Range(0, 100));
    roundtrip->add_option("--drop-every", options->drop_every, "Drop every Nth packet to exercise concealment")
        ->check(CLI::Range(2, 1'000'000));
    roundtrip->add_option("--param", options->params, "Codec parameter NAME=VALUE, as in SDP fmtp (repeatable)");
    roundtrip->add_flag("--json", options->json, "Print the figures as JSON");
    roundtrip->add_option("IN.wav", options->input, "Input audio file")->required();
    roundtrip->add_option("OUT.wav", options->output, "Output WAV file, written at the input's rate")->required();
    roundtrip->callback([options, &context, &exit_code] { exit_code = run(*options, context); });
}

} // namespace cordon::cli
