// Arguments checked by the plugin itself, reset, and concealment.
#include "codec_contract.hpp"
#include "conformance_fixture.hpp"

namespace cordon::conformance {
namespace {

constexpr size_t frames_before_reset = 6;

TEST_P(CodecConformance, RefusesAFrameOfTheWrongSize)
{
    RawInstance encoder(raw(), config());
    ASSERT_TRUE(encoder.ok());
    const auto pcm = frame(speech(), 0, encoder.frame_samples() + 1);
    GuardedBuffer<uint8_t> packet(encoder.info().max_packet_bytes);
    for (const size_t wrong : {encoder.frame_samples() - 1, encoder.frame_samples() + 1, size_t{0}}) {
        const CallResult result = encoder.encode(std::span(pcm).first(wrong), packet);
        EXPECT_EQ(result.status, CORDON_STATUS_INVALID_ARGUMENT) << wrong << " samples";
        EXPECT_EQ(result.length, 0u);
    }
    EXPECT_TRUE(packet.canary_intact());
}

TEST_P(CodecConformance, RefusesNullPointers)
{
    RawInstance instance(raw(), config());
    ASSERT_TRUE(instance.ok());
    std::vector<int16_t> pcm(instance.frame_samples());
    std::vector<uint8_t> packet(instance.info().max_packet_bytes);
    size_t length = 0;
    EXPECT_EQ(raw()->encode(instance.handle(), nullptr, pcm.size(), packet.data(), packet.size(), &length),
              CORDON_STATUS_INVALID_ARGUMENT);
    EXPECT_EQ(raw()->encode(instance.handle(), pcm.data(), pcm.size(), nullptr, packet.size(), &length),
              CORDON_STATUS_INVALID_ARGUMENT);
    EXPECT_EQ(raw()->encode(instance.handle(), pcm.data(), pcm.size(), packet.data(), packet.size(), nullptr),
              CORDON_STATUS_INVALID_ARGUMENT);
    EXPECT_EQ(raw()->encode(nullptr, pcm.data(), pcm.size(), packet.data(), packet.size(), &length),
              CORDON_STATUS_INVALID_ARGUMENT);
    EXPECT_EQ(raw()->decode(instance.handle(), nullptr, 10, pcm.data(), pcm.size(), &length),
              CORDON_STATUS_INVALID_ARGUMENT);
    EXPECT_EQ(raw()->decode(instance.handle(), packet.data(), 10, nullptr, pcm.size(), &length),
              CORDON_STATUS_INVALID_ARGUMENT);
    EXPECT_EQ(raw()->reset(nullptr), CORDON_STATUS_INVALID_ARGUMENT);
    raw()->destroy(nullptr);  // must be harmless
}

TEST_P(CodecConformance, RefusesConfigurationsOutsideItsFormat)
{
    std::vector<cordon_codec_param> params;
    const auto refused = [&](CodecConfig spoiled) {
        const cordon_codec_config abi_config = to_abi_config(spoiled, params);
        cordon_codec_instance *instance = nullptr;
        cordon_codec_instance_info info{};
        info.struct_size = sizeof(info);
        const int status = static_cast<int>(raw()->create(&abi_config, &instance, &info));
        raw()->destroy(instance);
        return status == CORDON_STATUS_INVALID_ARGUMENT || status == CORDON_STATUS_UNSUPPORTED;
    };
    CodecConfig config_copy = config();
    config_copy.params = {{"no-such-parameter", "1"}};
    EXPECT_TRUE(refused(config_copy)) << "unknown parameter accepted";
    config_copy = config();
    config_copy.sample_rate = 11025;
    EXPECT_TRUE(refused(config_copy)) << "sample rate 11025 accepted";
    config_copy = config();
    config_copy.channels = CORDON_CODEC_MAX_CHANNELS + 1;
    EXPECT_TRUE(refused(config_copy)) << "3 channels accepted";
    config_copy = config();
    config_copy.frame_duration_us = 7000;
    EXPECT_TRUE(refused(config_copy)) << "7 ms frames accepted";
    config_copy = config();
    config_copy.encoding_name = "no-such-encoding";
    EXPECT_TRUE(refused(config_copy)) << "unknown encoding accepted";
}

TEST_P(CodecConformance, ResetReturnsToTheStateAfterCreate)
{
    RawInstance fresh(raw(), config());
    RawInstance reused(raw(), config());
    ASSERT_TRUE(fresh.ok() && reused.ok());
    const auto expected = encode_frames(fresh, frames_before_reset);
    (void)encode_frames(reused, frames_before_reset + 3);
    ASSERT_EQ(reused.reset(), CORDON_STATUS_OK);
    EXPECT_EQ(encode_frames(reused, frames_before_reset), expected) << "encoder state survived reset";

    // The decoder too: the same packets decode to the same samples after a reset.
    std::vector<std::vector<int16_t>> first_pass;
    for (int pass = 0; pass < 2; ++pass) {
        for (size_t i = 0; i < expected.size(); ++i) {
            GuardedBuffer<int16_t> pcm(reused.info().max_decoded_samples);
            const CallResult decoded = reused.decode(expected[i], pcm);
            ASSERT_EQ(decoded.status, CORDON_STATUS_OK);
            const auto samples = pcm.first(decoded.length);
            if (pass == 0) {
                first_pass.emplace_back(samples.begin(), samples.end());
            } else {
                EXPECT_EQ(std::vector<int16_t>(samples.begin(), samples.end()), first_pass[i])
                    << "decoder state survived reset, frame " << i;
            }
        }
        ASSERT_EQ(reused.reset(), CORDON_STATUS_OK);
    }
}

TEST_P(CodecConformance, ConcealsALostFrame)
{
    if (raw()->conceal == nullptr) {
        // No native concealment: the host must stand in with one frame of silence.
        auto instance = the_case().plugin->codec->create(config());
        ASSERT_TRUE(instance) << instance.error().message;
        std::vector<int16_t> pcm((*instance)->info().frame_samples(), 1);
        auto concealed = (*instance)->conceal({}, pcm);
        ASSERT_TRUE(concealed) << concealed.error().message;
        EXPECT_EQ(*concealed, pcm.size());
        EXPECT_EQ(std::count(pcm.begin(), pcm.end(), int16_t{0}), static_cast<std::ptrdiff_t>(pcm.size()));
        return;
    }
    RawInstance encoder(raw(), config());
    RawInstance decoder(raw(), config());
    ASSERT_TRUE(encoder.ok() && decoder.ok());
    const auto packets = encode_frames(encoder, 6);
    ASSERT_GE(packets.size(), 6u);
    for (size_t i = 0; i < 4; ++i) {
        GuardedBuffer<int16_t> pcm(decoder.info().max_decoded_samples);
        ASSERT_EQ(decoder.decode(packets[i], pcm).status, CORDON_STATUS_OK);
    }
    GuardedBuffer<int16_t> concealed(decoder.frame_samples());
    const CallResult without_next = decoder.conceal({}, concealed);
    EXPECT_EQ(without_next.status, CORDON_STATUS_OK);
    EXPECT_EQ(without_next.length, decoder.frame_samples());
    EXPECT_TRUE(concealed.canary_intact());

    GuardedBuffer<int16_t> recovered(decoder.frame_samples());
    const CallResult with_next = decoder.conceal(packets[5], recovered);
    EXPECT_EQ(with_next.status, CORDON_STATUS_OK);
    EXPECT_EQ(with_next.length, decoder.frame_samples());
    EXPECT_TRUE(recovered.canary_intact());

    GuardedBuffer<int16_t> too_small(decoder.frame_samples() - 1);
    const CallResult refused = decoder.conceal({}, too_small);
    EXPECT_EQ(refused.status, CORDON_STATUS_BUFFER_TOO_SMALL);
    EXPECT_TRUE(too_small.canary_intact());
}

}  // namespace
}  // namespace cordon::conformance
