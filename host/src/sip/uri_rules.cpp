#include "sip/uri_rules.hpp"

#include <arpa/inet.h>

#include <string>

#include "core/ascii_text.hpp"
#include "sip/osip_handles.hpp"
#include "sip/wire_text.hpp"

namespace cordon::sip {
namespace {

constexpr unsigned long max_port = 65535;

Error malformed(std::string message) { return Error{ErrorCode::malformed_input, std::move(message)}; }

bool is_hostname_or_ipv4(std::string_view host)
{
    for (const char c : host) {
        if (!ascii_is_alpha(c) && !ascii_is_digit(c) && c != '-' && c != '.') {
            return false;
        }
    }
    return !host.empty();
}

} // namespace

bool is_sip_scheme(std::string_view scheme)
{
    return equal_ignoring_ascii_case(scheme, "sip") || equal_ignoring_ascii_case(scheme, "sips");
}

Result<void> check_uri_host(const osip_uri_t &uri)
{
    const std::string_view host = uri.host != nullptr ? uri.host : "";
    // libosip2 drops the brackets of an IPv6 reference, so a colon in the host
    // means an IPv6 address, which inet_pton checks for us.
    if (host.find(':') != std::string_view::npos) {
        in6_addr address{};
        if (inet_pton(AF_INET6, std::string(host).c_str(), &address) != 1) {
            return malformed("host '" + printable(host) + "' is not a valid IPv6 reference in [brackets]");
        }
    } else if (!is_hostname_or_ipv4(host)) {
        return malformed("host '" + printable(host, 60) + "' is not a host name or address");
    }
    if (uri.port != nullptr) {
        const std::string_view port = uri.port;
        unsigned long value = 0;
        for (const char c : port) {
            if (!ascii_is_digit(c) || (value = value * 10 + static_cast<unsigned long>(c - '0')) > max_port) {
                return malformed("port '" + printable(port, 20) + "' is not a number up to 65535");
            }
        }
        if (port.empty()) {
            return malformed("a URI has an empty port");
        }
    }
    return {};
}

Result<void> check_request_uri(std::string_view uri)
{
    const auto colon = uri.find(':');
    if (colon == std::string_view::npos || !is_rfc3986_scheme(uri.substr(0, colon))) {
        return malformed("Request-URI '" + printable(uri, 60) + "' does not start with a URI scheme");
    }
    for (const char c : uri) {
        if (!ascii_is_visible(c) || c == '<' || c == '>' || c == '"') {
            return malformed("Request-URI contains a character a URI may not hold");
        }
    }
    if (!is_sip_scheme(uri.substr(0, colon))) {
        return {};
    }
    const OsipUri parsed = parse_osip_uri(uri);
    if (!parsed) {
        return malformed("Request-URI '" + printable(uri, 60) + "' is not a valid SIP URI");
    }
    if (!osip_list_eol(&parsed->url_headers, 0)) {
        return malformed("the Request-URI carries headers ('?'), which RFC 3261 forbids");
    }
    return check_uri_host(*parsed);
}

} // namespace cordon::sip
