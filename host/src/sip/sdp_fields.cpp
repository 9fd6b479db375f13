#include "sip/sdp_fields.hpp"

#include <arpa/inet.h>

#include <algorithm>

#include "core/ascii_text.hpp"
#include "sip/wire_text.hpp"

namespace cordon::sip {
namespace {

bool is_numeric_address(const std::string &address, int family)
{
    unsigned char parsed[16];
    return inet_pton(family, address.c_str(), parsed) == 1;
}

} // namespace

bool is_numeric_ipv4(const std::string &address) { return is_numeric_address(address, AF_INET); }

bool is_numeric_ipv6(const std::string &address) { return is_numeric_address(address, AF_INET6); }

std::vector<std::string_view> split_fields(std::string_view value)
{
    std::vector<std::string_view> fields;
    std::size_t start = 0;
    for (;;) {
        const std::size_t space = value.find(' ', start);
        fields.push_back(value.substr(start, space - start));
        if (space == std::string_view::npos) {
            return fields;
        }
        start = space + 1;
    }
}

std::optional<std::uint64_t> parse_decimal(std::string_view text, std::uint64_t max)
{
    if (text.empty()) {
        return std::nullopt;
    }
    std::uint64_t value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        const auto digit = static_cast<std::uint64_t>(c - '0');
        if (digit > max || value > (max - digit) / 10) {
            return std::nullopt;
        }
        value = value * 10 + digit;
    }
    return value;
}

Result<std::string> parse_network_address(std::string_view value, std::string_view what)
{
    const auto fields = split_fields(value);
    if (fields.size() != 3 || fields[0] != "IN") {
        return Error{ErrorCode::malformed_input,
                     std::string(what) + " '" + printable(value) + "' is not 'IN IP4|IP6 <address>'"};
    }
    const std::string address(fields[2]);
    const bool ipv4 = fields[1] == "IP4";
    if (!ipv4 && fields[1] != "IP6") {
        return Error{ErrorCode::malformed_input,
                     std::string(what) + " address type '" + printable(fields[1]) + "' is neither IP4 nor IP6"};
    }
    if (!(ipv4 ? is_numeric_ipv4(address) : is_numeric_ipv6(address))) {
        return Error{ErrorCode::malformed_input, std::string(what) + " '" + printable(address) + "' is not a numeric " +
                                                     (ipv4 ? "IPv4" : "IPv6") +
                                                     " address (Cordon never resolves a name from a peer)"};
    }
    return address;
}

std::optional<SdpAttribute> split_attribute(std::string_view text)
{
    const std::size_t colon = text.find(':');
    SdpAttribute attribute{text.substr(0, colon), std::nullopt};
    if (colon != std::string_view::npos) {
        attribute.value = text.substr(colon + 1);
    }
    if (!is_rfc4566_token(attribute.name)) {
        return std::nullopt;
    }
    return attribute;
}

} // namespace cordon::sip
