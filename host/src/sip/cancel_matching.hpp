// Which INVITE a CANCEL cancels (RFC 3261 section 9.2): the one whose server
// transaction the CANCEL matches by section 17.2.3, as if its method were
// INVITE. A CANCEL that only shares the Call-ID cancels nothing: it gets 481.
#pragma once

#include <osipparser2/osip_message.h>

namespace cordon::sip {

// True when cancel is for invite's transaction: with the RFC 3261 magic
// cookie, the same top Via branch and sent-by and the same CSeq number;
// from an RFC 2543 peer (no cookie), the same Request-URI, Call-ID, From
// tag, CSeq number and top Via.
bool cancels(const osip_message_t &cancel, const osip_message_t &invite);

} // namespace cordon::sip
