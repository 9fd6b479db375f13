// The region: layout arithmetic, memfd seals, and the child's checks on the
// descriptor it inherits; and the child's refusal of malformed requests.
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "tests/sandbox/protocol/protocol_harness.hpp"

namespace cordon::sandbox::test {
namespace {

TEST(SandboxRegion, LayoutHoldsTheLargestFrameAndPacket)
{
    EXPECT_GE(payload_capacity_bytes, size_t{CORDON_CODEC_MAX_FRAME_SAMPLES} * 2);
    EXPECT_GE(payload_capacity_bytes, size_t{CORDON_CODEC_MAX_PACKET_BYTES});
    const RegionLayout layout = RegionLayout::for_slots(4);
    EXPECT_EQ(layout.region_bytes(), control_block_bytes + 4 * slot_bytes);
    EXPECT_EQ(RegionLayout::reply_payload_offset(3) + payload_capacity_bytes, layout.region_bytes());
    EXPECT_EQ(RegionLayout::for_slots(0).slot_count(), default_slot_count);
    EXPECT_EQ(RegionLayout::for_slots(max_slot_count + 1).slot_count(), default_slot_count);
}

TEST(SandboxRegion, HostRegionIsSealedAndSharedWithTheChild)
{
    SharedRegion host = make_host_region(RegionLayout::for_slots(2));
    EXPECT_EQ(fcntl(host.fd(), F_GET_SEALS) & (F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL),
              F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL);
    EXPECT_NE(fcntl(host.fd(), F_GETFD) & FD_CLOEXEC, 0);
    EXPECT_NE(ftruncate(host.fd(), 0), 0); // the child cannot shrink it under the host
    SharedRegion child = map_for_child(host);
    child.view().store(RegionLayout::reply_header_offset(1), ReplyHeader{42, 1, 0, 0, 0, 0, 0});
    EXPECT_EQ(host.view().load<ReplyHeader>(RegionLayout::reply_header_offset(1)).sequence, 42u);
}

TEST(SandboxRegion, ChildRefusesADescriptorOfAnotherSize)
{
    SharedRegion host = make_host_region(RegionLayout::for_slots(2));
    auto child = SharedRegion::map_inherited(dup(host.fd()), RegionLayout::for_slots(3));
    ASSERT_FALSE(child);
    EXPECT_NE(child.error().message.find("the layout needs"), std::string::npos) << child.error().message;
}

TEST(SandboxRegion, ChildRefusesAnUnsealedDescriptor)
{
    const RegionLayout layout = RegionLayout::for_slots(1);
    const int fd = memfd_create("unsealed", MFD_CLOEXEC);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(ftruncate(fd, static_cast<off_t>(layout.region_bytes())), 0);
    auto child = SharedRegion::map_inherited(fd, layout);
    ASSERT_FALSE(child);
    EXPECT_NE(child.error().message.find("not sealed"), std::string::npos) << child.error().message;
}

TEST(SandboxRequestHandler, RefusesABatchLargerThanTheRegion)
{
    ProtocolHarness harness(g711_plugin_path());
    harness.host_view().store(RegionLayout::batch_header_offset(), BatchHeader{default_slot_count + 1, 0});
    EXPECT_FALSE(harness.handler().serve_batch());
    harness.host_view().store(RegionLayout::batch_header_offset(), BatchHeader{0, 0});
    EXPECT_FALSE(harness.handler().serve_batch());
}

TEST(SandboxRequestHandler, RefusesMalformedRequests)
{
    ProtocolHarness harness(g711_plugin_path());
    const uint32_t id = harness.create(g711_config());
    const auto serve = [&](RequestHeader request) {
        harness.host_view().store(RegionLayout::request_header_offset(0), request);
        harness.host_view().store(RegionLayout::batch_header_offset(), BatchHeader{1, 0});
        EXPECT_TRUE(harness.handler().serve_batch());
        return harness.host_view().load<ReplyHeader>(RegionLayout::reply_header_offset(0));
    };
    const uint64_t next = harness.writer().last_sequence() + 1;
    const auto detail = [](const ReplyHeader &reply) { return static_cast<ReplyDetail>(reply.detail); };
    // Unknown operation, payload past the slot, odd PCM length, replayed sequence, unknown id.
    EXPECT_EQ(detail(serve({next, 99, id, 0, 320})), ReplyDetail::malformed_request);
    EXPECT_EQ(detail(serve({next + 1, 3, id, static_cast<uint32_t>(payload_capacity_bytes + 1), 320})),
              ReplyDetail::malformed_request);
    EXPECT_EQ(detail(serve({next + 2, 3, id, 3, 320})), ReplyDetail::malformed_request);
    EXPECT_EQ(detail(serve({next + 2, 6, id, 0, 0})), ReplyDetail::malformed_request);
    EXPECT_EQ(detail(serve({next + 3, 6, max_instances + 5, 0, 0})), ReplyDetail::unknown_instance);
    const ReplyHeader ok = serve({next + 4, 6, id, 0, 0});
    EXPECT_EQ(ok.status, CORDON_STATUS_OK);
    EXPECT_EQ(ok.sequence, next + 4);
}

} // namespace
} // namespace cordon::sandbox::test
