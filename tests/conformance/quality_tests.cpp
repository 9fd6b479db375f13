// The round trip of speech through the host's wrapper reaches the codec's
// quality floor.
#include <cmath>

#include "conformance_fixture.hpp"
#include "media/codec_roundtrip.hpp"
#include "media/quality.hpp"
#include "quality_floors.hpp"

namespace cordon::conformance {
namespace {

TEST_P(CodecConformance, RoundTripOfSpeechReachesTheQualityFloor)
{
    auto instance = the_case().plugin->codec->create(config());
    ASSERT_TRUE(instance) << instance.error().message;
    const media::Pcm input = speech();
    auto result = media::roundtrip(**instance, input);
    ASSERT_TRUE(result) << result.error().message;
    const int delay_hint = static_cast<int>((*instance)->info().delay_samples_per_channel);
    auto quality = media::measure_quality(input, result->decoded, delay_hint);
    ASSERT_TRUE(quality) << quality.error().message;

    const QualityFloor floor = quality_floor_for(config().encoding_name, config().sample_rate);
    RecordProperty("snr_db", std::to_string(quality->snr_db));
    RecordProperty("correlation", std::to_string(quality->correlation));
    RecordProperty("bitrate_bps", std::to_string(result->bitrate_bps));
    EXPECT_GE(quality->snr_db, floor.min_snr_db) << "correlation " << quality->correlation;
    EXPECT_GE(quality->correlation, floor.min_correlation) << "snr " << quality->snr_db;
    EXPECT_GT(result->bitrate_bps, 0.0);

    if (floor.sample_exact_bound) {
        // G.711 has no delay and quantises each sample on its own: every
        // sample must lie within its segment's step (at most 1/16 of the
        // magnitude, plus the finest step), which a wrong law or bit order breaks.
        ASSERT_EQ(quality->delay_samples, 0);
        ASSERT_GE(result->decoded.samples.size(), input.samples.size());
        for (size_t i = 0; i < input.samples.size(); ++i) {
            const double original = input.samples[i];
            const double allowed = std::abs(original) / 16.0 + 32.0;
            ASSERT_LE(std::abs(result->decoded.samples[i] - original), allowed) << "sample " << i;
        }
    }
}

}  // namespace
}  // namespace cordon::conformance
