// The quality a codec must reach on the speech-like test signal, per
// encoding, after the round trip has been aligned by the codec's delay.
// Floors sit below what the codecs measure (see the figures in each entry)
// with a margin for platform differences, and far above what a broken codec,
// a swapped law or a misaligned frame gives.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace cordon::plugin_check {

struct QualityFloor {
    double min_snr_db;       // waveform SNR after alignment
    double min_correlation;  // normalised cross-correlation after alignment
    bool sample_exact_bound; // G.711: every sample within the quantisation step
};

// A vendor's own floor (`cordon plugin check --min-snr-db/--min-correlation`),
// for a codec whose waveform the generic floor judges wrongly.
struct QualityOverrides {
    std::optional<double> min_snr_db;
    std::optional<double> min_correlation;
};

// The floor for an encoding; encodings without one (a vendor's) get the
// generic floor; overrides replace either figure.
QualityFloor quality_floor_for(const std::string &encoding_name, uint32_t sample_rate,
                               const QualityOverrides &overrides = {});

} // namespace cordon::plugin_check
