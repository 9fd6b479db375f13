#include "media/payload_span.hpp"

#include <array>
#include <string>

#include "core/ascii_text.hpp"

namespace cordon::media {
namespace {

Error malformed(std::string_view encoding, const std::string &why)
{
    return {ErrorCode::malformed_input, std::string(encoding) + " payload: " + why};
}

// Frame sizes at 48 kHz by TOC configuration (RFC 6716 table 2): SILK-only
// 10/20/40/60 ms, hybrid 10/20 ms, CELT-only 2.5/5/10/20 ms.
constexpr std::array<uint32_t, 4> silk_frames = {480, 960, 1920, 2880};
constexpr std::array<uint32_t, 2> hybrid_frames = {480, 960};
constexpr std::array<uint32_t, 4> celt_frames = {120, 240, 480, 960};
constexpr uint32_t last_silk_config = 11;
constexpr uint32_t last_hybrid_config = 15;
constexpr uint8_t frame_count_mask = 0x3f;

uint32_t opus_frame_span(uint8_t toc)
{
    const uint32_t config = toc >> 3;
    if (config <= last_silk_config) {
        return silk_frames[config % silk_frames.size()];
    }
    if (config <= last_hybrid_config) {
        return hybrid_frames[config % hybrid_frames.size()];
    }
    return celt_frames[config % celt_frames.size()];
}

Result<uint32_t> opus_span(std::span<const uint8_t> payload)
{
    const uint8_t toc = payload[0];
    uint32_t frames = 0;
    switch (toc & 0x3) {
    case 0:
        frames = 1;
        break;
    case 1:
    case 2:
        frames = 2;
        break;
    default:
        if (payload.size() < 2) {
            return malformed("opus", "code 3 packet without its frame count byte");
        }
        frames = payload[1] & frame_count_mask;
        if (frames == 0) {
            return malformed("opus", "code 3 packet with no frames");
        }
        break;
    }
    const uint32_t span = frames * opus_frame_span(toc);
    if (span > opus_max_packet_span) {
        return malformed("opus", "packet of " + std::to_string(span) + " samples at 48 kHz, over 120 ms");
    }
    return span;
}

} // namespace

Result<uint32_t> payload_span(std::string_view encoding_name, uint32_t channels, std::span<const uint8_t> payload,
                              uint32_t fallback_span)
{
    if (payload.empty()) {
        return malformed(encoding_name, "empty");
    }
    if (equal_ignoring_ascii_case(encoding_name, "PCMU") || equal_ignoring_ascii_case(encoding_name, "PCMA")) {
        if (channels == 0 || payload.size() % channels != 0) {
            return malformed(encoding_name, std::to_string(payload.size()) + " bytes are not whole " +
                                                std::to_string(channels) + "-channel samples");
        }
        return static_cast<uint32_t>(payload.size() / channels);
    }
    if (equal_ignoring_ascii_case(encoding_name, "opus")) {
        return opus_span(payload);
    }
    return fallback_span;
}

} // namespace cordon::media
