#include "media/cross_correlation.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <complex>
#include <numbers>

namespace cordon::media {
namespace {

using Complex = std::complex<double>;

// In-place iterative radix-2 transform; size is a power of two. twiddles[k] is
// exp(-2 pi i k / size) for k < size / 2, shared by every stage.
void fft(std::vector<Complex> &data, const std::vector<Complex> &twiddles, bool inverse)
{
    const size_t size = data.size();
    for (size_t i = 1, j = 0; i < size; ++i) {
        size_t bit = size >> 1;
        for (; (j & bit) != 0; bit >>= 1) {
            j ^= bit;
        }
        j ^= bit;
        if (i < j) {
            std::swap(data[i], data[j]);
        }
    }
    for (size_t length = 2; length <= size; length <<= 1) {
        const size_t half = length / 2;
        const size_t stride = size / length;
        for (size_t start = 0; start < size; start += length) {
            for (size_t k = 0; k < half; ++k) {
                const Complex w = inverse ? std::conj(twiddles[k * stride]) : twiddles[k * stride];
                const Complex odd = data[start + k + half] * w;
                data[start + k + half] = data[start + k] - odd;
                data[start + k] += odd;
            }
        }
    }
    if (inverse) {
        const double scale = 1.0 / static_cast<double>(size);
        for (Complex &value : data) {
            value *= scale;
        }
    }
}

void load_channel(const Pcm &pcm, size_t channel, std::vector<Complex> &data)
{
    std::fill(data.begin(), data.end(), Complex{});
    const size_t frames = pcm.frames();
    for (size_t n = 0; n < frames; ++n) {
        data[n] = pcm.samples[n * pcm.channels + channel];
    }
}

} // namespace

std::vector<double> cross_correlation(const Pcm &a, const Pcm &b, int64_t min_lag, int64_t max_lag)
{
    if (a.channels == 0 || a.channels != b.channels || a.frames() == 0 || b.frames() == 0 || min_lag > max_lag) {
        return {};
    }
    // Circular correlation equals the linear one for every requested lag when
    // the transform is longer than either signal plus the largest |lag|.
    const auto widest_lag = static_cast<size_t>(std::max(std::abs(min_lag), std::abs(max_lag)));
    const size_t needed = std::max(a.frames(), b.frames()) + widest_lag + 1;
    if (needed > max_correlation_points) {
        return {};
    }
    const size_t size = std::bit_ceil(needed);
    std::vector<Complex> twiddles(size / 2);
    for (size_t k = 0; k < twiddles.size(); ++k) {
        twiddles[k] = std::polar(1.0, -2.0 * std::numbers::pi * static_cast<double>(k) / static_cast<double>(size));
    }
    std::vector<Complex> spectrum_a(size);
    std::vector<Complex> spectrum_b(size);
    std::vector<Complex> cross(size, Complex{});
    for (size_t channel = 0; channel < a.channels; ++channel) {
        load_channel(a, channel, spectrum_a);
        load_channel(b, channel, spectrum_b);
        fft(spectrum_a, twiddles, false);
        fft(spectrum_b, twiddles, false);
        for (size_t k = 0; k < size; ++k) {
            cross[k] += std::conj(spectrum_a[k]) * spectrum_b[k];
        }
    }
    fft(cross, twiddles, true);
    std::vector<double> result;
    result.reserve(static_cast<size_t>(max_lag - min_lag + 1));
    const auto modulus = static_cast<int64_t>(size);
    for (int64_t lag = min_lag; lag <= max_lag; ++lag) {
        result.push_back(cross[static_cast<size_t>(((lag % modulus) + modulus) % modulus)].real());
    }
    return result;
}

} // namespace cordon::media
