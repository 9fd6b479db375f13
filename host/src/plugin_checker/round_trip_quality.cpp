#include "plugin_checker/round_trip_quality.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "media/codec_roundtrip.hpp"
#include "media/quality.hpp"
#include "plugin_checker/conformance_case.hpp"

namespace cordon::plugin_check {
namespace {

// G.711 quantises each sample on its own: every sample must lie within its
// segment's step (at most 1/16 of the magnitude, plus the finest step),
// which a wrong law or bit order breaks.
constexpr double g711_step_fraction = 1.0 / 16.0;
constexpr double g711_finest_step = 32.0;

std::string fixed(double value, int decimals)
{
    const double scale = std::pow(10.0, decimals);
    std::string text = std::to_string(std::round(value * scale) / scale);
    return text.substr(0, text.find('.') + 1 + static_cast<size_t>(decimals));
}

// nullopt when the case reaches its floor; figures collect the lowest.
std::optional<std::string> measure_case(const CodecPlugin &codec, const ConformanceCase &the_case,
                                        const QualityOverrides &overrides, double &lowest_snr,
                                        double &lowest_correlation)
{
    auto instance = codec.create(the_case.config);
    if (!instance) {
        return "create: " + instance.error().message;
    }
    const media::Pcm input = speech_for(the_case);
    auto result = media::roundtrip(**instance, input);
    if (!result) {
        return "round trip: " + result.error().message;
    }
    const int delay_hint = static_cast<int>((*instance)->info().delay_samples_per_channel);
    auto quality = media::measure_quality(input, result->decoded, delay_hint);
    if (!quality) {
        return "measuring: " + quality.error().message;
    }
    lowest_snr = std::min(lowest_snr, quality->snr_db);
    lowest_correlation = std::min(lowest_correlation, quality->correlation);
    const QualityFloor floor = quality_floor_for(the_case.config.encoding_name, the_case.config.sample_rate, overrides);
    if (quality->snr_db < floor.min_snr_db || quality->correlation < floor.min_correlation) {
        return "SNR " + fixed(quality->snr_db, 1) + " dB, correlation " + fixed(quality->correlation, 3) +
               ": below the floor of " + fixed(floor.min_snr_db, 1) + " dB, " + fixed(floor.min_correlation, 3);
    }
    if (!(result->bitrate_bps > 0.0)) {
        return std::string("no bits were sent");
    }
    if (floor.sample_exact_bound) {
        if (quality->delay_samples != 0 || result->decoded.samples.size() < input.samples.size()) {
            return "a G.711 round trip must be sample-aligned; delay " + std::to_string(quality->delay_samples);
        }
        for (size_t i = 0; i < input.samples.size(); ++i) {
            const double original = input.samples[i];
            if (std::abs(result->decoded.samples[i] - original) >
                std::abs(original) * g711_step_fraction + g711_finest_step) {
                return "sample " + std::to_string(i) + " is outside its G.711 quantisation step";
            }
        }
    }
    return std::nullopt;
}

} // namespace

CheckResult check_round_trip_quality(const CodecPlugin &codec, const QualityOverrides &overrides)
{
    const std::vector<ConformanceCase> cases = conformance_cases(codec.formats());
    double lowest_snr = std::numeric_limits<double>::infinity();
    double lowest_correlation = std::numeric_limits<double>::infinity();
    CheckResult result = result_of("conformance.quality", Verdict::pass,
                                   "2 s of speech-like signal round-tripped at or above its encoding's floor (" +
                                       std::to_string(cases.size()) + " configurations)");
    for (const ConformanceCase &the_case : cases) {
        if (auto failure = measure_case(codec, the_case, overrides, lowest_snr, lowest_correlation)) {
            result.verdict = Verdict::fail;
            result.reason = the_case.label + ": " + *failure;
            break;
        }
    }
    if (std::isfinite(lowest_snr)) {
        result.figures.push_back({"lowest_snr", lowest_snr, "dB"});
        result.figures.push_back({"lowest_correlation", lowest_correlation, ""});
    }
    return result;
}

} // namespace cordon::plugin_check
