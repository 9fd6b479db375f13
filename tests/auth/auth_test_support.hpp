// What the auth tests through the registry share: the built-in plugins loaded
// once with a logger that keeps every line, requests with one test password,
// the parameters of an answer read back, and the response recomputed apart
// from the plugin.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cordon/host/auth.hpp"
#include "cordon/host/plugins.hpp"
#include "tests/plugins/capturing_logger.hpp"

namespace cordon::test {

// Every test uses these credentials, so that the log test can look for them
// in every line any test made the plugins write.
inline const std::string test_username = "alice";
inline const std::string test_password = "Tr0ub4dor&3-never-logged";

// The built-in plugin directory, loaded once for the whole test program.
struct BuiltinAuth {
    CapturingLogger logger;
    std::unique_ptr<PluginRegistry> registry;
    const AuthPlugin *digest = nullptr;
    const AuthPlugin *basic = nullptr;
};
BuiltinAuth &builtin_auth();

AuthRequest register_request(bool secure = false);

std::unique_ptr<AuthSession> session_of(const AuthPlugin &plugin, const AuthParams &params = {});

// name → value of a Digest answer's parameters (quoted values unescaped);
// empty when the answer does not read as one.
std::map<std::string, std::string> answer_params(std::string_view header_value);

// The response a correct plugin computes for these answer parameters,
// computed here with OpenSSL from RFC 7616 section 3.4.1.
std::string expected_response(const std::map<std::string, std::string> &params, const AuthRequest &request);

} // namespace cordon::test
