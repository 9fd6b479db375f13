// Turns a profile into where its signalling goes: the address of record and
// registrar checked as SIP URIs, the next hop's numeric address, the local
// interface (never a wildcard), and the name a TLS server must prove.
#pragma once

#include <string>

#include "cordon/host/result.hpp"
#include "cordon/host/transport.hpp"
#include "cordon/host/user_agent.hpp"

namespace cordon::ua {

struct NextHop {
    std::string address_of_record;
    std::string registrar_uri;
    std::string username;
    Endpoint remote;
    std::string local_address;
    std::string server_name;
};

// Names are resolved here, before the agent runs (A/AAAA only: no NAPTR or
// SRV lookup, RFC 3263, yet).
Result<NextHop> resolve_next_hop(const Profile &profile, const TransportPlugin &transport);

} // namespace cordon::ua
