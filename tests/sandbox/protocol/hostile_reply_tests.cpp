// A hostile child writes replies by hand; each breaks one rule and the host
// must refuse it as a contract violation naming the field and the values.
#include <cstring>
#include <type_traits>
#include <vector>

#include <gtest/gtest.h>

#include "tests/sandbox/protocol/protocol_harness.hpp"

namespace cordon::sandbox::test {
namespace {

// A tainted reply can only be read through validate_reply.
static_assert(!std::is_default_constructible_v<TaintedReply>);
static_assert(!std::is_constructible_v<TaintedReply, ReplyHeader, std::span<const std::byte>>);
static_assert(!std::is_convertible_v<TaintedReply, VerifiedReply>);
static_assert(!std::is_default_constructible_v<VerifiedReply>);

constexpr uint32_t instance_id = 7;
constexpr uint32_t frame_per_channel = 160;
constexpr uint32_t stereo = 2;

CodecInstanceInfo stereo_info()
{
    CodecInstanceInfo info;
    info.sample_rate = 8000;
    info.channels = stereo;
    info.frame_samples_per_channel = frame_per_channel;
    info.max_packet_bytes = 320;
    info.max_decoded_samples = frame_per_channel * stereo;
    return info;
}

class HostileReply : public ::testing::Test {
protected:
    SharedRegion host = make_host_region();
    SharedRegion child = map_for_child(host);
    RequestWriter writer{host.view()};
    CodecInstanceInfo info = stereo_info();
    CodecConfig config = g711_config("PCMU", stereo);
    InstanceIdSet ids_in_use;
    std::vector<std::byte> out = std::vector<std::byte>(payload_capacity_bytes);

    PendingRequest send(Operation operation, uint32_t id = instance_id)
    {
        auto pending = writer.write(0, operation, id, {}, static_cast<uint32_t>(payload_capacity_bytes));
        EXPECT_TRUE(pending);
        return *pending;
    }

    // What an honest child would answer, for a test to break one field of.
    ReplyHeader honest(const PendingRequest &pending, uint32_t payload_bytes = 0) const
    {
        ReplyHeader reply{};
        reply.sequence = pending.sequence;
        reply.operation = static_cast<uint32_t>(pending.operation);
        reply.instance_id = pending.instance_id;
        reply.status = CORDON_STATUS_OK;
        reply.payload_bytes = payload_bytes;
        return reply;
    }

    void child_writes(const ReplyHeader &reply, std::span<const uint8_t> payload = {})
    {
        copy_bytes(child.view().reply_payload(0).data(), payload.data(), payload.size());
        child.view().store(RegionLayout::reply_header_offset(0), reply);
    }

    Result<VerifiedReply> validate(const PendingRequest &pending)
    {
        auto tainted = TaintedReply::capture(host.view(), 0);
        EXPECT_TRUE(tainted);
        return validate_reply(*tainted, {pending, &info, &config, &ids_in_use}, out);
    }

    // Expects a contract violation whose message contains every fragment.
    void expect_violation(const PendingRequest &pending, std::initializer_list<const char *> fragments)
    {
        auto result = validate(pending);
        ASSERT_FALSE(result);
        EXPECT_EQ(result.error().code, ErrorCode::contract_violation);
        for (const char *fragment : fragments) {
            EXPECT_NE(result.error().message.find(fragment), std::string::npos)
                << "\"" << fragment << "\" not in: " << result.error().message;
        }
    }
};

TEST_F(HostileReply, HonestReplyPasses)
{
    const auto pending = send(Operation::encode);
    child_writes(honest(pending, 100));
    auto result = validate(pending);
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(result->payload_bytes(), 100u);
}

TEST_F(HostileReply, WrongSequence)
{
    const auto pending = send(Operation::encode);
    ReplyHeader reply = honest(pending);
    reply.sequence = pending.sequence + 1;
    child_writes(reply);
    expect_violation(pending, {"sequence 2", "expected 1"});
}

TEST_F(HostileReply, StaleReplyLeftFromAnEarlierRequest)
{
    const auto first = send(Operation::reset);
    child_writes(honest(first));
    const auto second = send(Operation::reset); // the child never answers it
    expect_violation(second, {"sequence 0", "expected 2"});
}

TEST_F(HostileReply, WrongOperation)
{
    const auto pending = send(Operation::encode);
    ReplyHeader reply = honest(pending);
    reply.operation = static_cast<uint32_t>(Operation::decode);
    child_writes(reply);
    expect_violation(pending, {"operation 4", "expected 3 (ENCODE)"});
}

TEST_F(HostileReply, UnknownStatus)
{
    const auto pending = send(Operation::reset);
    ReplyHeader reply = honest(pending);
    reply.status = 77;
    child_writes(reply);
    expect_violation(pending, {"status 77"});
}

TEST_F(HostileReply, UnknownDetail)
{
    const auto pending = send(Operation::reset);
    ReplyHeader reply = honest(pending);
    reply.detail = last_reply_detail + 1;
    child_writes(reply);
    const std::string unknown = "detail " + std::to_string(last_reply_detail + 1);
    expect_violation(pending, {unknown.c_str()});
}

TEST_F(HostileReply, LengthPastTheSlot)
{
    const auto pending = send(Operation::decode);
    child_writes(honest(pending, static_cast<uint32_t>(payload_capacity_bytes + 2)));
    expect_violation(pending, {"payload length 32770", "slot's 32768"});
}

TEST_F(HostileReply, LengthPastTheRequestsCapacity)
{
    auto pending = writer.write(0, Operation::encode, instance_id, {}, 100);
    ASSERT_TRUE(pending);
    child_writes(honest(*pending, 101));
    expect_violation(*pending, {"payload length 101", "request's capacity 100"});
}

TEST_F(HostileReply, EncodeLengthPastTheInstanceMaximum)
{
    const auto pending = send(Operation::encode);
    child_writes(honest(pending, 321));
    expect_violation(pending, {"payload length 321", "max_packet_bytes 320"});
}

TEST_F(HostileReply, DecodeLengthPastTheInstanceMaximum)
{
    const auto pending = send(Operation::decode);
    child_writes(honest(pending, frame_per_channel * stereo * 2 + 4));
    expect_violation(pending, {"payload length 644", "max_decoded_samples 320"});
}

TEST_F(HostileReply, OddLengthForStereo)
{
    const auto pending = send(Operation::decode);
    child_writes(honest(pending, 6)); // one and a half stereo sample frames
    expect_violation(pending, {"payload length 6", "2-channel sample frames"});
}

TEST_F(HostileReply, ConcealReturningOtherThanOneFrame)
{
    for (const uint32_t bytes : {0u, 2u, frame_per_channel * stereo * 2 - 4}) {
        const auto pending = send(Operation::conceal);
        child_writes(honest(pending, bytes));
        expect_violation(pending, {"not exactly one frame (640 bytes)"});
    }
}

TEST_F(HostileReply, PayloadWithAFailureStatus)
{
    const auto pending = send(Operation::encode);
    ReplyHeader reply = honest(pending, 10);
    reply.status = CORDON_STATUS_MALFORMED_INPUT;
    child_writes(reply);
    expect_violation(pending, {"payload length 10 with failure status 4"});
}

TEST_F(HostileReply, PayloadOnReset)
{
    const auto pending = send(Operation::reset);
    child_writes(honest(pending, 2));
    expect_violation(pending, {"payload length 2 where none is sent"});
}

TEST_F(HostileReply, WrongInstanceId)
{
    const auto pending = send(Operation::encode);
    ReplyHeader reply = honest(pending);
    reply.instance_id = instance_id + 1;
    child_writes(reply);
    expect_violation(pending, {"instance id 8", "expected 7"});
}

TEST_F(HostileReply, CreateWithAnIdOutOfRangeOrInUse)
{
    const auto info_bytes = serialise_instance_info({sizeof(cordon_codec_instance_info), 160, 320, 320, 0});
    const auto pending = send(Operation::create, no_instance_id);
    ReplyHeader reply = honest(pending, static_cast<uint32_t>(info_bytes.size()));
    reply.instance_id = max_instances + 1;
    child_writes(reply, info_bytes);
    expect_violation(pending, {"new instance id 257 is outside 1..256"});

    ids_in_use.set(3);
    reply.instance_id = 3;
    child_writes(reply, info_bytes);
    expect_violation(pending, {"new instance id 3 is already in use"});

    reply.instance_id = 4;
    child_writes(reply, info_bytes);
    auto created = validate(pending);
    ASSERT_TRUE(created) << created.error().message;
    EXPECT_EQ(created->instance_id(), 4u);
    EXPECT_EQ(created->instance_info()->max_packet_bytes, 320u);
}

TEST_F(HostileReply, CreateWithInstanceInfoAgainstTheConfig)
{
    // 100 samples per channel, where 8 kHz and 20 ms make 160.
    const auto info_bytes = serialise_instance_info({sizeof(cordon_codec_instance_info), 100, 160, 320, 0});
    const auto pending = send(Operation::create, no_instance_id);
    ReplyHeader reply = honest(pending, static_cast<uint32_t>(info_bytes.size()));
    reply.instance_id = 1;
    child_writes(reply, info_bytes);
    expect_violation(pending, {"states 100 samples per channel", "makes 160"});
}

TEST_F(HostileReply, HeaderRewrittenAfterTheHostCopiedItIsIgnored)
{
    const auto pending = send(Operation::encode);
    const std::vector<uint8_t> packet(100, 0xAB);
    child_writes(honest(pending, 100), packet);
    auto tainted = TaintedReply::capture(host.view(), 0);
    ASSERT_TRUE(tainted);
    // The child races the host: a huge length, another sequence, a bad status.
    ReplyHeader rewritten = honest(pending, static_cast<uint32_t>(payload_capacity_bytes));
    rewritten.sequence = 999;
    rewritten.status = 77;
    child.view().store(RegionLayout::reply_header_offset(0), rewritten);

    std::fill(out.begin(), out.end(), std::byte{0});
    auto result = validate_reply(*tainted, {pending, &info, &config, &ids_in_use}, out);
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(result->payload_bytes(), 100u);
    EXPECT_EQ(out[99], std::byte{0xAB});
    EXPECT_EQ(out[100], std::byte{0}); // not one byte past the validated length
}

TEST_F(HostileReply, CaptureRefusesASlotOutsideTheHostsLayout)
{
    auto tainted = TaintedReply::capture(host.view(), default_slot_count);
    ASSERT_FALSE(tainted);
    EXPECT_EQ(tainted.error().code, ErrorCode::invalid_argument);
}

} // namespace
} // namespace cordon::sandbox::test
