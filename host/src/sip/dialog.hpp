// A dialog (RFC 3261 section 12): the state two user agents share once an
// INVITE succeeds, and the requests sent inside it (ACK, BYE, re-INVITE).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cordon/host/result.hpp"
#include "sip/osip_handles.hpp"
#include "sip/request_builder.hpp"

namespace cordon::sip {

struct Dialog {
    std::string call_id;
    std::string local_tag;
    std::string remote_tag;
    std::string local_uri;              // name-addr of this side (From of our requests)
    std::string remote_uri;             // name-addr of the peer (To of our requests)
    std::string remote_target;          // the peer's Contact URI: Request-URI of our requests
    std::vector<std::string> route_set; // Route headers, in the order to send them
    std::uint32_t local_cseq = 0;
    std::optional<std::uint32_t> remote_cseq;

    // Whether a received request belongs here (Call-ID and both tags).
    bool matches(const osip_message_t &request) const;
};

// The dialog a 2xx to our INVITE creates (route set: the Record-Route
// entries reversed, section 12.1.2).
Result<Dialog> dialog_as_caller(const osip_message_t &invite, const osip_message_t &response);

// The dialog our 2xx to a received INVITE creates (route set: Record-Route
// in order, section 12.1.1); local_tag is the To tag we answer with.
Result<Dialog> dialog_as_callee(const osip_message_t &invite, const std::string &local_tag);

// A request inside the dialog. ACK takes the INVITE's CSeq number
// (cseq_override); every other method takes the next local one.
RequestSpec in_dialog_request(Dialog &dialog, const std::string &method, const std::string &via_transport,
                              const std::string &sent_by, std::optional<std::uint32_t> cseq_override = {});

// Text of libosip2 structures, for building requests from received ones.
std::string uri_text(const osip_uri_t &uri);
std::string name_addr_text(const osip_from_t &address); // without the tag
std::optional<std::string> tag_of(const osip_from_t &address);
std::string call_id_text(const osip_call_id_t &call_id); // "number@host", or "number"

} // namespace cordon::sip
