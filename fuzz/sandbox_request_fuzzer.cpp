// Requests as the child reads them, served by the child's RequestHandler with
// the built-in G.711 plugin loaded: whatever the bytes, the child must neither
// crash nor write a reply that breaks the layout.
//
// Input: up to max_fuzz_slots records, each a 16-bit little-endian length and
// that many bytes, copied over one slot's request half (a RequestHeader in
// host byte order, then the payload). The records form one batch; a fresh
// handler serves it, so instances do not leak from one input to the next.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>

#include "cordon/host/plugins.hpp"
#include "loaded_plugin.hpp"
#include "request_handler.hpp"

namespace {

using namespace cordon;
using namespace cordon::sandbox;

constexpr uint32_t max_fuzz_slots = 4;
constexpr size_t record_length_bytes = 2;

class SilentLogger final : public Logger {
public:
    void write(LogLevel, std::string_view, std::string_view) override {}
};

struct LoadedG711 {
    SilentLogger logger;
    DescriptorFields fields;
    std::shared_ptr<LoadedPlugin> library;
    const cordon_codec_interface *codec = nullptr;

    LoadedG711()
    {
        auto opened = LoadedPlugin::open(builtin_plugin_directory() / "cordon-codec-g711.so", fields);
        if (!opened || !(*opened)->initialise(logger)) {
            __builtin_trap();  // the fuzz target needs the built-in plugin
        }
        library = std::move(opened.value());
        codec = static_cast<const cordon_codec_interface *>(library->get_interface(CORDON_CODEC_INTERFACE_ID));
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static LoadedG711 plugin;
    static SharedRegion region = std::move(SharedRegion::create(RegionLayout::for_slots(max_fuzz_slots)).value());
    const RegionView view = region.view();

    uint32_t slots = 0;
    size_t offset = 0;
    while (slots < max_fuzz_slots && size - offset >= record_length_bytes) {
        const size_t length = std::min<size_t>(data[offset] | size_t{data[offset + 1]} << 8u,
                                               size - offset - record_length_bytes);
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
        __builtin_trap();  // the batch header is well formed here
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
