// The host's view of an authentication plugin: sessions that answer the
// challenges of one scheme. The password passes through here and nowhere
// else; nothing in this file logs it.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "cordon/host/result.hpp"

namespace cordon {

struct Settings;

struct AuthRequest {
    std::string method;
    std::string request_uri;
    std::span<const uint8_t> body;
    bool next_hop_secure = false;
    bool from_proxy = false; // a 407
    std::string username;
    std::string password;
};

struct AuthAnswer {
    std::string header_value; // Authorization / Proxy-Authorization, without the name
    size_t chosen = 0;        // index into the challenges passed
    bool stale = false;
    std::string realm;
    std::string algorithm;
};

class AuthSession {
public:
    virtual ~AuthSession() = default;
    // challenges: header values of this plugin's scheme from one response.
    // ErrorCode::unsupported with the plugin's refusal when none may be
    // answered (Basic without TLS, MD5 refused); malformed_input when none parses.
    virtual Result<AuthAnswer> answer(const AuthRequest &request, const std::vector<std::string> &challenges) = 0;
};

using AuthParams = std::vector<std::pair<std::string, std::string>>;

class AuthPlugin {
public:
    virtual ~AuthPlugin() = default;
    virtual const std::string &id() const = 0;
    virtual const std::string &scheme() const = 0; // "Digest", "Basic"
    virtual uint32_t preference() const = 0;       // higher is tried first
    virtual Result<std::unique_ptr<AuthSession>> create(const AuthParams &params) const = 0;
};

// The parameters a session of this plugin is created with: refuse_md5 for a
// Digest plugin, none otherwise.
AuthParams auth_params_for(const AuthPlugin &plugin, bool refuse_md5);
// The same under these settings (auth.refuse_md5).
AuthParams auth_params_from_settings(const Settings &settings, const AuthPlugin &plugin);

} // namespace cordon
