#include "media/speech_signal.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <random>
#include <vector>

namespace cordon::media {
namespace {

constexpr double pi_value = std::numbers::pi;

// Voice: pitch range and how it moves.
constexpr double min_pitch_hz = 90.0;
constexpr double max_pitch_hz = 250.0;
constexpr double min_speaker_pitch_hz = 110.0;
constexpr double max_speaker_pitch_hz = 160.0;
// Declination: a phrase starts above the speaker's pitch and falls below it.
constexpr double min_phrase_start = 1.05;
constexpr double max_phrase_start = 1.25;
constexpr double min_phrase_end = 0.75;
constexpr double max_phrase_end = 0.90;
constexpr double question_probability = 0.25; // phrases that end on a rise
constexpr double question_rise = 0.45;        // relative pitch rise over the last syllable
constexpr double accent_probability = 0.3;
constexpr double max_accent = 0.12; // relative pitch bump on a stressed syllable
constexpr double vibrato_hz = 5.5;
constexpr double vibrato_depth = 0.01;
constexpr double aspiration_level = 0.03; // breath noise mixed into voicing

// Rosenberg glottal pulse: fractions of the period spent opening and closing.
constexpr double glottal_opening = 0.40;
constexpr double glottal_closing = 0.16;

// Rhythm: syllables of about 250 ms (4 per second) in phrases, pauses between.
constexpr double min_syllable_seconds = 0.18;
constexpr double max_syllable_seconds = 0.32;
constexpr int min_syllables_per_phrase = 3;
constexpr int max_syllables_per_phrase = 6;
constexpr double min_pause_seconds = 0.12;
constexpr double max_pause_seconds = 0.35;
constexpr double lead_in_seconds = 0.05;
constexpr double min_syllable_loudness = 0.55;

// Fricatives: a share of syllables open with a burst of shaped noise.
constexpr double fricative_probability = 0.4;
constexpr double min_fricative_seconds = 0.05;
constexpr double max_fricative_seconds = 0.10;
constexpr std::array fricative_centres_hz{2800.0, 4500.0, 6000.0}; // "sh", "f", "s"
constexpr double fricative_bandwidth_hz = 1500.0;
constexpr double fricative_to_voiced_peak = 0.35;

// Formants (F1, F2, F3) of five vowels; bandwidths shared.
constexpr size_t formant_count = 3;
using Formants = std::array<double, formant_count>;
constexpr std::array<Formants, 5> vowel_targets_hz{{
    {730.0, 1090.0, 2440.0}, // a
    {530.0, 1840.0, 2480.0}, // e
    {270.0, 2290.0, 3010.0}, // i
    {570.0, 840.0, 2410.0},  // o
    {300.0, 870.0, 2240.0},  // u
}};
constexpr Formants formant_bandwidths_hz{60.0, 90.0, 150.0};
constexpr double formant_glide_seconds = 0.03; // time constant of vowel transitions
// Keeps every resonator below Nyquist at low sample rates.
constexpr double max_resonance_fraction_of_rate = 0.42;

// Other channels: the same voice a little later, with another balance.
constexpr double channel_delay_seconds = 0.0004;
constexpr double other_channel_voiced_gain = 0.85;
constexpr double other_channel_unvoiced_gain = 1.25;

constexpr double full_scale = 32767.0;

// std::mt19937's output is fixed by the standard, the distributions are not:
// scaling its raw output ourselves keeps the signal identical everywhere.
class SeededRandom {
public:
    explicit SeededRandom(uint32_t seed) : engine_(seed) {}
    double uniform(double low, double high)
    {
        return low + (high - low) * (static_cast<double>(engine_()) / 4294967296.0);
    }
    int integer(int low, int high) { return low + static_cast<int>(engine_() % static_cast<uint32_t>(high - low + 1)); }
    bool chance(double probability) { return uniform(0.0, 1.0) < probability; }

private:
    std::mt19937 engine_;
};

// Klatt's two-pole resonator: unity gain at 0 Hz, a peak at the centre.
class Resonator {
public:
    double step(double input, double centre_hz, double bandwidth_hz, double sample_rate)
    {
        const double r = std::exp(-pi_value * bandwidth_hz / sample_rate);
        const double b = 2.0 * r * std::cos(2.0 * pi_value * centre_hz / sample_rate);
        const double c = -r * r;
        const double output = (1.0 - b - c) * input + b * y1_ + c * y2_;
        y2_ = y1_;
        y1_ = output;
        return output;
    }

private:
    double y1_ = 0.0;
    double y2_ = 0.0;
};

double glottal_flow(double phase)
{
    if (phase < glottal_opening) {
        return 0.5 * (1.0 - std::cos(pi_value * phase / glottal_opening));
    }
    if (phase < glottal_opening + glottal_closing) {
        return std::cos(0.5 * pi_value * (phase - glottal_opening) / glottal_closing);
    }
    return 0.0;
}

struct Syllable {
    size_t start = 0;
    size_t fricative_frames = 0;
    size_t voiced_frames = 0;
    size_t vowel = 0;
    double fricative_centre_hz = 0.0;
    double loudness = 1.0;
    double accent = 0.0;
    // Pitch contour of the phrase at this syllable's start and end.
    double pitch_start_hz = 0.0;
    double pitch_end_hz = 0.0;
    bool rises = false; // last syllable of a question
    size_t end() const { return start + fricative_frames + voiced_frames; }
};

size_t seconds_to_frames(double seconds, double rate) { return static_cast<size_t>(std::lround(seconds * rate)); }

std::vector<Syllable> plan_syllables(SeededRandom &random, size_t total_frames, double rate)
{
    std::vector<Syllable> plan;
    const double speaker_pitch = random.uniform(min_speaker_pitch_hz, max_speaker_pitch_hz);
    size_t position = seconds_to_frames(lead_in_seconds, rate);
    while (position < total_frames) {
        const int count = random.integer(min_syllables_per_phrase, max_syllables_per_phrase);
        const double phrase_start = speaker_pitch * random.uniform(min_phrase_start, max_phrase_start);
        const double phrase_end = speaker_pitch * random.uniform(min_phrase_end, max_phrase_end);
        const bool question = random.chance(question_probability);
        for (int index = 0; index < count; ++index) {
            Syllable syllable;
            syllable.start = position;
            const size_t length = seconds_to_frames(random.uniform(min_syllable_seconds, max_syllable_seconds), rate);
            if (random.chance(fricative_probability)) {
                syllable.fricative_frames =
                    seconds_to_frames(random.uniform(min_fricative_seconds, max_fricative_seconds), rate);
                const size_t which =
                    static_cast<size_t>(random.integer(0, static_cast<int>(fricative_centres_hz.size()) - 1));
                syllable.fricative_centre_hz =
                    std::min(fricative_centres_hz[which], max_resonance_fraction_of_rate * rate);
            }
            syllable.voiced_frames = length > syllable.fricative_frames ? length - syllable.fricative_frames : 1;
            syllable.vowel = static_cast<size_t>(random.integer(0, static_cast<int>(vowel_targets_hz.size()) - 1));
            syllable.loudness = random.uniform(min_syllable_loudness, 1.0);
            syllable.accent = random.chance(accent_probability) ? random.uniform(0.0, max_accent) : 0.0;
            const double from = static_cast<double>(index) / count;
            const double to = static_cast<double>(index + 1) / count;
            syllable.pitch_start_hz = phrase_start + (phrase_end - phrase_start) * from;
            syllable.pitch_end_hz = phrase_start + (phrase_end - phrase_start) * to;
            syllable.rises = question && index == count - 1;
            plan.push_back(syllable);
            position = syllable.end();
        }
        position += seconds_to_frames(random.uniform(min_pause_seconds, max_pause_seconds), rate);
    }
    return plan;
}

// The two components of the voice, kept apart so that channels can mix them differently.
struct Voice {
    std::vector<double> voiced;
    std::vector<double> unvoiced;
};

Voice synthesise(SeededRandom &random, const std::vector<Syllable> &plan, size_t total_frames, double rate)
{
    Voice voice{std::vector<double>(total_frames, 0.0), std::vector<double>(total_frames, 0.0)};
    std::array<Resonator, formant_count> vocal_tract{};
    Resonator fricative_filter;
    Formants formants = vowel_targets_hz[plan.empty() ? 0 : plan.front().vowel];
    const double glide = 1.0 - std::exp(-1.0 / (formant_glide_seconds * rate));
    double phase = 0.0;
    double previous_flow = 0.0;
    double previous_noise = 0.0;
    size_t current = 0;
    for (size_t n = 0; n < total_frames; ++n) {
        while (current + 1 < plan.size() && n >= plan[current + 1].start) {
            ++current;
        }
        const double noise = random.uniform(-1.0, 1.0);
        if (plan.empty() || n < plan[current].start) {
            continue;
        }
        const Syllable &syllable = plan[current];
        const size_t voiced_start = syllable.start + syllable.fricative_frames;
        const bool in_syllable = n < syllable.end();

        // Pitch: phrase declination, accent, question rise, slight vibrato.
        const double x = std::clamp(
            static_cast<double>(n - syllable.start) / static_cast<double>(syllable.end() - syllable.start), 0.0, 1.0);
        double pitch = syllable.pitch_start_hz + (syllable.pitch_end_hz - syllable.pitch_start_hz) * x;
        pitch *= 1.0 + syllable.accent * std::sin(pi_value * x);
        if (syllable.rises) {
            pitch *= 1.0 + question_rise * x * x;
        }
        pitch *= 1.0 + vibrato_depth * std::sin(2.0 * pi_value * vibrato_hz * static_cast<double>(n) / rate);
        pitch = std::clamp(pitch, min_pitch_hz, max_pitch_hz);
        phase += pitch / rate;
        phase -= std::floor(phase);

        // Lip radiation differentiates the glottal flow.
        const double flow = glottal_flow(phase);
        const double excitation = (flow - previous_flow) + aspiration_level * noise * (pitch / rate);
        previous_flow = flow;

        const Formants &target = vowel_targets_hz[syllable.vowel];
        double tract = excitation;
        for (size_t i = 0; i < formant_count; ++i) {
            formants[i] += (target[i] - formants[i]) * glide;
            const double centre = std::min(formants[i], max_resonance_fraction_of_rate * rate);
            tract = vocal_tract[i].step(tract, centre, formant_bandwidths_hz[i], rate);
        }
        if (in_syllable && n >= voiced_start) {
            const double y = static_cast<double>(n - voiced_start) / static_cast<double>(syllable.voiced_frames);
            voice.voiced[n] = tract * syllable.loudness * std::sin(pi_value * y);
        }

        // Fricative: high-passed noise through a broad resonance.
        const double hissing = fricative_filter.step(
            noise - previous_noise, std::max(syllable.fricative_centre_hz, 1.0), fricative_bandwidth_hz, rate);
        previous_noise = noise;
        if (in_syllable && n < voiced_start) {
            const double y = static_cast<double>(n - syllable.start) / static_cast<double>(syllable.fricative_frames);
            voice.unvoiced[n] = hissing * std::sin(pi_value * y);
        }
    }
    return voice;
}

double peak_of(const std::vector<double> &signal)
{
    double peak = 0.0;
    for (const double value : signal) {
        peak = std::max(peak, std::abs(value));
    }
    return peak;
}

} // namespace

Pcm generate_speech_like(uint32_t sample_rate, uint32_t channels, double seconds, uint32_t seed)
{
    Pcm pcm{sample_rate, channels, {}};
    if (sample_rate == 0 || channels == 0 || !(seconds > 0.0)) {
        return pcm;
    }
    const double rate = sample_rate;
    const size_t total_frames = seconds_to_frames(std::min(seconds, max_speech_seconds), rate);
    SeededRandom random(seed);
    const std::vector<Syllable> plan = plan_syllables(random, total_frames, rate);
    Voice voice = synthesise(random, plan, total_frames, rate);

    const double voiced_peak = peak_of(voice.voiced);
    const double unvoiced_peak = peak_of(voice.unvoiced);
    if (unvoiced_peak > 0.0 && voiced_peak > 0.0) {
        const double balance = fricative_to_voiced_peak * voiced_peak / unvoiced_peak;
        for (double &value : voice.unvoiced) {
            value *= balance;
        }
    }

    const size_t delay = std::max<size_t>(1, seconds_to_frames(channel_delay_seconds, rate));
    std::vector<double> mixed(total_frames * channels, 0.0);
    for (size_t n = 0; n < total_frames; ++n) {
        mixed[n * channels] = voice.voiced[n] + voice.unvoiced[n];
        for (size_t channel = 1; channel < channels; ++channel) {
            const size_t lag = delay * channel;
            if (n >= lag) {
                mixed[n * channels + channel] = other_channel_voiced_gain * voice.voiced[n - lag] +
                                                other_channel_unvoiced_gain * voice.unvoiced[n - lag];
            }
        }
    }

    const double peak = peak_of(mixed);
    const double scale = peak > 0.0 ? full_scale * std::pow(10.0, speech_peak_dbfs / 20.0) / peak : 0.0;
    pcm.samples.resize(mixed.size());
    for (size_t i = 0; i < mixed.size(); ++i) {
        pcm.samples[i] = static_cast<int16_t>(std::lround(mixed[i] * scale));
    }
    return pcm;
}

} // namespace cordon::media
