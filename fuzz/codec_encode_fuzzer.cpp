// encode() of one codec plugin through its ABI (built once per plugin:
// codec_encode_<plugin>): an instance configured by the input's first bytes
// encodes the PCM that follows, frame by frame, into packet buffers of
// varied capacity. Besides the shared output rules: a capacity of
// max_packet_bytes never fails for size, no packet exceeds it, a wrong frame
// length is refused, and every packet the encoder makes decodes back to
// exactly one frame on the same instance.
//
// Input: a ConfigChoice (codec_instance.hpp), then per frame a flags byte and
// one frame of 16-bit little-endian PCM (zero-padded at the end of the
// input). Flags: bit 0 resets the instance first; bit 1 passes one sample
// too many (which must be refused); bits 2-3 choose the packet capacity (0:
// max_packet_bytes, 1: half of it, 2: one byte, 3: bits 4-7 bytes).
#include <cstdint>
#include <vector>

#include "fuzz/codec_instance.hpp"
#include "fuzz/guarded_buffer.hpp"

namespace {

using namespace cordon::fuzz;

constexpr uint8_t reset_flag = 1u << 0;
constexpr uint8_t wrong_length_flag = 1u << 1;
constexpr unsigned capacity_shift = 2;
constexpr unsigned small_capacity_shift = 4;

size_t packet_capacity(uint8_t flags, const CodecInstance &instance)
{
    switch ((flags >> capacity_shift) & 3u) {
    case 0:
        return instance.info().max_packet_bytes;
    case 1:
        return instance.info().max_packet_bytes / 2;
    case 2:
        return 1;
    default:
        return flags >> small_capacity_shift;
    }
}

std::vector<int16_t> read_frame(ByteReader &bytes, size_t samples)
{
    std::vector<int16_t> pcm(samples);
    for (auto &sample : pcm) {
        sample = static_cast<int16_t>(bytes.u16());
    }
    return pcm;
}

// A packet the plugin made itself must decode to exactly one frame.
void decode_own_packet(const cordon_codec_interface &codec, const CodecInstance &instance,
                       const std::vector<uint8_t> &packet)
{
    GuardedBuffer<int16_t> pcm(instance.info().max_decoded_samples);
    size_t samples = SIZE_MAX;
    const cordon_status status =
        codec.decode(instance.get(), packet.data(), packet.size(), pcm.data(), pcm.capacity(), &samples);
    check_output(status, samples, pcm);
    require(status == CORDON_STATUS_OK, "a packet from its own encoder did not decode");
    require(samples == instance.frame_samples(), "a packet from its own encoder did not decode to one frame");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const cordon_codec_interface &codec = open_codec_plugin(cordon_plugin_entry);
    ByteReader bytes(data, size);
    run_codec_session(codec, bytes, reset_flag, [&](const CodecInstance &instance, uint8_t flags) {
        const bool wrong_length = (flags & wrong_length_flag) != 0;
        const std::vector<int16_t> pcm = read_frame(bytes, instance.frame_samples() + (wrong_length ? 1 : 0));
        GuardedBuffer<uint8_t> packet(packet_capacity(flags, instance));
        size_t written = SIZE_MAX; // the plugin must always set it
        const cordon_status status =
            codec.encode(instance.get(), pcm.data(), pcm.size(), packet.data(), packet.capacity(), &written);
        check_output(status, written, packet);
        if (wrong_length) {
            require(status == CORDON_STATUS_INVALID_ARGUMENT, "encoded a frame of the wrong length");
            return;
        }
        require(status != CORDON_STATUS_BUFFER_TOO_SMALL || packet.capacity() < instance.info().max_packet_bytes,
                "too small for a capacity of max_packet_bytes");
        require(written <= instance.info().max_packet_bytes, "packet longer than max_packet_bytes");
        if (status == CORDON_STATUS_OK && written > 0) {
            decode_own_packet(codec, instance, std::vector<uint8_t>(packet.data(), packet.data() + written));
        }
    });
    return 0;
}
