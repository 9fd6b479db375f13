// The values inside a PIDF document, checked one by one: text, URIs and the
// contact priority (a SIP qvalue, RFC 3863 section 4.1.5).
#pragma once

#include <string>
#include <string_view>

#include "cordon/host/result.hpp"

namespace cordon::presence {

// Decoded text without the XML whitespace around it, checked: within
// max_pidf_text_bytes, UTF-8, and no control character other than tab and
// line feed (the text reaches logs, terminals and user interfaces). field
// names the element or attribute in the error message.
Result<std::string> checked_text(std::string_view text, std::string_view field);

// "scheme:rest" with an RFC 3986 scheme and a rest of visible ASCII.
Result<void> check_uri(std::string_view uri, std::string_view field);

// The presentity URI of <presence entity="...">: sip:, sips: or pres:.
Result<void> check_presentity_uri(std::string_view uri);

// qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
Result<double> read_qvalue(std::string_view text);
std::string write_qvalue(double value);

} // namespace cordon::presence
