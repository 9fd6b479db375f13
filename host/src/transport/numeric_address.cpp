#include "transport/numeric_address.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cstring>

namespace cordon {

namespace {

// inet_pton needs a terminated string; anything longer than the longest
// numeric IPv6 text is not numeric anyway.
constexpr size_t max_numeric_address_bytes = INET6_ADDRSTRLEN;

bool parse(std::string_view text, in_addr &v4, in6_addr &v6, int &family)
{
    if (text.empty() || text.size() >= max_numeric_address_bytes || text.find('\0') != std::string_view::npos) {
        return false;
    }
    const std::string terminated(text);
    if (inet_pton(AF_INET, terminated.c_str(), &v4) == 1) {
        family = AF_INET;
        return true;
    }
    if (inet_pton(AF_INET6, terminated.c_str(), &v6) == 1) {
        family = AF_INET6;
        return true;
    }
    return false;
}

} // namespace

bool is_numeric_address(std::string_view text)
{
    in_addr v4{};
    in6_addr v6{};
    int family = 0;
    return parse(text, v4, v6, family);
}

bool is_wildcard_address(std::string_view text)
{
    in_addr v4{};
    in6_addr v6{};
    int family = 0;
    if (!parse(text, v4, v6, family)) {
        return false;
    }
    return family == AF_INET ? v4.s_addr == htonl(INADDR_ANY) : std::memcmp(&v6, &in6addr_any, sizeof v6) == 0;
}

std::optional<std::string> refuse_local_address(std::string_view text)
{
    if (!is_numeric_address(text)) {
        return "local address \"" + std::string(text.substr(0, max_numeric_address_bytes)) +
               "\" is not a numeric IPv4 or IPv6 address";
    }
    if (is_wildcard_address(text)) {
        return "local address " + std::string(text) + " is a wildcard (every interface); name the one interface to use";
    }
    return std::nullopt;
}

} // namespace cordon
