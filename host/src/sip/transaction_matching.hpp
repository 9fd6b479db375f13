// Which server transaction a request belongs to by RFC 3261 section 17.2.3,
// for the requests a user agent must tell apart from new ones: a CANCEL
// (section 9.2) and an INVITE sent again after the transaction that
// answered it ended (section 13.3.1.4). Sharing the Call-ID, or even the
// From tag and CSeq (a merged request, section 8.2.2.2), is not enough.
#pragma once

#include <osipparser2/osip_message.h>

namespace cordon::sip {

// True when cancel is for invite's transaction: with the RFC 3261 magic
// cookie, the same top Via branch and sent-by and the same CSeq number;
// from an RFC 2543 peer (no cookie), the same Request-URI, Call-ID, From
// tag, CSeq number and top Via.
bool cancels(const osip_message_t &cancel, const osip_message_t &invite);

// True when again is invite itself once more (a retransmission): an INVITE
// matching invite's transaction by the rules cancels() applies.
bool repeats(const osip_message_t &again, const osip_message_t &invite);

} // namespace cordon::sip
