// Every message type through a real region, host and child in one process,
// with real plugins: the results must equal what the plugin gives in process.
#include <vector>

#include <gtest/gtest.h>

#include "plugin_abi/codec_contract.hpp"
#include "tests/sandbox/protocol/protocol_harness.hpp"

namespace cordon::sandbox::test {
namespace {

std::span<std::byte> writable(std::vector<uint8_t> &bytes) { return std::as_writable_bytes(std::span(bytes)); }
std::span<std::byte> writable(std::vector<int16_t> &samples) { return std::as_writable_bytes(std::span(samples)); }

TEST(SandboxProtocolRoundTrip, DescribeReportsTheValidatedG711Plugin)
{
    ProtocolHarness harness(g711_plugin_path());
    auto reply = harness.round_trip(Operation::describe, no_instance_id, {});
    ASSERT_TRUE(reply) << reply.error().message;
    ASSERT_TRUE(reply->ok());
    ASSERT_TRUE(reply->plugin());
    const DescribedPlugin &plugin = *reply->plugin();
    EXPECT_EQ(plugin.fields.id, "org.cordon.codec.g711");
    EXPECT_EQ(plugin.fields.kind, PluginKind::codec);
    ASSERT_EQ(plugin.formats.size(), 2u);
    EXPECT_EQ(plugin.formats[0].encoding_name, "PCMU");
    EXPECT_EQ(plugin.formats[1].static_payload_type, 8);
    EXPECT_EQ(plugin.formats[0].frame_durations_us.size(), 5u);
    EXPECT_FALSE(plugin.has_conceal);
}

TEST(SandboxProtocolRoundTrip, DescribeCarriesOpusFmtpNamesAndConcealment)
{
    ProtocolHarness harness(opus_plugin_path());
    auto reply = harness.round_trip(Operation::describe, no_instance_id, {});
    ASSERT_TRUE(reply) << reply.error().message;
    ASSERT_TRUE(reply->plugin());
    EXPECT_TRUE(reply->plugin()->has_conceal);
    EXPECT_FALSE(reply->plugin()->formats.at(0).fmtp_parameters.empty());
    EXPECT_TRUE(reply->plugin()->formats.at(0).has_inband_fec);
}

TEST(SandboxProtocolRoundTrip, G711EncodeAndDecodeMatchTheInProcessPlugin)
{
    ProtocolHarness harness(g711_plugin_path());
    const CodecConfig config = g711_config("PCMA", 2);
    const uint32_t id = harness.create(config);
    ASSERT_NE(id, no_instance_id);
    const CodecInstanceInfo info = harness.info(id);
    EXPECT_EQ(info.channels, 2u);

    const std::vector<int16_t> pcm = test_tone(info.frame_samples());
    std::vector<uint8_t> packet(info.max_packet_bytes);
    auto encoded = harness.round_trip(Operation::encode, id, bytes_of(pcm), writable(packet));
    ASSERT_TRUE(encoded) << encoded.error().message;
    ASSERT_TRUE(encoded->ok());
    packet.resize(encoded->payload_bytes());

    // The same plugin, called directly, gives the same bytes.
    std::vector<cordon_codec_param> no_params;
    const cordon_codec_config abi = to_abi_config(config, no_params);
    cordon_codec_instance *direct = nullptr;
    cordon_codec_instance_info direct_info{};
    direct_info.struct_size = sizeof(direct_info);
    ASSERT_EQ(harness.codec()->create(&abi, &direct, &direct_info), CORDON_STATUS_OK);
    std::vector<uint8_t> expected(info.max_packet_bytes);
    size_t expected_bytes = 0;
    ASSERT_EQ(
        harness.codec()->encode(direct, pcm.data(), pcm.size(), expected.data(), expected.size(), &expected_bytes),
        CORDON_STATUS_OK);
    harness.codec()->destroy(direct);
    expected.resize(expected_bytes);
    EXPECT_EQ(packet, expected);

    std::vector<int16_t> decoded(info.max_decoded_samples);
    auto reply = harness.round_trip(Operation::decode, id, bytes_of(packet), writable(decoded));
    ASSERT_TRUE(reply) << reply.error().message;
    ASSERT_TRUE(reply->ok());
    EXPECT_EQ(reply->payload_bytes(), info.frame_samples() * sizeof(int16_t));
}

TEST(SandboxProtocolRoundTrip, OpusConcealsOneFrameWithAndWithoutTheNextPacket)
{
    ProtocolHarness harness(opus_plugin_path());
    CodecConfig config;
    config.encoding_name = "opus";
    config.clock_rate = 48000;
    config.sample_rate = 48000;
    config.channels = 1;
    const uint32_t id = harness.create(config);
    ASSERT_NE(id, no_instance_id);
    const CodecInstanceInfo info = harness.info(id);
    std::vector<uint8_t> packet(info.max_packet_bytes);
    const std::vector<int16_t> pcm = test_tone(info.frame_samples());
    auto encoded = harness.round_trip(Operation::encode, id, bytes_of(pcm), writable(packet));
    ASSERT_TRUE(encoded && encoded->ok());
    packet.resize(encoded->payload_bytes());

    std::vector<int16_t> out(info.max_decoded_samples);
    auto without = harness.round_trip(Operation::conceal, id, {}, writable(out));
    ASSERT_TRUE(without) << without.error().message;
    EXPECT_EQ(without->payload_bytes(), info.frame_samples() * sizeof(int16_t));
    auto with_next = harness.round_trip(Operation::conceal, id, bytes_of(packet), writable(out));
    ASSERT_TRUE(with_next) << with_next.error().message;
    EXPECT_EQ(with_next->payload_bytes(), info.frame_samples() * sizeof(int16_t));
}

TEST(SandboxProtocolRoundTrip, ConcealOnAPluginWithoutItIsUnsupported)
{
    ProtocolHarness harness(g711_plugin_path());
    const uint32_t id = harness.create(g711_config());
    std::vector<int16_t> out(harness.info(id).max_decoded_samples);
    auto reply = harness.round_trip(Operation::conceal, id, {}, writable(out));
    ASSERT_TRUE(reply) << reply.error().message;
    EXPECT_EQ(reply->status(), CORDON_STATUS_UNSUPPORTED);
    EXPECT_EQ(reply->detail(), ReplyDetail::no_concealment);
}

TEST(SandboxProtocolRoundTrip, ResetAndDestroyThenTheIdIsUnknown)
{
    ProtocolHarness harness(g711_plugin_path());
    const uint32_t id = harness.create(g711_config());
    auto reset = harness.round_trip(Operation::reset, id, {});
    ASSERT_TRUE(reset && reset->ok());
    auto destroyed = harness.round_trip(Operation::destroy, id, {});
    ASSERT_TRUE(destroyed && destroyed->ok());
    auto again = harness.round_trip(Operation::reset, id, {});
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(again->detail(), ReplyDetail::unknown_instance);
    EXPECT_EQ(again->failure("reset").code, ErrorCode::invalid_argument);
}

TEST(SandboxProtocolRoundTrip, OneBatchCarriesSeveralInstancesFrames)
{
    ProtocolHarness harness(g711_plugin_path());
    constexpr uint32_t instance_count = 4;
    std::vector<uint32_t> ids;
    for (uint32_t i = 0; i < instance_count; ++i) {
        ids.push_back(harness.create(g711_config(i % 2 == 0 ? "PCMU" : "PCMA")));
    }
    const std::vector<int16_t> pcm = test_tone(harness.info(ids[0]).frame_samples());
    std::vector<PendingRequest> pending;
    for (uint32_t slot = 0; slot < instance_count; ++slot) {
        auto written = harness.writer().write(slot, Operation::encode, ids[slot], bytes_of(pcm),
                                              harness.info(ids[slot]).max_packet_bytes);
        ASSERT_TRUE(written);
        pending.push_back(*written);
    }
    ASSERT_TRUE(harness.writer().publish_batch(instance_count));
    auto served = harness.handler().serve_batch();
    ASSERT_TRUE(served);
    EXPECT_EQ(*served, instance_count);
    std::vector<std::vector<uint8_t>> packets;
    for (uint32_t slot = 0; slot < instance_count; ++slot) {
        std::vector<uint8_t> packet(harness.info(ids[slot]).max_packet_bytes);
        auto reply = harness.collect(slot, pending[slot], nullptr, writable(packet));
        ASSERT_TRUE(reply) << reply.error().message;
        EXPECT_EQ(reply->payload_bytes(), pcm.size());
        packet.resize(reply->payload_bytes());
        packets.push_back(packet);
    }
    EXPECT_EQ(packets[0], packets[2]); // same law, same input
    EXPECT_NE(packets[0], packets[1]); // mu-law and A-law differ
}

TEST(SandboxProtocolRoundTrip, FixturePluginRoundTripsL16)
{
    ProtocolHarness harness(fixture_plugin_path("good"));
    CodecConfig config;
    config.encoding_name = "L16";
    config.clock_rate = 8000;
    config.sample_rate = 8000;
    const uint32_t id = harness.create(config);
    ASSERT_NE(id, no_instance_id);
    const std::vector<int16_t> pcm = test_tone(harness.info(id).frame_samples());
    std::vector<uint8_t> packet(harness.info(id).max_packet_bytes);
    auto encoded = harness.round_trip(Operation::encode, id, bytes_of(pcm), writable(packet));
    ASSERT_TRUE(encoded && encoded->ok());
    std::vector<int16_t> decoded(harness.info(id).max_decoded_samples);
    auto reply = harness.round_trip(Operation::decode, id, std::as_bytes(std::span(packet)), writable(decoded));
    ASSERT_TRUE(reply && reply->ok());
    decoded.resize(reply->payload_bytes() / sizeof(int16_t));
    EXPECT_EQ(decoded, pcm);
}

TEST(SandboxProtocolRoundTrip, ChildReportsAPluginLengthPastItsCapacity)
{
    ProtocolHarness harness(fixture_plugin_path("lies_encoded"));
    CodecConfig config;
    config.encoding_name = "L16";
    config.sample_rate = 8000;
    const uint32_t id = harness.create(config);
    const std::vector<int16_t> pcm = test_tone(harness.info(id).frame_samples());
    std::vector<uint8_t> packet(harness.info(id).max_packet_bytes);
    auto reply = harness.round_trip(Operation::encode, id, bytes_of(pcm), writable(packet));
    ASSERT_TRUE(reply) << reply.error().message;
    EXPECT_EQ(reply->status(), CORDON_STATUS_INTERNAL_ERROR);
    EXPECT_EQ(reply->detail(), ReplyDetail::plugin_length_past_capacity);
}

TEST(SandboxProtocolRoundTrip, ChildReportsAnUnknownPluginStatus)
{
    ProtocolHarness harness(fixture_plugin_path("unknown_status"));
    CodecConfig config;
    config.encoding_name = "L16";
    config.sample_rate = 8000;
    const uint32_t id = harness.create(config);
    std::vector<uint8_t> packet(4, 0);
    std::vector<int16_t> decoded(harness.info(id).max_decoded_samples);
    auto reply = harness.round_trip(Operation::decode, id, std::as_bytes(std::span(packet)), writable(decoded));
    ASSERT_TRUE(reply) << reply.error().message;
    EXPECT_EQ(reply->detail(), ReplyDetail::plugin_unknown_status);
    EXPECT_EQ(reply->failure("decode").code, ErrorCode::plugin_failure);
}

TEST(SandboxProtocolRoundTrip, HostRefusesInstanceInfoThePluginGotWrong)
{
    ProtocolHarness harness(fixture_plugin_path("bad_instance_info"));
    CodecConfig config;
    config.encoding_name = "L16";
    config.sample_rate = 8000;
    const auto payload = serialise_config(config);
    auto reply = harness.round_trip(Operation::create, no_instance_id, bytes_of(payload), {}, &config);
    ASSERT_FALSE(reply);
    EXPECT_EQ(reply.error().code, ErrorCode::contract_violation);
    EXPECT_NE(reply.error().message.find("maximum packet of 0 bytes"), std::string::npos) << reply.error().message;
}

TEST(SandboxProtocolRoundTrip, MalformedCreateRequestIsRefusedByTheChild)
{
    ProtocolHarness harness(g711_plugin_path());
    const std::vector<uint8_t> truncated = {3, 0, 0, 0, 'P'};
    CodecConfig config = g711_config();
    auto reply = harness.round_trip(Operation::create, no_instance_id, bytes_of(truncated), {}, &config);
    ASSERT_TRUE(reply) << reply.error().message;
    EXPECT_EQ(reply->detail(), ReplyDetail::malformed_request);
}

} // namespace
} // namespace cordon::sandbox::test
