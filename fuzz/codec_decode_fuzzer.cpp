// decode() of one codec plugin through its ABI (built once per plugin:
// codec_decode_<plugin>): an instance configured by the input's first bytes
// decodes the packets that follow, as it would a hostile peer's. Every
// out-length, the canaries past the capacity and the instance's stated limits
// are checked after each call; a breach aborts.
//
// Input: a ConfigChoice (codec_instance.hpp), then records of a flags byte, a
// 16-bit little-endian length and that many packet bytes. Flags: bit 0
// resets the instance first; bits 1-2 choose the PCM capacity (0:
// max_decoded_samples, 1: one frame, 2: one frame less one sample, 3: bits
// 3-7 samples).
#include <cstdint>
#include <vector>

#include "fuzz/codec_instance.hpp"
#include "fuzz/guarded_buffer.hpp"

namespace {

using namespace cordon::fuzz;

constexpr uint8_t reset_flag = 1u << 0;
constexpr unsigned capacity_shift = 1;
constexpr unsigned small_capacity_shift = 3;

size_t pcm_capacity(uint8_t flags, const CodecInstance &instance)
{
    switch ((flags >> capacity_shift) & 3u) {
    case 0:
        return instance.info().max_decoded_samples;
    case 1:
        return instance.frame_samples();
    case 2:
        return instance.frame_samples() - 1;
    default:
        return flags >> small_capacity_shift;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const cordon_codec_interface &codec = open_codec_plugin(cordon_plugin_entry);
    ByteReader bytes(data, size);
    run_codec_session(codec, bytes, reset_flag, [&](const CodecInstance &instance, uint8_t flags) {
        const std::vector<uint8_t> packet = bytes.bytes(bytes.u16());
        GuardedBuffer<int16_t> pcm(pcm_capacity(flags, instance));
        size_t samples = SIZE_MAX; // the plugin must always set it
        const uint8_t empty_packet = 0;
        const cordon_status status = codec.decode(instance.get(), packet.empty() ? &empty_packet : packet.data(),
                                                  packet.size(), pcm.data(), pcm.capacity(), &samples);
        check_output(status, samples, pcm);
        if (status == CORDON_STATUS_OK) {
            require(samples <= instance.info().max_decoded_samples, "decoded more than max_decoded_samples");
            require(samples % instance.channels() == 0, "decoded a partial multi-channel frame");
        }
    });
    return 0;
}
