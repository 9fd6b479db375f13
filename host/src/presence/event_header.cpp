#include "presence/event_header.hpp"

#include "core/ascii_text.hpp"
#include "sip/header_syntax.hpp"
#include "sip/wire_text.hpp"

namespace cordon::presence {
namespace {

constexpr std::string_view header_name = "Event";

Error event_error(const std::string &what) { return Error{ErrorCode::malformed_input, "Event: " + what}; }

// event-type = event-package *( "." event-template ), each a token-nodot:
// a token without '.', never empty.
bool is_event_type(std::string_view type)
{
    std::size_t word_start = 0;
    while (true) {
        const std::size_t dot = type.find('.', word_start);
        const std::string_view word = type.substr(word_start, dot == std::string_view::npos ? dot : dot - word_start);
        if (!is_rfc3261_token(word)) {
            return false;
        }
        if (dot == std::string_view::npos) {
            return true;
        }
        word_start = dot + 1;
    }
}

} // namespace

Result<EventHeader> read_event_header(std::string_view value)
{
    auto split = split_header_value(value, header_name);
    if (!split) {
        return split.error();
    }
    if (!is_event_type(split->head)) {
        return event_error("'" + sip::printable(split->head) +
                           "' is not an event type (package and templates separated by single dots)");
    }
    EventHeader event;
    event.type = std::string(split->head);
    for (HeaderParameter &parameter : split->parameters) {
        if (!equal_ignoring_ascii_case(parameter.name, "id")) {
            event.parameters.push_back(std::move(parameter));
            continue;
        }
        if (!parameter.value || !is_rfc3261_token(*parameter.value)) {
            return event_error("id needs a token value");
        }
        event.id = std::move(parameter.value);
    }
    return event;
}

std::string to_header_value(const EventHeader &event)
{
    std::string text = event.type;
    if (event.id) {
        text += ";id=" + *event.id;
    }
    return text + write_parameters(event.parameters);
}

std::string_view event_package(const EventHeader &event)
{
    return std::string_view(event.type).substr(0, event.type.find('.'));
}

bool same_event(const EventHeader &a, const EventHeader &b) { return a.type == b.type && a.id == b.id; }

} // namespace cordon::presence
