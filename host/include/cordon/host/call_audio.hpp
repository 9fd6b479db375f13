// What a call plays and records, and what its media did. The host runs each
// call's audio itself: RTP sockets on the agent's interface, the codec (in
// process or in the sandbox, as the plugin's isolation says), SRTP, the
// jitter buffer and RTCP. Everything is headless: sources are files, tones or
// silence, and what arrives can be written to a WAV file.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "cordon/host/transport.hpp"

namespace cordon {

// Whether a call's media must be encrypted (setting media.encryption).
// required: SRTP or no call (an offer without acceptable keys is answered
// 488, and a call over plain signalling cannot be made, since SDES keys never
// travel in clear); optional: SRTP when both sides can, plain RTP otherwise;
// off: plain RTP, never offered keys.
enum class MediaEncryption { required, optional, off };

const char *to_string(MediaEncryption mode);

struct CallAudio {
    enum class Source { silence, tone, file };
    Source source = Source::silence;
    std::string play_file;  // Source::file: any file libsndfile reads, converted to the codec's rate
    bool loop = false;      // Source::file: start again at the end (else silence follows)
    double tone_hz = 440.0; // Source::tone
    double tone_dbfs = -12.0;
    // What the peer sends, decoded, as a 16-bit WAV at the codec's rate
    // (concealed frames included, so its length is the call's); empty: not kept.
    std::string record_file;
};

// One call's media so far: what was negotiated and what the streams did.
struct MediaStats {
    std::string codec;             // encoding name
    std::uint32_t sample_rate = 0; // of the codec instance
    std::string codec_isolation;   // "in-process" or "sandbox"
    std::string encryption;        // the SRTP suite, or empty for plain RTP
    Endpoint local_rtp;
    Endpoint remote_rtp;

    std::uint64_t packets_sent = 0;
    std::uint64_t packets_received = 0;         // accepted RTP packets from the peer
    std::int64_t packets_lost = 0;              // RFC 3550 A.3 cumulative loss of the peer's stream
    std::uint64_t packets_late = 0;             // arrived after their play-out time
    std::uint64_t packets_from_strangers = 0;   // from another address than the peer's: dropped
    std::uint64_t packets_unprotect_failed = 0; // SRTP authentication or replay check failed: dropped
    std::uint64_t packets_malformed = 0;        // not RTP/RTCP, or another payload type: dropped
    std::uint64_t encode_failures = 0;          // frames not sent because the codec failed

    std::uint64_t frames_decoded = 0;
    std::uint64_t frames_concealed = 0; // by the codec's concealment
    std::uint64_t frames_silence = 0;   // lost with no concealment

    std::uint64_t rtcp_sent = 0;
    std::uint64_t rtcp_received = 0;
    double jitter_ms = 0.0;                              // interarrival jitter of the peer's stream
    std::optional<std::chrono::microseconds> round_trip; // from the peer's reports
};

} // namespace cordon
