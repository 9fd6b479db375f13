// Packets from the network through encryption-srtp's unprotect_rtp and
// unprotect_rtcp, as the host calls them, and the input as a packet to
// protect and unprotect again. The first byte chooses: bit 0 the suite
// (AES-CM, GCM), bits 1-2 the call (0 unprotect_rtp, 1 unprotect_rtcp,
// 2 RTP round trip, 3 RTCP round trip); the rest is the packet, in a heap
// block of exactly the capacity given, followed by canaries.
//
// Unprotect runs on a session that answered an offer with a fixed key, fresh
// for each input, so that a run depends on the input alone. Whatever the
// packet, the reply keeps the contract: a known status, a length within the
// capacity and above the header on success, 0 on failure; a round trip
// gives back the bytes protected.
#include <cstdint>
#include <cstring>
#include <vector>

#include "fuzz/guarded_buffer.hpp"
#include "fuzz/srtp_session.hpp"

namespace {

using cordon::fuzz::srtp_require;

constexpr size_t rtp_header_bytes = 12;
constexpr size_t rtcp_header_bytes = 8;

enum Mode : uint8_t { unprotect_rtp = 0, unprotect_rtcp = 1, round_trip_rtp = 2, round_trip_rtcp = 3 };

void check_unprotect(cordon_media_status status, size_t length, size_t out_length, size_t header)
{
    srtp_require(status >= CORDON_MEDIA_STATUS_OK && status <= CORDON_MEDIA_STATUS_REPLAYED, "unknown status");
    if (status != CORDON_MEDIA_STATUS_OK) {
        srtp_require(out_length == 0, "length reported on failure");
        return;
    }
    srtp_require(out_length < length && out_length >= header, "unprotected length outside header..length");
}

void unprotect_once(int suite, bool rtp, const uint8_t *packet, size_t length)
{
    const auto &encryption = cordon::fuzz::srtp_interface();
    cordon_media_session *session = cordon::fuzz::answered_with_fixed_key(suite);
    cordon::fuzz::GuardedBuffer<uint8_t> buffer(length);
    std::memcpy(buffer.data(), packet, length);
    size_t out_length = 1;
    const auto call = rtp ? encryption.unprotect_rtp : encryption.unprotect_rtcp;
    const auto status = call(session, buffer.data(), length, buffer.capacity(), &out_length);
    srtp_require(buffer.canaries_intact(), "wrote past the capacity");
    check_unprotect(status, length, out_length, rtp ? rtp_header_bytes : rtcp_header_bytes);
    encryption.destroy(session);
}

void round_trip(int suite, bool rtp, const uint8_t *packet, size_t length)
{
    const auto &encryption = cordon::fuzz::srtp_interface();
    const auto pair = cordon::fuzz::negotiated_pair(suite);
    cordon::fuzz::GuardedBuffer<uint8_t> buffer(length + pair.overhead);
    std::memcpy(buffer.data(), packet, length);
    size_t protected_length = 1;
    const auto protect = rtp ? encryption.protect_rtp : encryption.protect_rtcp;
    const auto status = protect(pair.a, buffer.data(), length, buffer.capacity(), &protected_length);
    srtp_require(buffer.canaries_intact(), "protect wrote past the capacity");
    srtp_require(status == CORDON_MEDIA_STATUS_OK || status == CORDON_MEDIA_STATUS_MALFORMED_INPUT ||
                     status == CORDON_MEDIA_STATUS_INVALID_ARGUMENT,
                 "protect failed with room for the overhead");
    if (status == CORDON_MEDIA_STATUS_OK) {
        srtp_require(protected_length > length && protected_length <= length + pair.overhead,
                     "protected length outside length..length+overhead");
        size_t plain_length = 1;
        const auto unprotect = rtp ? encryption.unprotect_rtp : encryption.unprotect_rtcp;
        const auto back = unprotect(pair.b, buffer.data(), protected_length, buffer.capacity(), &plain_length);
        srtp_require(back == CORDON_MEDIA_STATUS_OK, "what was protected does not unprotect");
        srtp_require(plain_length == length && std::memcmp(buffer.data(), packet, length) == 0,
                     "the round trip changed the packet");
    } else {
        srtp_require(protected_length == 0, "length reported on failure");
    }
    encryption.destroy(pair.a);
    encryption.destroy(pair.b);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size - 1 > CORDON_MEDIA_MAX_PACKET_BYTES) {
        return 0;
    }
    const int suite = data[0] & 1;
    const auto mode = static_cast<Mode>((data[0] >> 1) & 3);
    const uint8_t *packet = data + 1;
    const size_t length = size - 1;
    if (length == 0) {
        return 0;
    }
    switch (mode) {
    case unprotect_rtp:
        unprotect_once(suite, true, packet, length);
        break;
    case unprotect_rtcp:
        unprotect_once(suite, false, packet, length);
        break;
    case round_trip_rtp:
        round_trip(suite, true, packet, length);
        break;
    case round_trip_rtcp:
        round_trip(suite, false, packet, length);
        break;
    }
    return 0;
}
