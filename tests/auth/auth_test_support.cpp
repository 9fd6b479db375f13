#include "tests/auth/auth_test_support.hpp"

#include <openssl/evp.h>

#include <gtest/gtest.h>

namespace cordon::test {

BuiltinAuth &builtin_auth()
{
    static BuiltinAuth *loaded = [] {
        auto *auth = new BuiltinAuth();
        const std::filesystem::path directory = CORDON_BUILTIN_PLUGIN_DIR;
        auth->registry = PluginRegistry::load({{directory}, {directory}, {}, {}}, auth->logger);
        for (const AuthPlugin *plugin : auth->registry->auth_plugins()) {
            if (plugin->id() == "org.cordon.auth.digest") {
                auth->digest = plugin;
            } else if (plugin->id() == "org.cordon.auth.basic") {
                auth->basic = plugin;
            }
        }
        return auth;
    }();
    return *loaded;
}

AuthRequest register_request(bool secure)
{
    AuthRequest request;
    request.method = "REGISTER";
    request.request_uri = "sip:sip.example.com";
    request.next_hop_secure = secure;
    request.username = test_username;
    request.password = test_password;
    return request;
}

std::unique_ptr<AuthSession> session_of(const AuthPlugin &plugin, const AuthParams &params)
{
    auto session = plugin.create(params);
    EXPECT_TRUE(session.ok()) << session.error().message;
    return session.ok() ? std::move(session).value() : nullptr;
}

std::map<std::string, std::string> answer_params(std::string_view value)
{
    std::map<std::string, std::string> params;
    if (!value.starts_with("Digest ")) {
        return {};
    }
    size_t at = 7;
    while (at < value.size()) {
        const size_t equals = value.find('=', at);
        if (equals == std::string_view::npos) {
            return {};
        }
        const std::string name(value.substr(at, equals - at));
        std::string parsed;
        at = equals + 1;
        if (at < value.size() && value[at] == '"') {
            for (++at; at < value.size() && value[at] != '"'; ++at) {
                if (value[at] == '\\' && ++at == value.size()) {
                    return {};
                }
                parsed += value[at];
            }
            ++at; // the closing quote
        } else {
            const size_t end = std::min(value.find(',', at), value.size());
            parsed = value.substr(at, end - at);
            at = end;
        }
        if (!params.emplace(name, parsed).second) {
            return {};
        }
        if (at < value.size() && value.substr(at, 2) != ", ") {
            return {};
        }
        at += 2;
    }
    return params;
}

namespace {

std::string hex_hash(const std::string &algorithm, std::string_view text)
{
    const std::string base = algorithm.ends_with("-sess") ? algorithm.substr(0, algorithm.size() - 5) : algorithm;
    const char *name = base == "MD5" ? "MD5" : base == "SHA-256" ? "SHA256" : "SHA512-256";
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EXPECT_EQ(EVP_Digest(text.data(), text.size(), digest, &length, EVP_get_digestbyname(name), nullptr), 1);
    std::string hex;
    for (unsigned int i = 0; i < length; ++i) {
        static const char digits[] = "0123456789abcdef";
        hex += digits[digest[i] >> 4];
        hex += digits[digest[i] & 0xF];
    }
    return hex;
}

} // namespace

std::string expected_response(const std::map<std::string, std::string> &p, const AuthRequest &request)
{
    const std::string &algorithm = p.at("algorithm");
    std::string ha1 = hex_hash(algorithm, p.at("username") + ":" + p.at("realm") + ":" + request.password);
    if (algorithm.ends_with("-sess")) {
        ha1 = hex_hash(algorithm, ha1 + ":" + p.at("nonce") + ":" + p.at("cnonce"));
    }
    std::string a2 = request.method + ":" + p.at("uri");
    if (p.contains("qop") && p.at("qop") == "auth-int") {
        const std::string body(request.body.begin(), request.body.end());
        a2 += ":" + hex_hash(algorithm, body);
    }
    const std::string ha2 = hex_hash(algorithm, a2);
    if (!p.contains("qop")) {
        return hex_hash(algorithm, ha1 + ":" + p.at("nonce") + ":" + ha2);
    }
    return hex_hash(algorithm, ha1 + ":" + p.at("nonce") + ":" + p.at("nc") + ":" + p.at("cnonce") + ":" + p.at("qop") +
                                   ":" + ha2);
}

} // namespace cordon::test
