#include "plugin_checker/quality_floors.hpp"

#include "core/ascii_text.hpp"

namespace cordon::plugin_check {

namespace {

// For an encoding Cordon does not know: the decoded signal must at least
// follow the input's waveform.
constexpr QualityFloor generic_floor{0.0, 0.7, false};

// Measured on the 2 s test signal at each codec's default bitrate (gcc 12,
// x86-64, libopus 1.3.1, libspeex 1.2.1), the lowest over every rate and
// channel count: G.711 37.3 dB / 0.9999; Opus 8.7 dB / 0.931 (8 kHz
// stereo); Speex narrowband 3.2 dB / 0.767, wide and ultra-wide 7.5 dB /
// 0.912. Speex's decoder enhancement favours the ear over the waveform,
// hence its low SNR. A codec emitting noise scores near 0 dB / 0.0.
constexpr QualityFloor g711_floor{34.0, 0.999, true};
constexpr QualityFloor opus_floor{6.0, 0.90, false};
constexpr QualityFloor speex_narrowband_floor{1.5, 0.70, false};
constexpr QualityFloor speex_wideband_floor{5.0, 0.87, false};
constexpr uint32_t narrowband_rate = 8000;

} // namespace

QualityFloor quality_floor_for(const std::string &encoding_name, uint32_t sample_rate,
                               const QualityOverrides &overrides)
{
    QualityFloor floor = generic_floor;
    const auto is = [&](std::string_view name) { return equal_ignoring_ascii_case(encoding_name, name); };
    if (is("PCMU") || is("PCMA")) {
        floor = g711_floor;
    } else if (is("opus")) {
        floor = opus_floor;
    } else if (is("speex")) {
        floor = sample_rate == narrowband_rate ? speex_narrowband_floor : speex_wideband_floor;
    }
    floor.min_snr_db = overrides.min_snr_db.value_or(floor.min_snr_db);
    floor.min_correlation = overrides.min_correlation.value_or(floor.min_correlation);
    return floor;
}

} // namespace cordon::plugin_check
