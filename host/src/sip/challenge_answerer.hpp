// Answers a 401 or 407 (RFC 3261 section 22) for the request to be repeated:
// the auth plugin of the most preferred scheme offered answers, each plugin
// with one session for these credentials (so nonce counts carry on).
//
// No retry storm: a request is answered once per challenge; a second
// challenge after an answer means the credentials were refused, unless it
// says stale=true (a fresh nonce for right credentials), which is answered
// once more.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cordon/host/auth.hpp"
#include "cordon/host/log.hpp"
#include "sip/validated_message.hpp"

namespace cordon::sip {

struct Credentials {
    std::string username;
    std::string password;
};

// Where one request's authentication stands; starts empty for each new request.
struct AuthAttempt {
    int answers = 0;
    bool stale_retry_used = false;
};

struct AuthorizationHeader {
    std::string name; // "Authorization" or "Proxy-Authorization"
    std::string value;
};

class ChallengeAnswerer {
public:
    // params_for: what each plugin's session is created with.
    using ParamsFor = std::function<AuthParams(const AuthPlugin &)>;
    ChallengeAnswerer(std::vector<const AuthPlugin *> plugins, Credentials credentials, ParamsFor params_for,
                      Logger &logger);

    // response_fields: the 401/407's header fields as received. request: what
    // is repeated (method, URI, body, whether the next hop is TLS); its
    // credentials are filled in here.
    Result<AuthorizationHeader> answer(int status_code, const std::vector<HeaderField> &response_fields,
                                       AuthRequest request, AuthAttempt &attempt);

private:
    Result<AuthSession *> session_for(const AuthPlugin &plugin);

    std::vector<const AuthPlugin *> plugins_; // most preferred first
    Credentials credentials_;
    ParamsFor params_for_;
    Logger &logger_;
    std::map<const AuthPlugin *, std::unique_ptr<AuthSession>> sessions_;
};

} // namespace cordon::sip
