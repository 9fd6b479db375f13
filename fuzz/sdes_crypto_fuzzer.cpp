// a=crypto values from a peer's SDP through encryption-srtp's answer() and
// accept_answer(), as the host calls them. The first byte chooses: bit 0
// answer (0) or accept_answer after an offer (1); the rest, split at each
// '\n', is up to CORDON_MEDIA_MAX_ATTRIBUTES values, each in a heap block of
// exactly its size (never NUL-terminated). Whatever they hold, the reply
// keeps the contract: a known status, attribute values and texts terminated
// within their arrays and printable (no CR or LF to inject SDP lines),
// nothing reported on failure; and an accepted answer gives working packet
// contexts.
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "fuzz/srtp_session.hpp"

namespace {

using cordon::fuzz::srtp_require;

constexpr size_t probe_payload = 20;

// A minimal RTP packet protected under the contexts just made: it must work.
void probe_packet(cordon_media_session *session, uint32_t overhead)
{
    std::vector<uint8_t> packet(12 + probe_payload + overhead, 0);
    packet[0] = 0x80;
    size_t out_length = 0;
    const auto status = cordon::fuzz::srtp_interface().protect_rtp(session, packet.data(), 12 + probe_payload,
                                                                   packet.size(), &out_length);
    srtp_require(status == CORDON_MEDIA_STATUS_OK && out_length <= packet.size(), "negotiated contexts do not protect");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) {
        return 0;
    }
    const bool accept = (data[0] & 1) != 0;
    std::vector<std::unique_ptr<char[]>> blocks;
    std::vector<cordon_media_attribute> values;
    const char *text = reinterpret_cast<const char *>(data + 1);
    const size_t length = size - 1;
    size_t start = 0;
    while (start <= length && values.size() < CORDON_MEDIA_MAX_ATTRIBUTES) {
        const void *newline = std::memchr(text + start, '\n', length - start);
        const size_t end = newline == nullptr ? length : static_cast<size_t>(static_cast<const char *>(newline) - text);
        const size_t value_length = end - start;
        if (value_length > 0 && value_length < CORDON_MEDIA_ATTRIBUTE_BYTES &&
            std::memchr(text + start, '\0', value_length) == nullptr) {
            blocks.push_back(std::make_unique<char[]>(value_length));
            std::memcpy(blocks.back().get(), text + start, value_length);
            values.push_back({blocks.back().get(), value_length});
        }
        start = end + 1;
    }
    if (values.empty()) {
        return 0;
    }
    const auto &encryption = cordon::fuzz::srtp_interface();
    cordon_media_session *session = cordon::fuzz::new_srtp_session();
    cordon_media_negotiation reply{};
    reply.struct_size = sizeof reply;
    if (accept) {
        srtp_require(encryption.offer(session, &reply) == CORDON_MEDIA_STATUS_OK, "offer refused");
        reply = {};
        reply.struct_size = sizeof reply;
    }
    const auto count = static_cast<uint32_t>(values.size());
    const auto status = accept ? encryption.accept_answer(session, values.data(), count, &reply)
                               : encryption.answer(session, values.data(), count, &reply);
    cordon::fuzz::check_negotiation(status, reply);
    if (status == CORDON_MEDIA_STATUS_OK) {
        srtp_require(reply.attribute_count == (accept ? 0u : 1u), "wrong number of values answered");
        probe_packet(session, reply.overhead);
    }
    encryption.destroy(session);
    return 0;
}
