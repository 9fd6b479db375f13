// What a media encryption plugin leaves behind after a call is tainted until
// checked here: the status, the attribute values it wrote for the SDP (which
// must end within their arrays and not break out of their a= line), the
// suite and overhead, and every packet length (within the capacity given,
// never below the header on unprotect). Only these functions turn a reply
// into something the host may use.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cordon/host/result.hpp"
#include "cordon/media_encryption.h"

namespace cordon {

// Maps a status the plugin returned (any value) to an Error naming context.
Error media_error_from_status(int status, const std::string &context);

enum class NegotiationCall { offer, answer, accept_answer };

struct TaintedNegotiation {
    NegotiationCall call = NegotiationCall::offer;
    int status = CORDON_MEDIA_STATUS_INTERNAL_ERROR; // any value: the plugin chose it
    const cordon_media_negotiation *reply = nullptr;
    uint32_t max_overhead = 0; // the interface's
};

struct Negotiated {
    std::vector<std::string> attributes;
    std::string suite;     // empty after offer
    uint32_t overhead = 0; // 0 after offer
};

// The negotiation's result, or the plugin's failure (its status as an
// ErrorCode, with its refusal), or contract_violation naming plugin_id.
Result<Negotiated> check_negotiation(const TaintedNegotiation &negotiation, const std::string &plugin_id);

enum class PacketCall { protect_rtp, unprotect_rtp, protect_rtcp, unprotect_rtcp };

const char *to_string(PacketCall call);

struct TaintedPacketReply {
    PacketCall call = PacketCall::protect_rtp;
    int status = CORDON_MEDIA_STATUS_INTERNAL_ERROR;
    size_t length = 0;   // what the host passed
    size_t capacity = 0; // what the host passed
    size_t out_length = 0;
    uint32_t overhead = 0; // the negotiated one
};

// The packet's new length, or the failure as above.
Result<size_t> check_packet_reply(const TaintedPacketReply &reply, const std::string &plugin_id);

} // namespace cordon
