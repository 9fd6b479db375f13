// Subscription-State and Event values from a NOTIFY or SUBSCRIBE: the same
// bytes go to both readers. Each gives a value or a one-line printable
// refusal; what it accepts must write and read back to an equal value.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/ascii_text.hpp"
#include "presence/event_header.hpp"
#include "presence/subscription_state.hpp"

namespace {

void check_refusal(const cordon::Error &error)
{
    if (error.code != cordon::ErrorCode::malformed_input || error.message.empty()) {
        __builtin_trap();
    }
    if (!cordon::is_printable_ascii(error.message)) {
        __builtin_trap();
    }
}

template <class Value, class Read> void check_round_trip(std::string_view text, Read read)
{
    const cordon::Result<Value> value = read(text);
    if (!value.ok()) {
        check_refusal(value.error());
        return;
    }
    const std::string written = cordon::presence::to_header_value(*value);
    const cordon::Result<Value> again = read(written);
    if (!again.ok() || !(*again == *value) || cordon::presence::to_header_value(*again) != written) {
        __builtin_trap();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    check_round_trip<cordon::presence::SubscriptionState>(text, cordon::presence::read_subscription_state);
    check_round_trip<cordon::presence::EventHeader>(text, cordon::presence::read_event_header);
    return 0;
}
