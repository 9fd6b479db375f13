// Outputs stay within the capacity given; too small a buffer is refused with
// BUFFER_TOO_SMALL and nothing written past it.
#include "codec_contract.hpp"
#include "conformance_fixture.hpp"

namespace cordon::conformance {
namespace {

constexpr size_t frames_to_check = 25;

TEST_P(CodecConformance, NeverWritesPastTheStatedMaximums)
{
    RawInstance encoder(raw(), config());
    RawInstance decoder(raw(), config());
    ASSERT_TRUE(encoder.ok() && decoder.ok()) << "create failed: " << encoder.create_status();
    const media::Pcm signal = speech();
    for (size_t i = 0; i < frames_to_check; ++i) {
        GuardedBuffer<uint8_t> packet(encoder.info().max_packet_bytes);
        const CallResult encoded = encoder.encode(frame(signal, i, encoder.frame_samples()), packet);
        ASSERT_EQ(encoded.status, CORDON_STATUS_OK) << "frame " << i;
        ASSERT_LE(encoded.length, packet.capacity());
        ASSERT_TRUE(packet.canary_intact()) << "encode wrote past max_packet_bytes, frame " << i;

        GuardedBuffer<int16_t> pcm(decoder.info().max_decoded_samples);
        const CallResult decoded = decoder.decode(packet.first(encoded.length), pcm);
        if (encoded.length == 0) {
            continue;  // nothing sent (DTX): nothing to decode
        }
        ASSERT_EQ(decoded.status, CORDON_STATUS_OK) << "frame " << i;
        ASSERT_EQ(decoded.length, decoder.frame_samples()) << "frame " << i;
        ASSERT_TRUE(pcm.canary_intact()) << "decode wrote past max_decoded_samples, frame " << i;
    }
}

TEST_P(CodecConformance, DecodesIntoABufferOfExactlyOneFrame)
{
    RawInstance encoder(raw(), config());
    RawInstance decoder(raw(), config());
    ASSERT_TRUE(encoder.ok() && decoder.ok());
    for (const auto &packet : encode_frames(encoder, 5)) {
        GuardedBuffer<int16_t> pcm(decoder.frame_samples());
        const CallResult decoded = decoder.decode(packet, pcm);
        ASSERT_EQ(decoded.status, CORDON_STATUS_OK);
        ASSERT_EQ(decoded.length, decoder.frame_samples());
        ASSERT_TRUE(pcm.canary_intact());
    }
}

TEST_P(CodecConformance, RefusesOutputBuffersThatAreTooSmall)
{
    RawInstance encoder(raw(), config());
    RawInstance decoder(raw(), config());
    ASSERT_TRUE(encoder.ok() && decoder.ok());
    const auto pcm = frame(speech(), 3, encoder.frame_samples());

    GuardedBuffer<uint8_t> no_room(0);
    const CallResult refused_encode = encoder.encode(pcm, no_room);
    EXPECT_EQ(refused_encode.status, CORDON_STATUS_BUFFER_TOO_SMALL);
    EXPECT_EQ(refused_encode.length, 0u);
    EXPECT_TRUE(no_room.canary_intact());

    const auto packets = encode_frames(encoder, 4);
    ASSERT_FALSE(packets.empty());
    GuardedBuffer<int16_t> short_pcm(decoder.frame_samples() - 1);
    const CallResult refused_decode = decoder.decode(packets.back(), short_pcm);
    EXPECT_EQ(refused_decode.status, CORDON_STATUS_BUFFER_TOO_SMALL);
    EXPECT_EQ(refused_decode.length, 0u);
    EXPECT_TRUE(short_pcm.canary_intact());
}

TEST_P(CodecConformance, WritesNoInfoFieldBeyondTheStructSizeGiven)
{
    // A host built for an older minor passes a smaller info struct.
    std::vector<uint8_t> storage(sizeof(cordon_codec_instance_info) + canary_bytes, canary_value);
    auto *info = reinterpret_cast<cordon_codec_instance_info *>(storage.data());
    info->struct_size = sizeof(uint32_t);
    std::vector<cordon_codec_param> params;
    const cordon_codec_config abi_config = to_abi_config(config(), params);
    cordon_codec_instance *instance = nullptr;
    const int status = static_cast<int>(raw()->create(&abi_config, &instance, info));
    raw()->destroy(instance);
    ASSERT_EQ(status, CORDON_STATUS_OK);
    for (size_t i = sizeof(uint32_t); i < storage.size(); ++i) {
        ASSERT_EQ(storage[i], canary_value) << "byte " << i << " of the info struct was written";
    }
}

}  // namespace
}  // namespace cordon::conformance
