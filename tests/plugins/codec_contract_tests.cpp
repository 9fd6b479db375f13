// The host's side of the codec contract: configurations checked before a
// plugin sees them, and every length a plugin returns checked before use.
#include <filesystem>

#include <gtest/gtest.h>

#include "cordon/host/plugins.hpp"
#include "plugin_abi/codec_contract.hpp"
#include "tests/plugins/capturing_logger.hpp"

namespace cordon {
namespace {

namespace fs = std::filesystem;

const fs::path fixture_root = CORDON_TEST_FIXTURE_DIR;

class FixtureCodec {
public:
    explicit FixtureCodec(const std::string &name)
    {
        const fs::path directory = fixture_root / name;
        registry_ = PluginRegistry::load({{directory}, {directory}, {}, {}}, logger_);
        const auto codecs = registry_->codecs();
        codec_ = codecs.empty() ? nullptr : codecs.front();
    }

    const CodecPlugin &codec() const { return *codec_; }
    bool loaded() const { return codec_ != nullptr; }

private:
    test::CapturingLogger logger_;
    std::unique_ptr<PluginRegistry> registry_;
    const CodecPlugin *codec_ = nullptr;
};

CodecConfig l16_config()
{
    CodecConfig config;
    config.encoding_name = "L16";
    config.sample_rate = 8000;
    return config;
}

TEST(InProcessCodec, RoundTripsThroughAGoodPlugin)
{
    FixtureCodec fixture("good");
    ASSERT_TRUE(fixture.loaded());
    auto instance = fixture.codec().create(l16_config());
    ASSERT_TRUE(instance) << instance.error().message;
    const CodecInstanceInfo &info = (*instance)->info();
    EXPECT_EQ(info.frame_samples_per_channel, 160u);
    EXPECT_EQ(info.sample_rate, 8000u);

    std::vector<int16_t> pcm(info.frame_samples());
    for (size_t i = 0; i < pcm.size(); ++i) {
        pcm[i] = static_cast<int16_t>(i * 97 - 8000);
    }
    std::vector<uint8_t> packet(info.max_packet_bytes);
    auto encoded = (*instance)->encode(pcm, packet);
    ASSERT_TRUE(encoded) << encoded.error().message;
    EXPECT_EQ(*encoded, 320u);
    std::vector<int16_t> decoded(info.max_decoded_samples);
    auto samples = (*instance)->decode(std::span(packet).first(*encoded), decoded);
    ASSERT_TRUE(samples) << samples.error().message;
    decoded.resize(*samples);
    EXPECT_EQ(decoded, pcm);
}

TEST(InProcessCodec, ConcealsWithSilenceWhenThePluginCannot)
{
    FixtureCodec fixture("good");
    ASSERT_TRUE(fixture.loaded());
    auto instance = fixture.codec().create(l16_config());
    ASSERT_TRUE(instance);
    EXPECT_FALSE((*instance)->has_native_concealment());
    std::vector<int16_t> pcm((*instance)->info().frame_samples(), 1234);
    auto concealed = (*instance)->conceal({}, pcm);
    ASSERT_TRUE(concealed);
    EXPECT_EQ(*concealed, pcm.size());
    EXPECT_EQ(std::count(pcm.begin(), pcm.end(), int16_t{0}), static_cast<long>(pcm.size()));
    std::vector<int16_t> too_small(pcm.size() - 1);
    auto refused = (*instance)->conceal({}, too_small);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::buffer_too_small);
}

TEST(InProcessCodec, RefusesAFrameOfTheWrongSizeBeforeThePluginSeesIt)
{
    FixtureCodec fixture("good");
    auto instance = fixture.codec().create(l16_config());
    ASSERT_TRUE(instance);
    std::vector<int16_t> pcm(159);
    std::vector<uint8_t> packet(400);
    auto result = (*instance)->encode(pcm, packet);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::invalid_argument);
}

TEST(InProcessCodec, PassesThePluginsBufferTooSmallThrough)
{
    FixtureCodec fixture("good");
    auto instance = fixture.codec().create(l16_config());
    ASSERT_TRUE(instance);
    std::vector<int16_t> pcm((*instance)->info().frame_samples());
    std::vector<uint8_t> packet(10);
    auto result = (*instance)->encode(pcm, packet);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::buffer_too_small);
}

TEST(InProcessCodec, CatchesAPluginThatReportsMoreBytesThanItWasGiven)
{
    FixtureCodec fixture("lies_encoded");
    ASSERT_TRUE(fixture.loaded());
    auto instance = fixture.codec().create(l16_config());
    ASSERT_TRUE(instance);
    std::vector<int16_t> pcm((*instance)->info().frame_samples());
    std::vector<uint8_t> packet((*instance)->info().max_packet_bytes);
    auto result = (*instance)->encode(pcm, packet);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::contract_violation);
    EXPECT_NE(result.error().message.find("written into a buffer of 320"), std::string::npos);
}

TEST(InProcessCodec, CatchesAPluginThatReportsMoreSamplesThanItWasGiven)
{
    FixtureCodec fixture("lies_decoded");
    ASSERT_TRUE(fixture.loaded());
    auto instance = fixture.codec().create(l16_config());
    ASSERT_TRUE(instance);
    const std::vector<uint8_t> packet(320);
    std::vector<int16_t> pcm((*instance)->info().max_decoded_samples);
    auto result = (*instance)->decode(packet, pcm);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::contract_violation);
}

TEST(InProcessCodec, TreatsAnUnknownStatusAsAPluginFailure)
{
    FixtureCodec fixture("unknown_status");
    ASSERT_TRUE(fixture.loaded());
    auto instance = fixture.codec().create(l16_config());
    ASSERT_TRUE(instance);
    const std::vector<uint8_t> packet(320);
    std::vector<int16_t> pcm((*instance)->info().max_decoded_samples);
    auto result = (*instance)->decode(packet, pcm);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::plugin_failure);
    EXPECT_NE(result.error().message.find("unknown status 77"), std::string::npos);
}

TEST(InProcessCodec, RefusesAnInstanceThatStatesImpossibleSizes)
{
    FixtureCodec fixture("bad_instance_info");
    ASSERT_TRUE(fixture.loaded());
    auto instance = fixture.codec().create(l16_config());
    ASSERT_FALSE(instance);
    EXPECT_EQ(instance.error().code, ErrorCode::contract_violation);
    EXPECT_NE(instance.error().message.find("maximum packet of 0 bytes"), std::string::npos);
}

std::vector<CodecFormat> opus_like_formats()
{
    CodecFormat format;
    format.encoding_name = "opus";
    format.clock_rate = 48000;
    format.sample_rates = {8000, 16000, 48000};
    format.max_channels = 2;
    format.frame_durations_us = {10000, 20000};
    format.fmtp_parameters = {"useinbandfec"};
    return {format};
}

CodecConfig opus_config()
{
    CodecConfig config;
    config.encoding_name = "OPUS"; // names match without regard to case
    config.clock_rate = 48000;
    config.sample_rate = 16000;
    config.channels = 2;
    config.params = {{"useinbandfec", "1"}};
    return config;
}

TEST(MatchConfig, AcceptsAConfigurationTheFormatOffers)
{
    const auto formats = opus_like_formats();
    auto format = match_config(formats, opus_config());
    ASSERT_TRUE(format) << format.error().message;
    EXPECT_EQ(*format, &formats.front());
}

TEST(MatchConfig, NamesWhatIsWrongWithAConfiguration)
{
    const auto formats = opus_like_formats();
    struct Case {
        void (*spoil)(CodecConfig &);
        ErrorCode code;
        const char *fragment;
    };
    const Case cases[] = {
        {[](CodecConfig &c) { c.encoding_name = "G722"; }, ErrorCode::not_found, "no format G722/48000"},
        {[](CodecConfig &c) { c.sample_rate = 44100; }, ErrorCode::invalid_argument, "sample rate 44100 Hz"},
        {[](CodecConfig &c) { c.channels = 3; }, ErrorCode::invalid_argument, "3 channels not supported"},
        {[](CodecConfig &c) { c.channels = 0; }, ErrorCode::invalid_argument, "0 channels not supported"},
        {[](CodecConfig &c) { c.frame_duration_us = 30000; }, ErrorCode::invalid_argument, "frame duration 30000"},
        {[](CodecConfig &c) { c.complexity = 11; }, ErrorCode::invalid_argument, "complexity 11"},
        {[](CodecConfig &c) { c.expected_loss_percent = 101; }, ErrorCode::invalid_argument, "expected loss 101%"},
        {[](CodecConfig &c) {
             c.params = {{"usedtx", "1"}};
         },
         ErrorCode::invalid_argument, "unknown parameter \"usedtx\" (known: useinbandfec)"},
        {[](CodecConfig &c) {
             c.params = {{"useinbandfec", "1"}, {"useinbandfec", "0"}};
         },
         ErrorCode::invalid_argument, "parameter \"useinbandfec\" given twice"},
    };
    for (const Case &c : cases) {
        CodecConfig config = opus_config();
        c.spoil(config);
        auto result = match_config(formats, config);
        ASSERT_FALSE(result) << c.fragment;
        EXPECT_EQ(result.error().code, c.code) << c.fragment;
        EXPECT_NE(result.error().message.find(c.fragment), std::string::npos) << result.error().message;
    }
}

TEST(ValidateInstanceInfo, AcceptsSizesThatFitTheConfiguration)
{
    CodecConfig config = opus_config();
    cordon_codec_instance_info reported{sizeof(cordon_codec_instance_info), 320, 1275, 5760 * 2, 104};
    auto info = validate_instance_info(reported, config);
    ASSERT_TRUE(info) << info.error().message;
    EXPECT_EQ(info->frame_samples(), 640u);
    EXPECT_EQ(info->delay_samples_per_channel, 104u);
}

TEST(ValidateInstanceInfo, RefusesSizesThatDisagreeOrExceedTheLimits)
{
    const CodecConfig config = opus_config();
    const cordon_codec_instance_info good{sizeof(cordon_codec_instance_info), 320, 1275, 640, 0};
    struct Case {
        cordon_codec_instance_info info;
        const char *fragment;
    };
    auto with = [&](auto change) {
        cordon_codec_instance_info info = good;
        change(info);
        return info;
    };
    const Case cases[] = {
        {with([](auto &i) { i.frame_samples_per_channel = 321; }), "321 samples per channel"},
        {with([](auto &i) { i.max_packet_bytes = CORDON_CODEC_MAX_PACKET_BYTES + 1; }), "maximum packet"},
        {with([](auto &i) { i.max_decoded_samples = 639; }), "maximum decoded size of 639"},
        {with([](auto &i) { i.max_decoded_samples = CORDON_CODEC_MAX_FRAME_SAMPLES + 1; }), "maximum decoded size"},
        {with([](auto &i) { i.delay_samples_per_channel = 16001; }), "more than one second"},
    };
    for (const Case &c : cases) {
        auto result = validate_instance_info(c.info, config);
        ASSERT_FALSE(result) << c.fragment;
        EXPECT_EQ(result.error().code, ErrorCode::contract_violation);
        EXPECT_NE(result.error().message.find(c.fragment), std::string::npos) << result.error().message;
    }
}

TEST(ErrorFromStatus, MapsEveryKnownStatusAndSurvivesUnknownOnes)
{
    EXPECT_EQ(error_from_status(CORDON_STATUS_INVALID_ARGUMENT, "x").code, ErrorCode::invalid_argument);
    EXPECT_EQ(error_from_status(CORDON_STATUS_BUFFER_TOO_SMALL, "x").code, ErrorCode::buffer_too_small);
    EXPECT_EQ(error_from_status(CORDON_STATUS_UNSUPPORTED, "x").code, ErrorCode::unsupported);
    EXPECT_EQ(error_from_status(CORDON_STATUS_MALFORMED_INPUT, "x").code, ErrorCode::malformed_input);
    EXPECT_EQ(error_from_status(CORDON_STATUS_OUT_OF_MEMORY, "x").code, ErrorCode::out_of_memory);
    EXPECT_EQ(error_from_status(CORDON_STATUS_INTERNAL_ERROR, "x").code, ErrorCode::plugin_failure);
    const Error unknown = error_from_status(-5, "decode");
    EXPECT_EQ(unknown.code, ErrorCode::plugin_failure);
    EXPECT_EQ(unknown.message, "decode: unknown status -5 (treated as internal plugin error)");
}

} // namespace
} // namespace cordon
