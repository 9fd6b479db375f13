// The receive path as a hostile peer drives it: payloads with any timestamp,
// span, size and sequence number (wraps and absurd values included) go into
// a JitterBuffer and into a Playout decoding with the G.711 plugin in process,
// interleaved with play-out ticks and peer restarts. After every step the
// buffer's bounds are checked: packets held, payload sizes, spans, one frame
// of the codec's size per tick. A breach aborts.
//
// Input: a setup byte (bits 0-1: PCMU or PCMA and channel count, bits 2-7:
// max_packets - 1 modulo the allowed range), a byte for max_missing_frames,
// then steps, each opened by an operation byte:
//   bits 0-1 == 0 or 1: put. Bits 2-3 choose the timestamp: 0 the next one in
//     sequence, 1 32 bits from the input, 2 a signed 16-bit number of frames
//     from the last, 3 just below the wrap. Bits 4-6: the span in frames
//     (0..7, so 0 and 7 are refused); bit 7: a raw 16-bit span instead. Then
//     a 16-bit sequence number, a 16-bit length and that many payload bytes;
//     the same payload goes to the Playout, whose span it reads itself.
//   2: a tick: pull, then end_tick with the next byte's frames held.
//   3: reset (a new SSRC).
#include <cstdint>
#include <span>
#include <vector>

#include "fuzz/codec_instance.hpp"
#include "fuzz/codec_plugin.hpp"
#include "fuzz/fuzz_bytes.hpp"
#include "media/jitter_buffer.hpp"
#include "media/playout.hpp"

namespace {

using namespace cordon::fuzz;
using cordon::media::JitterBuffer;
using cordon::media::JitterBufferLimits;
using cordon::media::max_frames_per_packet;

constexpr uint32_t g711_rate = 8000;
constexpr uint32_t frame_per_channel = 160; // 20 ms
constexpr uint32_t frame_duration_us = 20000;
constexpr uint8_t op_mask = 3;
constexpr uint8_t op_tick = 2;
constexpr uint8_t op_reset = 3;
constexpr uint32_t timestamp_below_wrap = 0xFFFFFFFFu - 4 * frame_per_channel;

// cordon::CodecInstance over the G.711 plugin's ABI, as the host's in-process
// wrapper is: every length checked before use (here: required).
class G711Instance final : public cordon::CodecInstance {
public:
    G711Instance(const cordon_codec_interface &codec, const cordon_codec_config &config)
        : codec_(codec), instance_(codec, config)
    {
        require(instance_.created(), "G.711 refused a valid configuration");
        info_.sample_rate = g711_rate;
        info_.channels = instance_.channels();
        info_.frame_samples_per_channel = instance_.info().frame_samples_per_channel;
        info_.max_packet_bytes = instance_.info().max_packet_bytes;
        info_.max_decoded_samples = instance_.info().max_decoded_samples;
    }

    const cordon::CodecInstanceInfo &info() const override { return info_; }
    cordon::Result<size_t> encode(std::span<const int16_t>, std::span<uint8_t>) override
    {
        return cordon::Error{cordon::ErrorCode::unsupported, "not fuzzed here"};
    }
    cordon::Result<size_t> decode(std::span<const uint8_t> packet, std::span<int16_t> pcm) override
    {
        size_t written = SIZE_MAX;
        const uint8_t empty = 0;
        const cordon_status status = codec_.decode(instance_.get(), packet.empty() ? &empty : packet.data(),
                                                   packet.size(), pcm.data(), pcm.size(), &written);
        if (status != CORDON_STATUS_OK) {
            return cordon::Error{cordon::ErrorCode::malformed_input, "decode refused"};
        }
        require(written <= pcm.size(), "decoded past the capacity");
        return written;
    }
    cordon::Result<size_t> conceal(std::span<const uint8_t>, std::span<int16_t>) override
    {
        contract_broken("conceal called on a codec without concealment");
    }
    bool has_native_concealment() const override { return false; }
    cordon::Result<void> reset() override { return {}; }

private:
    const cordon_codec_interface &codec_;
    cordon::fuzz::CodecInstance instance_;
    cordon::CodecInstanceInfo info_;
};

cordon_codec_config g711_config(uint8_t setup, const cordon_codec_interface &codec)
{
    const cordon_codec_format &format = format_at(codec, (setup & 1u) % codec.format_count);
    cordon_codec_config config{};
    config.struct_size = sizeof(config);
    config.encoding_name = format.encoding_name;
    config.clock_rate = format.clock_rate;
    config.sample_rate = g711_rate;
    config.channels = 1 + ((setup >> 1) & 1u) % format.max_channels;
    config.frame_duration_us = frame_duration_us;
    config.complexity = -1;
    return config;
}

void check_pulled(const JitterBuffer::Pulled &pulled, const JitterBufferLimits &limits, uint32_t frame_span)
{
    using Kind = JitterBuffer::Pulled::Kind;
    if (pulled.kind == Kind::packet) {
        require(!pulled.payload.empty() && pulled.payload.size() <= limits.max_payload_bytes,
                "pulled a payload outside the size limit");
    }
    if (pulled.kind != Kind::idle) {
        require(pulled.span >= frame_span && pulled.span % frame_span == 0 &&
                    pulled.span / frame_span <= max_frames_per_packet,
                "pulled a span that is not 1..6 whole frames");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const cordon_codec_interface &codec = open_codec_plugin(cordon_plugin_entry);
    ByteReader bytes(data, size);
    const uint8_t setup = bytes.u8();
    const cordon_codec_config config = g711_config(setup, codec);
    G711Instance instance(codec, config);

    JitterBufferLimits limits;
    limits.max_packets = 1 + (setup >> 2) % (cordon::media::speex_jitter_packet_slots - 1);
    limits.max_missing_frames = 1 + bytes.u8() % cordon::media::speex_jitter_max_lost_count;
    const uint32_t frame_span = frame_per_channel;
    auto buffer = JitterBuffer::create(frame_span, limits);
    require(buffer.ok(), "valid limits refused");
    cordon::media::PlayoutConfig playout_config{config.encoding_name, config.clock_rate, limits};
    auto playout = cordon::media::Playout::create(instance, playout_config);
    require(playout.ok(), "playout refused a G.711 instance");
    const size_t frame_samples = instance.info().frame_samples();

    uint32_t last_timestamp = 0;
    while (!bytes.empty()) {
        const uint8_t op = bytes.u8();
        if ((op & op_mask) == op_tick) {
            const auto pulled = buffer->pull();
            check_pulled(pulled, limits, frame_span);
            buffer->end_tick((bytes.u8() % (max_frames_per_packet + 2)) * frame_span);
            const auto frame = playout->next_frame();
            require(frame.pcm.size() == frame_samples, "a tick gave other than one frame");
        } else if ((op & op_mask) == op_reset) {
            buffer->reset();
            playout->reset();
        } else {
            switch ((op >> 2) & 3u) {
            case 0:
                last_timestamp += frame_span;
                break;
            case 1:
                last_timestamp = uint32_t{bytes.u16()} | uint32_t{bytes.u16()} << 16;
                break;
            case 2:
                last_timestamp += static_cast<uint32_t>(static_cast<int16_t>(bytes.u16())) * frame_span;
                break;
            default:
                last_timestamp = timestamp_below_wrap + bytes.u8();
                break;
            }
            const uint32_t span = (op & 0x80u) != 0 ? bytes.u16() : ((op >> 4) & 7u) * frame_span;
            const uint16_t sequence = bytes.u16();
            const std::vector<uint8_t> payload = bytes.bytes(bytes.u16());
            buffer->put(payload, last_timestamp, span, sequence);
            playout->put(payload, last_timestamp, sequence);
        }
        require(buffer->counters().held_packets <= limits.max_packets, "held more packets than max_packets");
        require(playout->counters().jitter.held_packets <= limits.max_packets, "playout held more than max_packets");
    }
    return 0;
}
