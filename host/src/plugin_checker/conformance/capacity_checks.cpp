// Outputs stay within the capacity given; too small a buffer is refused
// with BUFFER_TOO_SMALL and nothing is written past it.
#include <cstring>

#include "plugin_abi/codec_contract.hpp"
#include "plugin_checker/conformance/case_text.hpp"
#include "plugin_checker/conformance/raw_checks.hpp"

namespace cordon::plugin_check {
namespace {

constexpr size_t frames_to_check = 25;
constexpr size_t frames_at_exact_size = 5;

// A host built for an older minor passes a smaller info struct: the plugin
// must not write past the struct_size it is given.
CaseFailure check_info_struct_size(const cordon_codec_interface &raw, const ConformanceCase &the_case)
{
    std::vector<uint8_t> storage(sizeof(cordon_codec_instance_info) + canary_bytes, canary_value);
    cordon_codec_instance_info shrunk{};
    shrunk.struct_size = sizeof(uint32_t);
    std::memcpy(storage.data(), &shrunk.struct_size, sizeof(shrunk.struct_size));
    std::vector<cordon_codec_param> params;
    const cordon_codec_config abi_config = to_abi_config(the_case.config, params);
    cordon_codec_instance *instance = nullptr;
    const int status = static_cast<int>(
        raw.create(&abi_config, &instance, reinterpret_cast<cordon_codec_instance_info *>(storage.data())));
    raw.destroy(instance);
    if (status != CORDON_STATUS_OK) {
        return "create with a 4-byte info struct: " + status_text(status);
    }
    for (size_t i = sizeof(uint32_t); i < storage.size(); ++i) {
        if (storage[i] != canary_value) {
            return "create wrote byte " + std::to_string(i) + " of an info struct whose struct_size is 4";
        }
    }
    return std::nullopt;
}

} // namespace

CaseFailure check_capacities(const cordon_codec_interface &raw, const ConformanceCase &the_case)
{
    RawInstance encoder(&raw, the_case.config);
    RawInstance decoder(&raw, the_case.config);
    if (!encoder.ok() || !decoder.ok()) {
        return "create: " + status_text(encoder.ok() ? decoder.create_status() : encoder.create_status());
    }
    const media::Pcm signal = speech_for(the_case);
    for (size_t i = 0; i < frames_to_check; ++i) {
        GuardedBuffer<uint8_t> packet(encoder.info().max_packet_bytes);
        const CallResult encoded = encoder.encode(frame_of(signal, i, encoder.frame_samples()), packet);
        if (encoded.status != CORDON_STATUS_OK) {
            return "encode of " + frame_text(i) + ": " + status_text(encoded.status);
        }
        if (encoded.length > packet.capacity() || !packet.canary_intact()) {
            return "encode wrote past max_packet_bytes (" + std::to_string(packet.capacity()) + ") in " + frame_text(i);
        }
        if (encoded.length == 0) {
            continue; // nothing sent (DTX): nothing to decode
        }
        GuardedBuffer<int16_t> pcm(decoder.info().max_decoded_samples);
        const CallResult decoded = decoder.decode(packet.first(encoded.length), pcm);
        if (decoded.status != CORDON_STATUS_OK) {
            return "decode of its own " + frame_text(i) + ": " + status_text(decoded.status);
        }
        if (decoded.length > pcm.capacity() || !pcm.canary_intact()) {
            return "decode wrote past max_decoded_samples (" + std::to_string(pcm.capacity()) + ") in " + frame_text(i);
        }
        if (decoded.length != decoder.frame_samples()) {
            return "decode of " + frame_text(i) + " gave " + std::to_string(decoded.length) +
                   " samples, not one frame (" + std::to_string(decoder.frame_samples()) + ")";
        }
    }
    // A buffer of exactly one frame is enough.
    for (const auto &packet : encode_frames(encoder, the_case, frames_at_exact_size)) {
        GuardedBuffer<int16_t> pcm(decoder.frame_samples());
        const CallResult decoded = decoder.decode(packet, pcm);
        if (decoded.status != CORDON_STATUS_OK || decoded.length != decoder.frame_samples() || !pcm.canary_intact()) {
            return "decode into a buffer of exactly one frame: " + status_text(decoded.status) +
                   (pcm.canary_intact() ? "" : ", and wrote past it");
        }
    }
    return check_info_struct_size(raw, the_case);
}

CaseFailure check_small_buffers_refused(const cordon_codec_interface &raw, const ConformanceCase &the_case)
{
    RawInstance encoder(&raw, the_case.config);
    RawInstance decoder(&raw, the_case.config);
    if (!encoder.ok() || !decoder.ok()) {
        return "create: " + status_text(encoder.ok() ? decoder.create_status() : encoder.create_status());
    }
    const auto pcm = frame_of(speech_for(the_case), 3, encoder.frame_samples());
    GuardedBuffer<uint8_t> no_room(0);
    const CallResult refused_encode = encoder.encode(pcm, no_room);
    if (refused_encode.status != CORDON_STATUS_BUFFER_TOO_SMALL || refused_encode.length != 0) {
        return "encode into 0 bytes: " + status_text(refused_encode.status) + ", length " +
               std::to_string(refused_encode.length);
    }
    if (!no_room.canary_intact()) {
        return std::string("encode into 0 bytes wrote past them");
    }
    const auto packets = encode_frames(encoder, the_case, 4);
    if (packets.empty()) {
        return std::string("the encoder made no packet of the first frames");
    }
    GuardedBuffer<int16_t> short_pcm(decoder.frame_samples() - 1);
    const CallResult refused_decode = decoder.decode(packets.back(), short_pcm);
    if (refused_decode.status != CORDON_STATUS_BUFFER_TOO_SMALL || refused_decode.length != 0) {
        return "decode into one sample less than a frame: " + status_text(refused_decode.status) + ", length " +
               std::to_string(refused_decode.length);
    }
    if (!short_pcm.canary_intact()) {
        return std::string("decode into one sample less than a frame wrote past it");
    }
    return std::nullopt;
}

} // namespace cordon::plugin_check
