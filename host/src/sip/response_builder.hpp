// Responses to received requests (RFC 3261 section 8.2.6): the Via fields,
// From, Call-ID and CSeq copied from the request, To copied with a tag added
// when the request's To had none.
#pragma once

#include <string>

#include "cordon/host/result.hpp"
#include "sip/osip_handles.hpp"

namespace cordon::sip {

// to_tag: the tag this user agent puts in To (ignored when the request's To
// already carries one). reason: the reason phrase; empty means the standard one.
Result<OsipMessage> build_response(const osip_message_t &request, int status_code, const std::string &to_tag,
                                   const std::string &reason = {});

// What a 1xx or 2xx that makes a dialog carries beside the rest: this side's
// Contact and the request's Record-Route set, in order (section 12.1.1).
void add_dialog_fields(osip_message_t &response, const osip_message_t &request, const std::string &contact_uri);

} // namespace cordon::sip
