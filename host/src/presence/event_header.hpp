// The Event header value (RFC 6665 sections 7.2.1, 8.2.1 and 8.4): an event
// type (package and templates, "presence" or "presence.winfo") and an
// optional id. Section 8.2.1 matches a NOTIFY to its subscription by
// comparing the event type and the id byte by byte, so both are kept exactly
// as received and compared case-sensitively; other parameters play no part.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cordon/host/result.hpp"
#include "presence/header_parameters.hpp"

namespace cordon::presence {

struct EventHeader {
    std::string type;                        // event-package *( "." event-template )
    std::optional<std::string> id;           // the id parameter, a token
    std::vector<HeaderParameter> parameters; // the others, in order

    bool operator==(const EventHeader &) const = default;
};

// Refused (malformed_input): a type that is not dot-separated token-nodot
// words, an id without a token value, a parameter given twice, and anything
// over the caps of header_parameters.hpp.
Result<EventHeader> read_event_header(std::string_view value);

// "presence;id=7": the type, the id, then the other parameters. Nothing is
// refused: the caller gives a valid type and token id.
std::string to_header_value(const EventHeader &event);

// The package: the type up to its first '.' ("presence" of "presence.winfo").
std::string_view event_package(const EventHeader &event);

// RFC 6665 section 8.2.1: the same type and the same id, byte by byte; an
// Event with an id never matches one without.
bool same_event(const EventHeader &a, const EventHeader &b);

} // namespace cordon::presence
