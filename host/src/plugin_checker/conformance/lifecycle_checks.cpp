// Reset returns an instance to its state after create; concealment fills a
// lost frame within the buffer.
#include "plugin_checker/conformance/case_text.hpp"
#include "plugin_checker/conformance/raw_checks.hpp"

namespace cordon::plugin_check {
namespace {

constexpr size_t frames_before_reset = 6;
constexpr size_t frames_before_loss = 4;

// The samples each packet decodes to, or the failure.
CaseFailure decode_all(RawInstance &decoder, const std::vector<std::vector<uint8_t>> &packets,
                       std::vector<std::vector<int16_t>> &decoded)
{
    decoded.clear();
    for (size_t i = 0; i < packets.size(); ++i) {
        GuardedBuffer<int16_t> pcm(decoder.info().max_decoded_samples);
        const CallResult result = decoder.decode(packets[i], pcm);
        if (result.status != CORDON_STATUS_OK || result.length > pcm.capacity()) {
            return "decode of " + frame_text(i) + ": " + status_text(result.status);
        }
        const auto samples = pcm.first(result.length);
        decoded.emplace_back(samples.begin(), samples.end());
    }
    return std::nullopt;
}

} // namespace

CaseFailure check_reset(const cordon_codec_interface &raw, const ConformanceCase &the_case)
{
    RawInstance fresh(&raw, the_case.config);
    RawInstance reused(&raw, the_case.config);
    if (!fresh.ok() || !reused.ok()) {
        return "create: " + status_text(fresh.ok() ? reused.create_status() : fresh.create_status());
    }
    const auto expected = encode_frames(fresh, the_case, frames_before_reset);
    (void)encode_frames(reused, the_case, frames_before_reset + 3);
    if (const int status = reused.reset(); status != CORDON_STATUS_OK) {
        return "reset: " + status_text(status);
    }
    if (encode_frames(reused, the_case, frames_before_reset) != expected) {
        return std::string("the encoder's state survived reset: its packets differ from a fresh instance's");
    }
    // The decoder too: the same packets decode to the same samples after a reset.
    std::vector<std::vector<int16_t>> first_pass;
    if (auto failure = decode_all(reused, expected, first_pass)) {
        return failure;
    }
    if (const int status = reused.reset(); status != CORDON_STATUS_OK) {
        return "reset: " + status_text(status);
    }
    std::vector<std::vector<int16_t>> second_pass;
    if (auto failure = decode_all(reused, expected, second_pass)) {
        return failure;
    }
    if (second_pass != first_pass) {
        return std::string("the decoder's state survived reset: the same packets decoded differently");
    }
    return std::nullopt;
}

CaseFailure check_concealment(const cordon_codec_interface &raw, const ConformanceCase &the_case)
{
    if (raw.conceal == nullptr) {
        return std::nullopt; // the host conceals with silence for it
    }
    RawInstance encoder(&raw, the_case.config);
    RawInstance decoder(&raw, the_case.config);
    if (!encoder.ok() || !decoder.ok()) {
        return "create: " + status_text(encoder.ok() ? decoder.create_status() : encoder.create_status());
    }
    const auto packets = encode_frames(encoder, the_case, frames_before_loss + 2);
    if (packets.size() < frames_before_loss + 2) {
        return std::string("the encoder did not make the packets to lose one of");
    }
    std::vector<std::vector<int16_t>> ignored;
    if (auto failure = decode_all(decoder, {packets.begin(), packets.begin() + frames_before_loss}, ignored)) {
        return failure;
    }
    const size_t frame = decoder.frame_samples();
    GuardedBuffer<int16_t> concealed(frame);
    const CallResult without_next = decoder.conceal({}, concealed);
    if (without_next.status != CORDON_STATUS_OK || without_next.length != frame || !concealed.canary_intact()) {
        return "conceal without the next packet: " + status_text(without_next.status) + ", " +
               std::to_string(without_next.length) + " samples" +
               (concealed.canary_intact() ? "" : ", written past the frame");
    }
    GuardedBuffer<int16_t> recovered(frame);
    const CallResult with_next = decoder.conceal(packets[frames_before_loss + 1], recovered);
    if (with_next.status != CORDON_STATUS_OK || with_next.length != frame || !recovered.canary_intact()) {
        return "conceal with the next packet: " + status_text(with_next.status) + ", " +
               std::to_string(with_next.length) + " samples" +
               (recovered.canary_intact() ? "" : ", written past the frame");
    }
    GuardedBuffer<int16_t> too_small(frame - 1);
    const CallResult refused = decoder.conceal({}, too_small);
    if (refused.status != CORDON_STATUS_BUFFER_TOO_SMALL || !too_small.canary_intact()) {
        return "conceal into one sample less than a frame: " + status_text(refused.status) +
               (too_small.canary_intact() ? "" : ", written past it");
    }
    return std::nullopt;
}

} // namespace cordon::plugin_check
