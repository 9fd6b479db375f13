#include "plugin_loading/in_process_auth.hpp"

#include <cstring>
#include <optional>
#include <string_view>
#include <vector>

#include "plugin_abi/auth_interface_validation.hpp"
#include "plugin_abi/auth_reply_validation.hpp"
#include "plugin_abi/codec_contract.hpp"
#include "plugin_loading/plugin_host_services.hpp"

namespace cordon {

namespace {

// A string with a NUL inside would reach the plugin cut short: a password
// silently shortened, or a URI that is not the one sent.
bool has_nul(std::string_view text) { return text.find('\0') != std::string_view::npos; }

// Refuses what the ABI does not let the host pass, before the plugin runs.
std::optional<Error> refuse_request(const AuthRequest &request, const std::vector<std::string> &challenges)
{
    if (challenges.empty()) {
        return Error{ErrorCode::invalid_argument, "no challenges to answer"};
    }
    if (challenges.size() > CORDON_AUTH_MAX_CHALLENGES) {
        return Error{ErrorCode::malformed_input, "the response carries " + std::to_string(challenges.size()) +
                                                     " challenges of one scheme; at most " +
                                                     std::to_string(CORDON_AUTH_MAX_CHALLENGES) + " are answered"};
    }
    for (size_t i = 0; i < challenges.size(); ++i) {
        if (challenges[i].empty() || challenges[i].size() > CORDON_AUTH_MAX_CHALLENGE_BYTES) {
            return Error{ErrorCode::malformed_input,
                         "challenge " + std::to_string(i) + " is " + std::to_string(challenges[i].size()) +
                             " bytes; a challenge has 1.." + std::to_string(CORDON_AUTH_MAX_CHALLENGE_BYTES)};
        }
    }
    const std::pair<std::string_view, const char *> texts[] = {{request.method, "method"},
                                                               {request.request_uri, "request URI"},
                                                               {request.username, "username"},
                                                               {request.password, "password"}};
    for (const auto &[text, name] : texts) {
        if (has_nul(text)) {
            return Error{ErrorCode::invalid_argument, std::string("the ") + name + " contains a NUL byte"};
        }
    }
    return std::nullopt;
}

class InProcessAuthSession final : public AuthSession {
public:
    InProcessAuthSession(std::shared_ptr<LoadedPlugin> plugin, const cordon_auth_interface *auth,
                         cordon_auth_session *session)
        : plugin_(std::move(plugin)), auth_(auth), session_(session)
    {
    }

    ~InProcessAuthSession() override { auth_->destroy(session_); }
    InProcessAuthSession(const InProcessAuthSession &) = delete;
    InProcessAuthSession &operator=(const InProcessAuthSession &) = delete;

    Result<AuthAnswer> answer(const AuthRequest &request, const std::vector<std::string> &challenges) override
    {
        if (auto refusal = refuse_request(request, challenges)) {
            return *refusal;
        }
        std::vector<cordon_auth_challenge> raw_challenges;
        for (const std::string &challenge : challenges) {
            raw_challenges.push_back({challenge.data(), challenge.size()});
        }
        const cordon_auth_request raw_request{
            .struct_size = sizeof(cordon_auth_request),
            .method = request.method.c_str(),
            .request_uri = request.request_uri.c_str(),
            .body = request.body.empty() ? nullptr : request.body.data(),
            .body_length = request.body.size(),
            .next_hop_secure = request.next_hop_secure ? 1u : 0u,
            .from_proxy = request.from_proxy ? 1u : 0u,
            .username = request.username.c_str(),
            .password = request.password.c_str(),
        };
        std::vector<char> buffer(CORDON_AUTH_MAX_ANSWER_BYTES);
        cordon_auth_outcome outcome{};
        outcome.struct_size = sizeof(outcome);
        size_t length = 0;
        const int status = static_cast<int>(auth_->answer(session_, &raw_request, raw_challenges.data(),
                                                          static_cast<uint32_t>(raw_challenges.size()), buffer.data(),
                                                          buffer.size(), &length, &outcome));
        auto answer = check_auth_reply({status, buffer, length, &outcome, static_cast<uint32_t>(challenges.size())},
                                       plugin_->fields().id);
        // Basic's answer is the password in base64: no copy outlives the call
        // but the one returned.
        explicit_bzero(buffer.data(), buffer.size());
        return answer;
    }

private:
    std::shared_ptr<LoadedPlugin> plugin_; // keeps the library loaded while the session lives
    const cordon_auth_interface *auth_;
    cordon_auth_session *session_;
};

} // namespace

Result<std::unique_ptr<InProcessAuthPlugin>> InProcessAuthPlugin::create(std::shared_ptr<LoadedPlugin> plugin)
{
    const auto *auth = static_cast<const cordon_auth_interface *>(plugin->get_interface(CORDON_AUTH_INTERFACE_ID));
    if (auth == nullptr) {
        return Error{ErrorCode::contract_violation,
                     std::string("an auth plugin must provide interface \"") + CORDON_AUTH_INTERFACE_ID + "\""};
    }
    auto fields = validate_auth_interface(auth);
    if (!fields) {
        return fields.error();
    }
    return std::unique_ptr<InProcessAuthPlugin>(
        new InProcessAuthPlugin(std::move(plugin), auth, std::move(fields->scheme), fields->preference));
}

InProcessAuthPlugin::InProcessAuthPlugin(std::shared_ptr<LoadedPlugin> plugin, const cordon_auth_interface *auth,
                                         std::string scheme, uint32_t preference)
    : plugin_(std::move(plugin)), auth_(auth), id_(plugin_->fields().id), scheme_(std::move(scheme)),
      preference_(preference)
{
}

Result<std::unique_ptr<AuthSession>> InProcessAuthPlugin::create(const AuthParams &params) const
{
    std::vector<cordon_auth_param> raw_params;
    for (const auto &[name, value] : params) {
        if (has_nul(name) || has_nul(value)) {
            return Error{ErrorCode::invalid_argument, id_ + " create: a parameter contains a NUL byte"};
        }
        raw_params.push_back({name.c_str(), value.c_str()});
    }
    const cordon_auth_config config{
        .struct_size = sizeof(cordon_auth_config),
        .params = raw_params.empty() ? nullptr : raw_params.data(),
        .param_count = static_cast<uint32_t>(raw_params.size()),
    };
    cordon_auth_session *session = nullptr;
    char error[CORDON_AUTH_TEXT_BYTES] = {};
    const int status = static_cast<int>(auth_->create(&config, &session, error, sizeof error));
    if (status == CORDON_STATUS_OK && session == nullptr) {
        return Error{ErrorCode::contract_violation, id_ + " create returned ok without a session"};
    }
    if (status != CORDON_STATUS_OK && session != nullptr) {
        auth_->destroy(session);
        return Error{ErrorCode::contract_violation, id_ + " create failed but returned a session"};
    }
    if (status != CORDON_STATUS_OK) {
        if (std::memchr(error, '\0', sizeof error) == nullptr) {
            return Error{ErrorCode::contract_violation, id_ + " create left its error text without a NUL within " +
                                                            std::to_string(sizeof error) + " bytes"};
        }
        Error failure = error_from_status(status, id_ + " create");
        const std::string reason = sanitize_plugin_text(error);
        if (!reason.empty()) {
            failure.message += ": " + reason;
        }
        return failure;
    }
    return std::unique_ptr<AuthSession>(new InProcessAuthSession(plugin_, auth_, session));
}

} // namespace cordon
