#include "media/codec_roundtrip.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace cordon::media {
namespace {

constexpr double bits_per_byte = 8.0;

std::string describe(uint32_t sample_rate, uint32_t channels)
{
    return std::to_string(sample_rate) + " Hz, " + std::to_string(channels) +
           (channels == 1 ? " channel" : " channels");
}

Error at_frame(const char *step, size_t frame, const Error &error)
{
    return {error.code,
            std::string("codec ") + step + " failed at frame " + std::to_string(frame) + ": " + error.message};
}

Result<void> check_setup(const CodecInstanceInfo &info, const Pcm &input)
{
    if (info.sample_rate == 0 || info.channels == 0 || info.frame_samples_per_channel == 0 ||
        info.max_packet_bytes == 0 || info.max_decoded_samples == 0) {
        return Error{ErrorCode::invalid_argument,
                     "codec instance states an empty format, frame, packet or decode buffer"};
    }
    if (input.sample_rate != info.sample_rate || input.channels != info.channels) {
        return Error{ErrorCode::invalid_argument, "input is " + describe(input.sample_rate, input.channels) +
                                                      " but the codec instance expects " +
                                                      describe(info.sample_rate, info.channels)};
    }
    if (!input.is_well_formed()) {
        return Error{ErrorCode::invalid_argument,
                     "input of " + std::to_string(input.samples.size()) + " samples is not a whole number of frames"};
    }
    return {};
}

// Checks what the codec says it wrote against the buffer it was given; unit
// is 1 for packet bytes and the channel count for decoded samples.
Result<void> check_written(const char *step, size_t frame, size_t written, size_t capacity, size_t unit)
{
    if (written > capacity) {
        return Error{ErrorCode::contract_violation, std::string("codec ") + step + " at frame " +
                                                        std::to_string(frame) + " reported " + std::to_string(written) +
                                                        " written into a buffer of " + std::to_string(capacity)};
    }
    if (written % unit != 0) {
        return Error{ErrorCode::contract_violation, std::string("codec ") + step + " at frame " +
                                                        std::to_string(frame) + " returned " + std::to_string(written) +
                                                        " samples, not a whole number of " + std::to_string(unit) +
                                                        "-channel frames"};
    }
    return {};
}

} // namespace

Result<RoundtripResult> roundtrip(CodecInstance &codec, const Pcm &input, const LossPattern &lose)
{
    const CodecInstanceInfo info = codec.info();
    if (auto setup = check_setup(info, input); !setup) {
        return setup.error();
    }
    RoundtripResult result;
    result.decoded = Pcm{info.sample_rate, info.channels, {}};
    const size_t frame_samples = info.frame_samples();
    result.frames = (input.samples.size() + frame_samples - 1) / frame_samples;

    // Encode everything first: concealing frame i may need packet i + 1.
    std::vector<std::vector<uint8_t>> packets(result.frames);
    std::vector<int16_t> frame(frame_samples);
    std::vector<uint8_t> packet(info.max_packet_bytes);
    for (size_t index = 0; index < result.frames; ++index) {
        const size_t offset = index * frame_samples;
        const size_t available = std::min(frame_samples, input.samples.size() - offset);
        std::fill(std::copy_n(input.samples.begin() + static_cast<std::ptrdiff_t>(offset), available, frame.begin()),
                  frame.end(), int16_t{0});
        auto encoded = codec.encode(frame, packet);
        if (!encoded) {
            return at_frame("encode", index, encoded.error());
        }
        if (auto checked = check_written("encode", index, *encoded, packet.size(), 1); !checked) {
            return checked.error();
        }
        packets[index].assign(packet.begin(), packet.begin() + static_cast<std::ptrdiff_t>(*encoded));
        result.packet_bytes_total += *encoded;
        result.max_packet_bytes_seen = std::max(result.max_packet_bytes_seen, *encoded);
    }

    std::vector<bool> lost(result.frames, false);
    if (lose) {
        for (size_t index = 0; index < result.frames; ++index) {
            lost[index] = lose(index);
        }
    }
    std::vector<int16_t> pcm(info.max_decoded_samples);
    result.decoded.samples.reserve(result.frames * frame_samples);
    for (size_t index = 0; index < result.frames; ++index) {
        Result<size_t> decoded{size_t{0}};
        const char *step = "decode";
        if (lost[index]) {
            // The next packet, if it arrived, may carry this frame's FEC copy.
            const bool next_arrived = index + 1 < result.frames && !lost[index + 1];
            const std::span<const uint8_t> next =
                next_arrived ? std::span<const uint8_t>(packets[index + 1]) : std::span<const uint8_t>();
            decoded = codec.conceal(next, pcm);
            step = "concealment";
            ++result.lost_frames;
        } else if (packets[index].empty()) {
            decoded = codec.conceal({}, pcm);
            step = "concealment";
            ++result.dtx_frames;
        } else {
            decoded = codec.decode(packets[index], pcm);
        }
        if (!decoded) {
            return at_frame(step, index, decoded.error());
        }
        if (auto checked = check_written(step, index, *decoded, pcm.size(), info.channels); !checked) {
            return checked.error();
        }
        result.decoded.samples.insert(result.decoded.samples.end(), pcm.begin(),
                                      pcm.begin() + static_cast<std::ptrdiff_t>(*decoded));
    }

    const double seconds = input.duration_seconds();
    result.bitrate_bps = seconds > 0.0 ? static_cast<double>(result.packet_bytes_total) * bits_per_byte / seconds : 0.0;
    return result;
}

} // namespace cordon::media
