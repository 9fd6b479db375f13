// What an auth plugin's answer() left behind is tainted until checked here:
// the status, the length it claims, the index it chose, the header value
// (which must not break out of its header line) and the outcome's strings
// (which must end within their arrays). Only check_auth_reply turns a reply
// into an AuthAnswer the host may use.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "cordon/auth.h"
#include "cordon/host/auth.hpp"
#include "cordon/host/result.hpp"

namespace cordon {

struct TaintedAuthReply {
    int status = CORDON_STATUS_INTERNAL_ERROR; // any value: the plugin chose it
    std::span<const char> answer_buffer;       // the whole buffer the plugin was given
    size_t answer_length = 0;
    const cordon_auth_outcome *outcome = nullptr;
    uint32_t challenge_count = 0; // how many challenges it was given
};

// The answer, or the plugin's failure (its status as an ErrorCode, with its
// refusal), or contract_violation naming plugin_id when the reply breaks the
// ABI.
Result<AuthAnswer> check_auth_reply(const TaintedAuthReply &reply, const std::string &plugin_id);

} // namespace cordon
