#include "presence/pidf_fields.hpp"

#include <algorithm>
#include <cmath>

#include "core/ascii_text.hpp"
#include "core/utf8_check.hpp"
#include "presence/pidf_limits.hpp"
#include "sip/wire_text.hpp"

namespace cordon::presence {
namespace {

constexpr std::string_view xml_whitespace = " \t\r\n";
// A qvalue has at most three decimals: it counts thousandths.
constexpr int qvalue_scale = 1000;
constexpr std::size_t max_qvalue_decimals = 3;

Error field_error(std::string_view field, const std::string &what)
{
    return Error{ErrorCode::malformed_input, "PIDF " + std::string(field) + ": " + what};
}

} // namespace

Result<std::string> checked_text(std::string_view text, std::string_view field)
{
    const std::size_t first = text.find_first_not_of(xml_whitespace);
    if (first == std::string_view::npos) {
        return std::string();
    }
    text = text.substr(first, text.find_last_not_of(xml_whitespace) - first + 1);
    if (text.size() > max_pidf_text_bytes) {
        return field_error(field, std::to_string(text.size()) + " bytes of text, more than the limit of " +
                                      std::to_string(max_pidf_text_bytes));
    }
    if (const auto bad = first_invalid_utf8(text)) {
        return field_error(field, "not UTF-8 at byte " + std::to_string(*bad) + " of its text");
    }
    for (const char c : text) {
        if (ascii_is_control(c) && c != '\t' && c != '\n') {
            return field_error(field, "a control character (" + std::to_string(static_cast<unsigned char>(c)) +
                                          ") in its text");
        }
    }
    return std::string(text);
}

Result<void> check_uri(std::string_view uri, std::string_view field)
{
    const std::size_t colon = uri.find(':');
    if (colon == std::string_view::npos || colon == 0 || !ascii_is_alpha(uri.front())) {
        return field_error(field, "'" + sip::printable(uri) + "' is not a URI (scheme:...)");
    }
    if (!is_rfc3986_scheme(uri.substr(0, colon))) {
        return field_error(field, "'" + sip::printable(uri) + "' has an invalid URI scheme");
    }
    const std::string_view rest = uri.substr(colon + 1);
    if (rest.empty()) {
        return field_error(field, "'" + sip::printable(uri) + "' is a URI scheme with nothing after it");
    }
    for (const char c : rest) {
        // RFC 3986 characters: visible ASCII except those it never allows unescaped.
        if (!ascii_is_visible(c) || std::string_view("\"<>\\^`{|}").find(c) != std::string_view::npos) {
            return field_error(field, "'" + sip::printable(uri) + "' holds a character URIs do not allow");
        }
    }
    return {};
}

Result<void> check_presentity_uri(std::string_view uri)
{
    if (auto valid = check_uri(uri, "entity"); !valid) {
        return valid;
    }
    const std::string scheme = ascii_lowercase(uri.substr(0, uri.find(':')));
    if (scheme != "sip" && scheme != "sips" && scheme != "pres") {
        return field_error("entity", "'" + sip::printable(uri) + "' is not a sip:, sips: or pres: URI");
    }
    return {};
}

Result<double> read_qvalue(std::string_view text)
{
    const auto refuse = [&] {
        return field_error("contact priority",
                           "'" + sip::printable(text) + "' is not a number from 0 to 1 with at most three decimals");
    };
    if (text.empty() || (text.front() != '0' && text.front() != '1')) {
        return refuse();
    }
    int thousandths = (text.front() - '0') * qvalue_scale;
    if (text.size() > 1) {
        const std::string_view decimals = text.substr(2);
        if (text[1] != '.' || decimals.size() > max_qvalue_decimals) {
            return refuse();
        }
        int place = qvalue_scale / 10;
        for (const char c : decimals) {
            if (!ascii_is_digit(c)) {
                return refuse();
            }
            thousandths += (c - '0') * place;
            place /= 10;
        }
    }
    if (thousandths > qvalue_scale) {
        return refuse();
    }
    return static_cast<double>(thousandths) / qvalue_scale;
}

std::string write_qvalue(double value)
{
    const double bounded = std::isnan(value) ? 0.0 : std::clamp(value, 0.0, 1.0);
    const long thousandths = std::lround(bounded * qvalue_scale);
    const std::string decimals = std::to_string(qvalue_scale + thousandths % qvalue_scale).substr(1);
    return std::to_string(thousandths / qvalue_scale) + "." + decimals;
}

} // namespace cordon::presence
