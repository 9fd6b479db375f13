// A received SDP body: any bytes must give a description or a one-line
// printable error, never a crash. What read_sdp accepts must write and read
// back to the same text, and Cordon's answer to it must read back and be
// accepted by accept_answer against the same offer.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/ascii_text.hpp"
#include "sip/session_description.hpp"

namespace {

using cordon::sip::MediaCodec;
using cordon::sip::MediaDirection;

const std::vector<MediaCodec> supported{
    {111, "opus", 48000, 2, "useinbandfec=1"},
    {0, "PCMU", 8000, 1, ""},
    {8, "PCMA", 8000, 1, ""},
    {101, "telephone-event", 8000, 1, ""},
};

void check_refusal(const cordon::Error &error)
{
    if (error.message.empty()) {
        __builtin_trap();
    }
    if (!cordon::is_printable_ascii(error.message)) {
        __builtin_trap(); // a line break or escape from the wire got into the message
    }
}

// Written text must read back and write again unchanged. A body near
// max_sdp_bytes may grow when written (an rtpmap for each static payload
// type, CRLF for LF), so only text within the cap is held to this.
cordon::Result<cordon::sip::SessionDescription> read_back(const std::string &written)
{
    auto again = cordon::sip::read_sdp(written);
    if (written.size() <= cordon::sip::max_sdp_bytes && (!again.ok() || cordon::sip::write_sdp(*again) != written)) {
        __builtin_trap();
    }
    return again;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view body(reinterpret_cast<const char *>(data), size);
    const auto offer = cordon::sip::read_sdp(body);
    if (!offer.ok()) {
        check_refusal(offer.error());
        return 0;
    }
    if (offer->codecs.empty()) {
        __builtin_trap();
    }
    if (!read_back(cordon::sip::write_sdp(*offer)).ok()) {
        return 0;
    }
    for (const auto wanted :
         {MediaDirection::sendrecv, MediaDirection::sendonly, MediaDirection::recvonly, MediaDirection::inactive}) {
        const auto answer = cordon::sip::answer_offer(*offer, supported, "192.0.2.1", 4000, wanted);
        if (!answer.ok()) {
            check_refusal(answer.error());
            continue;
        }
        const auto reread = read_back(cordon::sip::write_sdp(*answer));
        if (reread.ok() && !cordon::sip::accept_answer(*offer, *reread).ok()) {
            __builtin_trap();
        }
    }
    return 0;
}
