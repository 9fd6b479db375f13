#include "sip/challenge_answerer.hpp"

#include <algorithm>

#include "core/ascii_text.hpp"

namespace cordon::sip {

namespace {

constexpr std::string_view host_source = "sip";

std::string_view scheme_of(std::string_view challenge) { return challenge.substr(0, challenge.find_first_of(" \t")); }

} // namespace

ChallengeAnswerer::ChallengeAnswerer(std::vector<const AuthPlugin *> plugins, Credentials credentials,
                                     ParamsFor params_for, Logger &logger)
    : plugins_(std::move(plugins)), credentials_(std::move(credentials)), params_for_(std::move(params_for)),
      logger_(logger)
{
}

Result<AuthSession *> ChallengeAnswerer::session_for(const AuthPlugin &plugin)
{
    auto &session = sessions_[&plugin];
    if (!session) {
        auto created = plugin.create(params_for_ ? params_for_(plugin) : AuthParams{});
        if (!created) {
            return created.error();
        }
        session = std::move(created.value());
    }
    return session.get();
}

Result<AuthorizationHeader> ChallengeAnswerer::answer(int status_code, const std::vector<HeaderField> &response_fields,
                                                      AuthRequest request, AuthAttempt &attempt)
{
    const bool from_proxy = status_code == 407;
    const auto challenges = header_values(response_fields, from_proxy ? "Proxy-Authenticate" : "WWW-Authenticate");
    if (challenges.empty()) {
        return Error{ErrorCode::malformed_input, std::to_string(status_code) + " without a " +
                                                     (from_proxy ? "Proxy-Authenticate" : "WWW-Authenticate") +
                                                     " challenge"};
    }
    request.from_proxy = from_proxy;
    request.username = credentials_.username;
    request.password = credentials_.password;

    std::string refusals;
    for (const AuthPlugin *plugin : plugins_) {
        std::vector<std::string> own;
        for (const std::string_view challenge : challenges) {
            if (equal_ignoring_ascii_case(scheme_of(challenge), plugin->scheme())) {
                own.emplace_back(challenge);
            }
        }
        if (own.empty()) {
            continue;
        }
        auto session = session_for(*plugin);
        if (!session) {
            return session.error();
        }
        auto answered = (*session)->answer(request, own);
        if (!answered) {
            refusals += (refusals.empty() ? "" : "; ") + plugin->scheme() + ": " + answered.error().message;
            continue;
        }
        if (attempt.answers > 0 && (!answered->stale || attempt.stale_retry_used)) {
            return Error{ErrorCode::unsupported, "the credentials of \"" + credentials_.username +
                                                     "\" were refused by " +
                                                     (answered->realm.empty() ? "the server" : answered->realm) + " (" +
                                                     std::to_string(status_code) + " again after answering)"};
        }
        if (attempt.answers > 0) {
            attempt.stale_retry_used = true;
            logger_.write(LogLevel::info, host_source, "nonce for " + answered->realm + " was stale; answering again");
        }
        ++attempt.answers;
        return AuthorizationHeader{from_proxy ? "Proxy-Authorization" : "Authorization",
                                   std::move(answered->header_value)};
    }
    if (refusals.empty()) {
        std::string offered;
        for (const std::string_view challenge : challenges) {
            offered += (offered.empty() ? "" : ", ") + std::string(scheme_of(challenge));
        }
        return Error{ErrorCode::unsupported, "no auth plugin answers the scheme offered (" + offered + ")"};
    }
    return Error{ErrorCode::unsupported, "challenge not answered: " + refusals};
}

} // namespace cordon::sip
