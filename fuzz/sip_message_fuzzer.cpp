// A received SIP message: any bytes must give a validated summary or a
// one-line error, never a crash, and a reply phrase must be safe to send.
#include <cstdint>
#include <string_view>

#include "sip/received_message.hpp"

namespace {

bool has_line_break(std::string_view text) { return text.find_first_of("\r\n") != std::string_view::npos; }

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view bytes(reinterpret_cast<const char *>(data), size);
    const auto outcome = cordon::sip::parse_received_message(bytes);
    if (outcome.message.ok()) {
        // The body is what Content-Length announced, and came from the input.
        if (outcome.message->body.size() != outcome.message->content_length || outcome.message->body.size() > size ||
            outcome.reply.has_value()) {
            __builtin_trap();
        }
    } else {
        const auto &message = outcome.message.error().message;
        if (message.empty() || has_line_break(message)) {
            __builtin_trap();
        }
        if (outcome.reply && has_line_break(outcome.reply->reason_phrase)) {
            __builtin_trap();
        }
    }
    return 0;
}
