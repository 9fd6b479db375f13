// libosip2 behind RAII: every structure it allocates is freed by its owner,
// and the library is initialised, and silenced, exactly once.
#pragma once

#include <memory>
#include <string_view>

#include <osipparser2/osip_message.h>
#include <osipparser2/osip_uri.h>

namespace cordon::sip {

struct OsipMessageFree {
    void operator()(osip_message_t *message) const { osip_message_free(message); }
};
struct OsipUriFree {
    void operator()(osip_uri_t *uri) const { osip_uri_free(uri); }
};
using OsipMessage = std::unique_ptr<osip_message_t, OsipMessageFree>;
using OsipUri = std::unique_ptr<osip_uri_t, OsipUriFree>;

// parser_init() once; libosip2's trace output (which goes to stdout by
// default) is discarded, since Cordon reports every rejection itself.
void prepare_osip();

// nullptr when libosip2 cannot parse the text (which may hold any bytes).
OsipMessage parse_osip_message(std::string_view text);
OsipUri parse_osip_uri(std::string_view text);

} // namespace cordon::sip
