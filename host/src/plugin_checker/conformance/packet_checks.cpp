// Packets come from the network: random, truncated and corrupted ones decode
// with OK or MALFORMED_INPUT, within the buffer. A crash here ends the probe,
// and the checker reports it against this check.
#include <random>

#include "plugin_checker/conformance/case_text.hpp"
#include "plugin_checker/conformance/raw_checks.hpp"

namespace cordon::plugin_check {
namespace {

constexpr size_t random_packets = 400;
constexpr uint32_t random_seed = 20261126;
constexpr size_t frames_encoded = 8;

CaseFailure decode_safely(RawInstance &decoder, uint32_t channels, std::span<const uint8_t> packet,
                          const std::string &what)
{
    GuardedBuffer<int16_t> pcm(decoder.info().max_decoded_samples);
    const CallResult result = decoder.decode(packet, pcm);
    if (!pcm.canary_intact()) {
        return "decode of " + what + " wrote past max_decoded_samples";
    }
    switch (result.status) {
    case CORDON_STATUS_OK:
        if (result.length > pcm.capacity() || result.length % channels != 0) {
            return "decode of " + what + " claimed " + std::to_string(result.length) + " samples";
        }
        return std::nullopt;
    case CORDON_STATUS_MALFORMED_INPUT:
    case CORDON_STATUS_BUFFER_TOO_SMALL:
        if (result.length != 0) {
            return "decode of " + what + " failed but claimed " + std::to_string(result.length) + " samples";
        }
        return std::nullopt;
    default:
        return "decode of " + what + ": " + status_text(result.status);
    }
}

} // namespace

CaseFailure check_malformed_packets(const cordon_codec_interface &raw, const ConformanceCase &the_case)
{
    RawInstance encoder(&raw, the_case.config);
    RawInstance decoder(&raw, the_case.config);
    if (!encoder.ok() || !decoder.ok()) {
        return "create: " + status_text(encoder.ok() ? decoder.create_status() : encoder.create_status());
    }
    const uint32_t channels = the_case.config.channels;
    std::mt19937 random(random_seed);
    std::uniform_int_distribution<size_t> length(1, 2 * size_t{decoder.info().max_packet_bytes});
    std::uniform_int_distribution<int> byte(0, 255);
    for (size_t i = 0; i < random_packets; ++i) {
        std::vector<uint8_t> packet(length(random));
        for (auto &b : packet) {
            b = static_cast<uint8_t>(byte(random));
        }
        if (auto failure = decode_safely(decoder, channels, packet, "random packet " + std::to_string(i))) {
            return failure;
        }
    }
    const auto packets = encode_frames(encoder, the_case, frames_encoded);
    if (packets.empty()) {
        return std::string("the encoder made no packet to corrupt");
    }
    const std::vector<uint8_t> &packet = packets.back();
    for (size_t cut = 1; cut < packet.size(); ++cut) {
        if (auto failure = decode_safely(decoder, channels, std::span(packet).first(cut),
                                         "the first " + std::to_string(cut) + " bytes of a packet")) {
            return failure;
        }
    }
    for (size_t bit = 0; bit < packet.size() * 8; ++bit) {
        std::vector<uint8_t> corrupted = packet;
        corrupted[bit / 8] = static_cast<uint8_t>(corrupted[bit / 8] ^ (1u << (bit % 8)));
        if (auto failure =
                decode_safely(decoder, channels, corrupted, "a packet with bit " + std::to_string(bit) + " flipped")) {
            return failure;
        }
    }
    GuardedBuffer<int16_t> pcm(decoder.info().max_decoded_samples);
    if (const CallResult after = decoder.decode(packets.front(), pcm); after.status != CORDON_STATUS_OK) {
        return "after the malformed packets, a good one no longer decodes: " + status_text(after.status);
    }
    return std::nullopt;
}

} // namespace cordon::plugin_check
