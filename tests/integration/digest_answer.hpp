// The test's own digest computation (RFC 2617 / RFC 7616, OpenSSL EVP), to
// answer the server's challenges independently of Cordon's code.
#pragma once

#include "tests/integration/kamailio_fixture.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace cordon::test {

// Lower-case hex of MD5 or SHA-256 over `text`.
std::string hex_digest(DigestAlgorithm algorithm, std::string_view text);

// The value of an Authorization / Proxy-Authorization header answering the
// `challenge` (a WWW-Authenticate / Proxy-Authenticate value) for `method`
// and `uri`; nothing when the challenge is not a digest one with a nonce.
std::optional<std::string> answer_digest(std::string_view challenge, const SipUser &user, std::string_view method,
                                         std::string_view uri);

} // namespace cordon::test
