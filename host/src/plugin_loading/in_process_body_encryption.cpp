#include "plugin_loading/in_process_body_encryption.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

#include "plugin_abi/body_encryption_interface_validation.hpp"
#include "plugin_abi/body_encryption_reply_validation.hpp"

namespace cordon {

namespace {

// Room left after the body for encrypt's envelope (MIME header, recipient
// info, tag) before the plugin says how much it needs: enough for an RSA
// key of 8192 bits, so one call is the rule.
constexpr size_t envelope_room = 8192;
// A call is made with the host's estimate, then at most once more with the
// sizes the plugin asked for.
constexpr int max_buffer_attempts = 2;

// Bytes that held (or may hold) plaintext are erased before they are freed.
void erase(std::string &bytes) { explicit_bzero(bytes.data(), bytes.size()); }

// Calls function with an output of the host's buffers: first of the given
// body capacity, then, when the plugin asks, of the size it asked for.
template <class Function>
Result<Body> call_with_buffers(BodyCall call, size_t body_capacity, const std::string &plugin_id, Function &&function)
{
    size_t type_capacity = CORDON_BODY_CONTENT_TYPE_BYTES;
    for (int attempt = 0; attempt < max_buffer_attempts; ++attempt) {
        Body result{std::string(type_capacity, '\0'), std::string(body_capacity, '\0')};
        cordon_body_output out{};
        out.struct_size = sizeof out;
        out.content_type = result.content_type.data();
        out.content_type_capacity = result.content_type.size();
        out.body = reinterpret_cast<uint8_t *>(result.body.data());
        out.body_capacity = result.body.size();
        const int status = static_cast<int>(function(&out));
        auto checked = check_body_reply({call, status, &out}, plugin_id);
        if (!checked) {
            erase(result.body);
            return checked.error();
        }
        if (!checked->retry) {
            result.content_type.resize(checked->content_type_length);
            result.body.resize(checked->body_length);
            return result;
        }
        erase(result.body);
        type_capacity = std::max(type_capacity, checked->content_type_length);
        body_capacity = std::max(body_capacity, checked->body_length);
    }
    return Error{ErrorCode::contract_violation,
                 plugin_id + " " + to_string(call) + " asked for larger buffers again after getting them"};
}

cordon_body_entity to_abi(std::string_view content_type, std::string_view body)
{
    return {content_type.data(), content_type.size(), reinterpret_cast<const uint8_t *>(body.data()), body.size()};
}

class InProcessBodyIdentity final : public BodyIdentity {
public:
    InProcessBodyIdentity(std::shared_ptr<LoadedPlugin> plugin, const cordon_body_encryption_interface *encryption,
                          cordon_body_identity *identity, std::string plugin_id)
        : plugin_(std::move(plugin)), encryption_(encryption), identity_(identity), plugin_id_(std::move(plugin_id))
    {
    }
    ~InProcessBodyIdentity() override { encryption_->identity_destroy(identity_); }
    InProcessBodyIdentity(const InProcessBodyIdentity &) = delete;
    InProcessBodyIdentity &operator=(const InProcessBodyIdentity &) = delete;

    Result<Body> decrypt(std::string_view content_type, std::string_view body) const override
    {
        if (!is_body_content_type(content_type)) {
            return Error{ErrorCode::malformed_input,
                         "the encrypted body's Content-Type is not a printable type/subtype of at most " +
                             std::to_string(CORDON_BODY_CONTENT_TYPE_BYTES) + " characters"};
        }
        if (body.empty() || body.size() > CORDON_BODY_MAX_ENVELOPE_BYTES) {
            return Error{ErrorCode::malformed_input, "an encrypted body of " + std::to_string(body.size()) +
                                                         " bytes; 1.." +
                                                         std::to_string(CORDON_BODY_MAX_ENVELOPE_BYTES) + " are read"};
        }
        const cordon_body_entity outer = to_abi(content_type, body);
        // The inner body is always shorter than its envelope.
        const size_t capacity = std::min<size_t>(body.size(), CORDON_BODY_MAX_BYTES);
        return call_with_buffers(BodyCall::decrypt, capacity, plugin_id_,
                                 [&](cordon_body_output *out) { return encryption_->decrypt(identity_, &outer, out); });
    }

private:
    std::shared_ptr<LoadedPlugin> plugin_; // keeps the library loaded
    const cordon_body_encryption_interface *encryption_;
    cordon_body_identity *identity_;
    std::string plugin_id_;
};

} // namespace

Result<std::unique_ptr<InProcessBodyEncryptionPlugin>>
InProcessBodyEncryptionPlugin::create(std::shared_ptr<LoadedPlugin> plugin)
{
    const auto *encryption = static_cast<const cordon_body_encryption_interface *>(
        plugin->get_interface(CORDON_BODY_ENCRYPTION_INTERFACE_ID));
    if (auto valid = validate_body_encryption_interface(encryption); !valid) {
        return valid.error();
    }
    return std::unique_ptr<InProcessBodyEncryptionPlugin>(
        new InProcessBodyEncryptionPlugin(std::move(plugin), encryption));
}

InProcessBodyEncryptionPlugin::InProcessBodyEncryptionPlugin(std::shared_ptr<LoadedPlugin> plugin,
                                                             const cordon_body_encryption_interface *encryption)
    : plugin_(std::move(plugin)), encryption_(encryption), id_(plugin_->fields().id)
{
}

Result<EncryptedBody> InProcessBodyEncryptionPlugin::encrypt(std::string_view content_type, std::string_view body,
                                                             std::string_view recipient_certificate_pem) const
{
    if (!is_body_content_type(content_type)) {
        return Error{ErrorCode::invalid_argument, "the content type to encrypt is not a printable type/subtype of "
                                                  "at most " +
                                                      std::to_string(CORDON_BODY_CONTENT_TYPE_BYTES) + " characters"};
    }
    if (body.size() > CORDON_BODY_MAX_BYTES) {
        return Error{ErrorCode::invalid_argument, "a body of " + std::to_string(body.size()) + " bytes; at most " +
                                                      std::to_string(CORDON_BODY_MAX_BYTES) + " are encrypted"};
    }
    if (recipient_certificate_pem.empty() || recipient_certificate_pem.size() > CORDON_BODY_MAX_CERTIFICATE_BYTES) {
        return Error{ErrorCode::invalid_argument, "a recipient certificate of " +
                                                      std::to_string(recipient_certificate_pem.size()) + " bytes; 1.." +
                                                      std::to_string(CORDON_BODY_MAX_CERTIFICATE_BYTES) + " are read"};
    }
    const cordon_body_entity inner = to_abi(content_type, body);
    const auto *certificate = reinterpret_cast<const uint8_t *>(recipient_certificate_pem.data());
    const size_t capacity = std::min<size_t>(body.size() + envelope_room, CORDON_BODY_MAX_ENVELOPE_BYTES);
    auto outer = call_with_buffers(BodyCall::encrypt, capacity, id_, [&](cordon_body_output *out) {
        return encryption_->encrypt(&inner, certificate, recipient_certificate_pem.size(), out);
    });
    if (!outer) {
        return outer.error();
    }
    return EncryptedBody{std::move(outer->content_type), std::move(outer->body)};
}

Result<std::shared_ptr<const BodyIdentity>>
InProcessBodyEncryptionPlugin::create_identity(std::string_view certificate_pem, std::string_view private_key_pem) const
{
    if (certificate_pem.empty() || certificate_pem.size() > CORDON_BODY_MAX_CERTIFICATE_BYTES ||
        private_key_pem.empty() || private_key_pem.size() > CORDON_BODY_MAX_KEY_BYTES) {
        return Error{ErrorCode::invalid_argument,
                     "an identity needs a certificate of 1.." + std::to_string(CORDON_BODY_MAX_CERTIFICATE_BYTES) +
                         " bytes and a private key of 1.." + std::to_string(CORDON_BODY_MAX_KEY_BYTES) + " bytes"};
    }
    cordon_body_identity *identity = nullptr;
    std::array<char, CORDON_BODY_TEXT_BYTES> refusal{};
    const int status = static_cast<int>(
        encryption_->identity_create(reinterpret_cast<const uint8_t *>(certificate_pem.data()), certificate_pem.size(),
                                     reinterpret_cast<const uint8_t *>(private_key_pem.data()), private_key_pem.size(),
                                     &identity, refusal.data(), refusal.size()));
    if (status == CORDON_BODY_STATUS_OK && identity == nullptr) {
        return Error{ErrorCode::contract_violation, id_ + " identity_create returned ok without an identity"};
    }
    if (status != CORDON_BODY_STATUS_OK && identity != nullptr) {
        encryption_->identity_destroy(identity);
        return Error{ErrorCode::contract_violation, id_ + " identity_create failed but returned an identity"};
    }
    if (status != CORDON_BODY_STATUS_OK) {
        auto reason = check_refusal_text(refusal.data(), refusal.size(), id_, BodyCall::identity_create);
        if (!reason) {
            return reason.error();
        }
        Error failure = body_error_from_status(status, id_ + " identity_create");
        if (!reason->empty()) {
            failure.message += ": " + *reason;
        }
        return failure;
    }
    return std::shared_ptr<const BodyIdentity>(
        std::make_shared<InProcessBodyIdentity>(plugin_, encryption_, identity, id_));
}

} // namespace cordon
