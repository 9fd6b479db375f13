// A hostile sandbox child's reply: the fuzz bytes are written over slot 0's
// reply half (header, then payload) and validated as the answer to each
// operation in turn, as the host would validate it.
//
// Input: the raw bytes of a ReplyHeader (messages.hpp, host byte order)
// followed by the payload. The expected sequence is 1 and the instance 7, a
// stereo 8 kHz, 20 ms instance.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

#include "sandbox/supervisor/reply_validation.hpp"

namespace {

using namespace cordon;
using namespace cordon::sandbox;

constexpr uint64_t expected_sequence = 1;
constexpr uint32_t expected_instance = 7;

SharedRegion &region()
{
    static SharedRegion shared = std::move(SharedRegion::create(RegionLayout::for_slots(1)).value());
    return shared;
}

CodecInstanceInfo stereo_instance()
{
    CodecInstanceInfo info;
    info.sample_rate = 8000;
    info.channels = 2;
    info.frame_samples_per_channel = 160;
    info.max_packet_bytes = 320;
    info.max_decoded_samples = 640;
    return info;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const RegionView view = region().view();
    const size_t copied = std::min(size, half_slot_bytes);
    copy_bytes(view.at(RegionLayout::reply_header_offset(0)), data, copied);

    const CodecInstanceInfo info = stereo_instance();
    CodecConfig config;
    config.encoding_name = "PCMU";
    config.clock_rate = 8000;
    config.sample_rate = 8000;
    config.channels = 2;
    InstanceIdSet ids_in_use;
    ids_in_use.set(expected_instance);
    std::vector<std::byte> out(payload_capacity_bytes);

    for (uint32_t operation = first_operation; operation <= last_operation; ++operation) {
        const PendingRequest pending{expected_sequence, static_cast<Operation>(operation), expected_instance,
                                     static_cast<uint32_t>(payload_capacity_bytes)};
        PendingRequest request = pending;
        if (pending.operation == Operation::describe || pending.operation == Operation::create) {
            request.instance_id = no_instance_id;
        }
        auto tainted = TaintedReply::capture(view, 0);
        auto verified = validate_reply(*tainted, {request, &info, &config, &ids_in_use}, out);
        if (!verified || !verified->ok()) {
            continue;
        }
        // What the host relies on after validation must hold.
        const size_t bytes = verified->payload_bytes();
        const bool within = bytes <= payload_capacity_bytes &&
                            (request.operation != Operation::encode || bytes <= info.max_packet_bytes) &&
                            (request.operation != Operation::decode || bytes % 4 == 0) &&
                            (request.operation != Operation::conceal || bytes == info.frame_samples() * 2);
        const bool created_ok = request.operation != Operation::create ||
                                (verified->instance_info() && !ids_in_use.test(verified->instance_id()));
        const bool described_ok =
            request.operation != Operation::describe || (verified->plugin() && !verified->plugin()->formats.empty());
        if (!within || !created_ok || !described_ok) {
            __builtin_trap();
        }
    }
    return 0;
}
