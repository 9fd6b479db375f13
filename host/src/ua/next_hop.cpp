#include "ua/next_hop.hpp"

#include <charconv>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>

#include "core/ascii_text.hpp"
#include "sip/osip_handles.hpp"

namespace cordon::ua {

namespace {

namespace ip = boost::asio::ip;

struct HostPort {
    std::string host;
    std::optional<uint16_t> port;
};

Result<HostPort> split_host_port(const std::string &text)
{
    HostPort result;
    std::string port_text;
    if (!text.empty() && text.front() == '[') {
        const auto close = text.find(']');
        if (close == std::string::npos) {
            return Error{ErrorCode::config, "\"" + text + "\" opens an IPv6 literal without closing it"};
        }
        result.host = text.substr(1, close - 1);
        if (close + 1 < text.size()) {
            if (text[close + 1] != ':') {
                return Error{ErrorCode::config, "\"" + text + "\" is not host:port"};
            }
            port_text = text.substr(close + 2);
        }
    } else if (const auto colon = text.rfind(':'); colon != std::string::npos) {
        result.host = text.substr(0, colon);
        port_text = text.substr(colon + 1);
    } else {
        result.host = text;
    }
    if (!port_text.empty()) {
        unsigned value = 0;
        const auto parsed = std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
        if (parsed.ec != std::errc() || parsed.ptr != port_text.data() + port_text.size() || value == 0 ||
            value > 65535) {
            return Error{ErrorCode::config, "\"" + text + "\" has no valid port (1-65535)"};
        }
        result.port = static_cast<uint16_t>(value);
    }
    if (result.host.empty()) {
        return Error{ErrorCode::config, "\"" + text + "\" names no host"};
    }
    return result;
}

struct SipUri {
    std::string scheme;
    std::string user;
    HostPort host;
};

Result<SipUri> parse_sip_uri(const std::string &text, const char *what)
{
    sip::OsipUri uri = sip::parse_osip_uri(text);
    if (!uri || uri->scheme == nullptr || uri->host == nullptr) {
        return Error{ErrorCode::config, std::string(what) + " \"" + text + "\" is not a SIP URI"};
    }
    SipUri result;
    result.scheme = ascii_lowercase(uri->scheme);
    if (result.scheme != "sip" && result.scheme != "sips") {
        return Error{ErrorCode::config, std::string(what) + " \"" + text + "\" must be a sip: or sips: URI"};
    }
    result.user = uri->username != nullptr ? uri->username : "";
    std::string where = uri->host;
    if (where.find(':') != std::string::npos) {
        where = "[" + where + "]";
    }
    if (uri->port != nullptr) {
        where += std::string(":") + uri->port;
    }
    auto host = split_host_port(where);
    if (!host) {
        return host.error();
    }
    result.host = std::move(host.value());
    return result;
}

Result<ip::address> resolve(const std::string &host, uint16_t port)
{
    boost::system::error_code error;
    const auto literal = ip::make_address(host, error);
    if (!error) {
        return literal;
    }
    boost::asio::io_context context;
    ip::udp::resolver resolver(context);
    const auto results = resolver.resolve(host, std::to_string(port), error);
    if (error || results.empty()) {
        return Error{ErrorCode::not_found,
                     "cannot resolve \"" + host + "\": " + (error ? error.message() : std::string("no address"))};
    }
    return results.begin()->endpoint().address();
}

// The address the system would send from to reach remote: connecting a
// datagram socket picks the route without sending anything.
Result<std::string> routed_local_address(const ip::address &remote, uint16_t port)
{
    boost::asio::io_context context;
    ip::udp::socket socket(context);
    boost::system::error_code error;
    socket.open(remote.is_v6() ? ip::udp::v6() : ip::udp::v4(), error);
    if (!error) {
        socket.connect(ip::udp::endpoint(remote, port), error);
    }
    if (error) {
        return Error{ErrorCode::unavailable, "no route to " + remote.to_string() + ": " + error.message()};
    }
    return socket.local_endpoint().address().to_string();
}

} // namespace

Result<NextHop> resolve_next_hop(const Profile &profile, const TransportPlugin &transport)
{
    auto identity = parse_sip_uri(profile.identity, "the identity");
    if (!identity) {
        return identity.error();
    }
    if (identity->user.empty() && profile.username.empty()) {
        return Error{ErrorCode::config, "the identity \"" + profile.identity + "\" has no user part"};
    }
    if (identity->scheme == "sips" && !transport.secure()) {
        return Error{ErrorCode::config, "a sips: identity must use the tls transport, not " + profile.transport};
    }
    NextHop hop;
    hop.address_of_record = profile.identity;
    hop.username = profile.username.empty() ? identity->user : profile.username;
    hop.registrar_uri = profile.registrar.empty() ? identity->scheme + ":" + identity->host.host : profile.registrar;
    auto registrar = parse_sip_uri(hop.registrar_uri, "the registrar");
    if (!registrar) {
        return registrar.error();
    }
    HostPort target = registrar->host;
    if (!profile.outbound_proxy.empty()) {
        auto proxy = split_host_port(profile.outbound_proxy);
        if (!proxy) {
            return proxy.error();
        }
        target = std::move(proxy.value());
    }
    const uint16_t port = target.port.value_or(transport.secure() ? 5061 : 5060);
    auto address = resolve(target.host, port);
    if (!address) {
        return address.error();
    }
    hop.remote = Endpoint{address->to_string(), port};
    hop.server_name = profile.tls_server_name.empty() ? registrar->host.host : profile.tls_server_name;
    if (!profile.local_address.empty()) {
        boost::system::error_code error;
        const auto local = ip::make_address(profile.local_address, error);
        if (error || local.is_unspecified()) {
            return Error{ErrorCode::config, "local_address \"" + profile.local_address +
                                                "\" must be one numeric address of this host, not a wildcard"};
        }
        hop.local_address = local.to_string();
    } else {
        auto local = routed_local_address(*address, port);
        if (!local) {
            return local.error();
        }
        hop.local_address = std::move(local.value());
    }
    return hop;
}

} // namespace cordon::ua
