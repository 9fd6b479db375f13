// Measurements the media tests make on signals, written independently of the
// library code they check (no shared FFT, no shared correlation).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "media/pcm.hpp"

namespace cordon::media::test {

// One channel of an interleaved signal, as doubles.
std::vector<double> channel_of(const Pcm &pcm, size_t channel);

// A sine of the given amplitude (in sample units) and phase (radians at frame 0).
std::vector<double> sine(double frequency_hz, double amplitude, double phase, double sample_rate, size_t frames);

Pcm to_pcm(const std::vector<double> &mono, uint32_t sample_rate);

// Least-squares amplitude and phase of a sinusoid at frequency_hz within
// signal[begin, end): signal ~ amplitude * sin(2 pi f n / rate + phase).
struct SineFit {
    double amplitude = 0.0;
    double phase = 0.0;
    double residual_rms = 0.0; // what the fitted sine leaves unexplained
};
SineFit fit_sine(const std::vector<double> &signal, double frequency_hz, double sample_rate, size_t begin, size_t end);

// Goertzel: power of the DFT bin k of signal[begin, begin + length).
double goertzel_power(const std::vector<double> &signal, size_t begin, size_t length, size_t bin);

// Share of the signal's energy between low_hz and high_hz, from DFTs of
// consecutive blocks (Parseval: block energy is the sum over all bins).
double band_energy_share(const std::vector<double> &signal, double sample_rate, double low_hz, double high_hz);

// Pitch of signal[begin, begin + length) by normalised autocorrelation over
// periods of 1/max_hz .. 1/min_hz; strength is the autocorrelation found.
struct PitchEstimate {
    double frequency_hz = 0.0;
    double strength = 0.0;
};
PitchEstimate estimate_pitch(const std::vector<double> &signal, double sample_rate, size_t begin, size_t length,
                             double min_hz, double max_hz);

double rms(const std::vector<double> &signal, size_t begin, size_t end);

} // namespace cordon::media::test
