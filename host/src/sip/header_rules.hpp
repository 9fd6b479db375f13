// Checks on the header fields after parsing, for what libosip2 accepts but
// RFC 3261 does not: missing mandatory fields, out-of-range numbers, a CSeq
// method that differs from the request's, an RFC 1123 date not in GMT, and
// an addr-spec with URI headers outside angle brackets.
#pragma once

#include <vector>

#include <osipparser2/osip_message.h>

#include "cordon/host/result.hpp"
#include "sip/message_framing.hpp"
#include "sip/start_line.hpp"

namespace cordon::sip {

// The fields as Cordon split them (raw values), before libosip2 parsed them.
Result<void> check_raw_fields(const std::vector<HeaderField> &fields);

// The fields as libosip2 parsed them, against the start line Cordon read.
Result<void> check_parsed_fields(const osip_message_t &message, const StartLine &start);

} // namespace cordon::sip
