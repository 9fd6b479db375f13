#include "ua/presence_notify.hpp"

#include "presence/event_header.hpp"
#include "ua/message_parts.hpp"
#include "ua/presence_context.hpp"

namespace cordon::ua {

namespace {

NotifyRefusal bad_event(std::string reason)
{
    return NotifyRefusal{489, std::move(reason), {{"Allow-Events", presence_event}}};
}

} // namespace

std::variant<PresenceNotify, NotifyRefusal> read_presence_notify(const osip_message_t &notify)
{
    // Section 8.2.1: the Event must name the package subscribed to, with the
    // id the SUBSCRIBE had (none).
    const auto event = single_header(notify, "Event", "o");
    if (!event.value || event.repeated) {
        return bad_event(event.repeated ? "more than one Event header" : "no Event header");
    }
    const auto event_header = presence::read_event_header(*event.value);
    if (!event_header) {
        return NotifyRefusal{400, "Event: " + event_header.error().message, {}};
    }
    if (event_header->type != presence_event || event_header->id) {
        return bad_event("Event \"" + presence::to_header_value(*event_header) +
                         "\" is not the presence subscribed to");
    }
    const auto state_header = single_header(notify, "Subscription-State");
    if (!state_header.value || state_header.repeated) {
        return NotifyRefusal{400,
                             state_header.repeated ? "more than one Subscription-State header"
                                                   : "no Subscription-State header",
                             {}};
    }
    auto state = presence::read_subscription_state(*state_header.value);
    if (!state) {
        return NotifyRefusal{400, "Subscription-State: " + state.error().message, {}};
    }
    PresenceNotify read{std::move(state.value()), std::nullopt};
    const std::string body = body_of(notify);
    if (body.empty()) {
        return read;
    }
    if (const std::string type = content_type_of(notify); type != pidf_type) {
        return NotifyRefusal{
            415, "a body of type \"" + type + "\" (only " + pidf_type + " is accepted)", {{"Accept", pidf_type}}};
    }
    auto document = presence::read_pidf(body);
    if (!document) {
        return NotifyRefusal{400, "PIDF: " + document.error().message, {}};
    }
    read.document = std::move(document.value());
    return read;
}

} // namespace cordon::ua
