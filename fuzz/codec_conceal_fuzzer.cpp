// conceal() of one codec plugin through its ABI (built for each plugin that
// has concealment: codec_conceal_<plugin>): packets arrive or are lost in an
// order the input chooses, and each loss is concealed with the next packet
// (hostile bytes: in-band FEC reads them), with none, or with a NULL pointer
// and a length (an argument error). A successful conceal gives exactly one
// frame; every output follows the shared rules.
//
// Input: a ConfigChoice (codec_instance.hpp), then records of a flags byte, a
// 16-bit little-endian length and that many bytes. Flags: bit 0 says the
// packet arrived (decode it) rather than was lost (conceal, with the bytes
// as the next packet); bit 1, no next packet; bit 2 with bit 1, NULL with the
// record's length; bit 3 resets the instance first; bits 4-5 choose the
// conceal capacity (0: one frame, 1: max_decoded_samples, 2: one frame less
// one sample, 3: half a frame).
#include <cstdint>
#include <vector>

#include "fuzz/codec_instance.hpp"
#include "fuzz/guarded_buffer.hpp"

namespace {

using namespace cordon::fuzz;

constexpr uint8_t arrived_flag = 1u << 0;
constexpr uint8_t no_next_packet_flag = 1u << 1;
constexpr uint8_t null_with_length_flag = 1u << 2;
constexpr uint8_t reset_flag = 1u << 3;
constexpr unsigned capacity_shift = 4;

size_t conceal_capacity(uint8_t flags, const CodecInstance &instance)
{
    switch ((flags >> capacity_shift) & 3u) {
    case 0:
        return instance.frame_samples();
    case 1:
        return instance.info().max_decoded_samples;
    case 2:
        return instance.frame_samples() - 1;
    default:
        return instance.frame_samples() / 2;
    }
}

void decode(const cordon_codec_interface &codec, const CodecInstance &instance, const std::vector<uint8_t> &packet)
{
    if (packet.empty()) {
        return; // an empty packet is the decode target's business
    }
    GuardedBuffer<int16_t> pcm(instance.info().max_decoded_samples);
    size_t samples = SIZE_MAX;
    const cordon_status status =
        codec.decode(instance.get(), packet.data(), packet.size(), pcm.data(), pcm.capacity(), &samples);
    check_output(status, samples, pcm);
}

void conceal(const cordon_codec_interface &codec, const CodecInstance &instance, uint8_t flags,
             const std::vector<uint8_t> &next)
{
    const uint8_t *next_packet = next.empty() ? nullptr : next.data();
    size_t next_bytes = next.size();
    if ((flags & no_next_packet_flag) != 0) {
        next_packet = nullptr;
        next_bytes = (flags & null_with_length_flag) != 0 ? next.size() : 0;
    }
    GuardedBuffer<int16_t> pcm(conceal_capacity(flags, instance));
    size_t samples = SIZE_MAX; // the plugin must always set it
    const cordon_status status =
        codec.conceal(instance.get(), next_packet, next_bytes, pcm.data(), pcm.capacity(), &samples);
    check_output(status, samples, pcm);
    require(status != CORDON_STATUS_OK || samples == instance.frame_samples(), "concealed other than one frame");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const cordon_codec_interface &codec = open_codec_plugin(cordon_plugin_entry);
    // Built only for plugins with concealment (fuzz/CMakeLists.txt).
    require(codec.conceal != nullptr, "plugin has no conceal()");
    ByteReader bytes(data, size);
    run_codec_session(codec, bytes, reset_flag, [&](const CodecInstance &instance, uint8_t flags) {
        const std::vector<uint8_t> packet = bytes.bytes(bytes.u16());
        if ((flags & arrived_flag) != 0) {
            decode(codec, instance, packet);
        } else {
            conceal(codec, instance, flags, packet);
        }
    });
    return 0;
}
