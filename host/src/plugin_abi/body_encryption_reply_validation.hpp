// What a body encryption plugin leaves in a cordon_body_output is tainted
// until checked here: the status, the lengths (within the capacities the
// host gave, within the ABI's limits), the content type it wrote (printable
// ASCII, type/subtype, the S/MIME type after encrypt), the sizes it asks
// for with BUFFER_TOO_SMALL (larger than what was given, within the limits)
// and the refusal text (NUL-terminated within its array, printable). Only
// these functions turn a reply into something the host may use.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "cordon/body_encryption.h"
#include "cordon/host/result.hpp"

namespace cordon {

// Whether text is a Content-Type value the host passes to or takes from a
// body encryption plugin: 1..CORDON_BODY_CONTENT_TYPE_BYTES printable ASCII
// characters starting with type/subtype (RFC 2045 tokens).
bool is_body_content_type(std::string_view text);

// Maps a status the plugin returned (any value) to an Error naming context.
Error body_error_from_status(int status, const std::string &context);

enum class BodyCall { identity_create, encrypt, decrypt };

const char *to_string(BodyCall call);

struct TaintedBodyReply {
    BodyCall call = BodyCall::encrypt;
    int status = CORDON_BODY_STATUS_INTERNAL_ERROR; // any value: the plugin chose it
    const cordon_body_output *reply = nullptr;      // its capacities are what the host passed
};

// A reply that passed: the lengths written (OK), or the sizes to call again
// with (BUFFER_TOO_SMALL, retry set).
struct CheckedBodyReply {
    bool retry = false;
    size_t content_type_length = 0;
    size_t body_length = 0;
};

// As above, or the plugin's failure (its status as an ErrorCode, with its
// refusal), or contract_violation naming plugin_id.
Result<CheckedBodyReply> check_body_reply(const TaintedBodyReply &reply, const std::string &plugin_id);

// The refusal text identity_create left in refusal[0..capacity): empty, or
// contract_violation when it is not NUL-terminated there or not printable.
Result<std::string> check_refusal_text(const char *refusal, size_t capacity, const std::string &plugin_id,
                                       BodyCall call);

} // namespace cordon
