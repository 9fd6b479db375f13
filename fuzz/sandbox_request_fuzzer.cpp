// Requests as the child reads them, served by the child's RequestHandler with
// the built-in G.711 plugin (linked in): whatever the bytes, the child must
// neither crash nor write a reply that breaks the layout.
//
// Input: up to max_fuzz_slots records, each a 16-bit little-endian length and
// that many bytes, copied over one slot's request half (a RequestHeader in
// host byte order, then the payload). The records form one batch; a fresh
// handler serves it, so instances do not leak from one input to the next.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <utility>

#include "fuzz/codec_plugin.hpp"
#include "plugin_abi/descriptor_validation.hpp"
#include "sandbox/child/request_handler.hpp"

namespace {

using namespace cordon;
using namespace cordon::sandbox;

constexpr uint32_t max_fuzz_slots = 4;
constexpr size_t record_length_bytes = 2;

// The G.711 plugin linked into this target, opened through its ABI as the
// child opens its plugin: no plugin file is needed at run time.
struct LinkedG711 {
    const cordon_codec_interface *codec = &fuzz::open_codec_plugin(cordon_plugin_entry);
    DescriptorFields fields;

    LinkedG711()
    {
        if (validate_descriptor(cordon_plugin_entry(), fields)) {
            __builtin_trap(); // the built-in plugin's descriptor is valid
        }
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static LinkedG711 plugin;
    static SharedRegion region = std::move(SharedRegion::create(RegionLayout::for_slots(max_fuzz_slots)).value());
    const RegionView view = region.view();

    uint32_t slots = 0;
    size_t offset = 0;
    while (slots < max_fuzz_slots && size - offset >= record_length_bytes) {
        const size_t length =
            std::min<size_t>(data[offset] | size_t{data[offset + 1]} << 8u, size - offset - record_length_bytes);
        offset += record_length_bytes;
        std::byte *half = view.at(RegionLayout::request_header_offset(slots));
        std::memset(half, 0, half_slot_bytes);
        copy_bytes(half, data + offset, std::min(length, half_slot_bytes));
        offset += length;
        ++slots;
    }
    if (slots == 0) {
        return 0;
    }
    view.store(RegionLayout::batch_header_offset(), BatchHeader{slots, 0});
    RequestHandler handler(plugin.fields, plugin.codec, view);
    if (!handler.serve_batch()) {
        __builtin_trap(); // the batch header is well formed here
    }
    for (uint32_t slot = 0; slot < slots; ++slot) {
        const auto reply = view.load<ReplyHeader>(RegionLayout::reply_header_offset(slot));
        if (reply.payload_bytes > payload_capacity_bytes || reply.status < CORDON_STATUS_OK ||
            reply.status > CORDON_STATUS_INTERNAL_ERROR) {
            __builtin_trap();
        }
    }
    return 0;
}
