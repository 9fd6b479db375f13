#include "sip/transaction_matching.hpp"

#include <cstring>
#include <optional>
#include <string>

#include "sip/dialog.hpp"

namespace cordon::sip {
namespace {

constexpr const char *magic_cookie = "z9hG4bK";

const osip_via_t *top_via(const osip_message_t &message)
{
    return static_cast<const osip_via_t *>(osip_list_get(&message.vias, 0));
}

std::optional<std::string> branch_of(const osip_via_t &via)
{
    osip_generic_param_t *branch = nullptr;
    osip_via_param_get_byname(const_cast<osip_via_t *>(&via), const_cast<char *>("branch"), &branch);
    if (branch == nullptr || branch->gvalue == nullptr) {
        return std::nullopt;
    }
    return std::string(branch->gvalue);
}

bool same_text(const char *left, const char *right)
{
    return left == right || (left != nullptr && right != nullptr && std::strcmp(left, right) == 0);
}

bool same_sent_by(const osip_via_t &left, const osip_via_t &right)
{
    return same_text(left.host, right.host) && same_text(left.port, right.port) &&
           same_text(left.protocol, right.protocol);
}

bool same_cseq_number(const osip_message_t &left, const osip_message_t &right)
{
    return left.cseq != nullptr && right.cseq != nullptr && same_text(left.cseq->number, right.cseq->number);
}

// Section 17.2.3 with the method left aside: request matches the server
// transaction invite started.
bool same_transaction(const osip_message_t &request, const osip_message_t &invite)
{
    const osip_via_t *request_via = top_via(request);
    const osip_via_t *invite_via = top_via(invite);
    if (request_via == nullptr || invite_via == nullptr || !same_cseq_number(request, invite) ||
        !same_sent_by(*request_via, *invite_via)) {
        return false;
    }
    const auto invite_branch = branch_of(*invite_via);
    if (branch_of(*request_via) != invite_branch) {
        return false;
    }
    if (invite_branch && invite_branch->starts_with(magic_cookie)) {
        return true;
    }
    // RFC 2543: the branch proves nothing, the rest of the request must match.
    return request.req_uri != nullptr && invite.req_uri != nullptr &&
           uri_text(*request.req_uri) == uri_text(*invite.req_uri) && request.call_id != nullptr &&
           invite.call_id != nullptr && call_id_text(*request.call_id) == call_id_text(*invite.call_id) &&
           request.from != nullptr && invite.from != nullptr && tag_of(*request.from) == tag_of(*invite.from);
}

} // namespace

bool cancels(const osip_message_t &cancel, const osip_message_t &invite)
{
    return MSG_IS_CANCEL(&cancel) && same_transaction(cancel, invite);
}

bool repeats(const osip_message_t &again, const osip_message_t &invite)
{
    return MSG_IS_INVITE(&again) && same_transaction(again, invite);
}

} // namespace cordon::sip
