// Runs a whole signal through one codec instance, frame by frame, the way a
// call would: encode, (maybe lose), decode or conceal. Used by codec tests,
// benchmarks and `cordon` quality checks alike.
#pragma once

#include <cstddef>
#include <functional>

#include "cordon/host/codec.hpp"
#include "cordon/host/result.hpp"
#include "media/pcm.hpp"

namespace cordon::media {

struct RoundtripResult {
    // Everything the decoder produced, frame after frame: it includes the
    // codec's delay and the zero-padded tail, so it can be longer than the input.
    Pcm decoded;
    size_t frames = 0;             // frames encoded
    size_t packet_bytes_total = 0; // every packet the encoder produced, lost or not
    double bitrate_bps = 0.0;      // packet_bytes_total over the input's duration
    size_t max_packet_bytes_seen = 0;
    size_t dtx_frames = 0;  // packets of length 0, concealed
    size_t lost_frames = 0; // dropped by the loss pattern, concealed
};

// True for the frames (0-based) to drop before decoding.
using LossPattern = std::function<bool(size_t frame_index)>;

// The input must be at the instance's sample rate and channel count
// (invalid_argument otherwise; see resample() and to_channels()). The last
// partial frame is padded with zeros. A packet of length 0 (DTX) is decoded
// with conceal() and no next packet; a lost frame with conceal() and the next
// packet, so that codecs with in-band FEC can use it. Errors from the codec
// are passed on with the frame index; a codec that reports more bytes or
// samples than the buffer it was given is a contract_violation.
Result<RoundtripResult> roundtrip(CodecInstance &codec, const Pcm &input, const LossPattern &lose = {});

} // namespace cordon::media
