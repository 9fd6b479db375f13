#include "plugin_loading/in_process_media_encryption.hpp"

#include <array>
#include <cstring>
#include <optional>
#include <utility>

#include "plugin_abi/codec_contract.hpp"
#include "plugin_abi/media_encryption_interface_validation.hpp"
#include "plugin_abi/media_encryption_reply_validation.hpp"

namespace cordon {

namespace {

// What every object of one call shares: the plugin's session, destroyed
// (keys erased) when the exchange and every protection from it are gone.
struct CallSession {
    CallSession(std::shared_ptr<LoadedPlugin> plugin_in, const cordon_media_encryption_interface *encryption_in,
                cordon_media_session *session_in, std::string plugin_id_in, uint32_t max_overhead_in)
        : plugin(std::move(plugin_in)), encryption(encryption_in), session(session_in),
          plugin_id(std::move(plugin_id_in)), max_overhead(max_overhead_in)
    {
    }
    ~CallSession() { encryption->destroy(session); }
    CallSession(const CallSession &) = delete;
    CallSession &operator=(const CallSession &) = delete;

    std::shared_ptr<LoadedPlugin> plugin; // keeps the library loaded
    const cordon_media_encryption_interface *encryption;
    cordon_media_session *session;
    std::string plugin_id;
    uint32_t max_overhead;
};

// Refuses values the ABI does not let the host pass, before the plugin runs.
std::optional<Error> refuse_values(const std::vector<std::string> &values)
{
    if (values.empty() || values.size() > CORDON_MEDIA_MAX_ATTRIBUTES) {
        return Error{ErrorCode::malformed_input, std::to_string(values.size()) + " crypto attributes; 1.." +
                                                     std::to_string(CORDON_MEDIA_MAX_ATTRIBUTES) + " are read"};
    }
    for (size_t i = 0; i < values.size(); ++i) {
        if (values[i].empty() || values[i].size() >= CORDON_MEDIA_ATTRIBUTE_BYTES ||
            values[i].find('\0') != std::string::npos) {
            return Error{ErrorCode::malformed_input,
                         "crypto attribute " + std::to_string(i + 1) + " is empty, longer than " +
                             std::to_string(CORDON_MEDIA_ATTRIBUTE_BYTES - 1) + " bytes or holds a NUL"};
        }
    }
    return std::nullopt;
}

cordon_media_negotiation empty_negotiation()
{
    cordon_media_negotiation negotiation{};
    negotiation.struct_size = sizeof negotiation;
    return negotiation;
}

// Attribute values hold keys: erased once copied out.
void erase(cordon_media_negotiation &negotiation) { explicit_bzero(&negotiation, sizeof negotiation); }

class InProcessMediaProtection final : public MediaProtection {
public:
    InProcessMediaProtection(std::shared_ptr<CallSession> call, std::string suite, uint32_t overhead)
        : call_(std::move(call)), suite_(std::move(suite)), overhead_(overhead)
    {
    }

    const std::string &suite() const override { return suite_; }
    size_t max_overhead() const override { return overhead_; }

    Result<size_t> protect_rtp(std::span<uint8_t> buffer, size_t length) override
    {
        return run(PacketCall::protect_rtp, call_->encryption->protect_rtp, buffer, length);
    }
    Result<size_t> unprotect_rtp(std::span<uint8_t> buffer, size_t length) override
    {
        return run(PacketCall::unprotect_rtp, call_->encryption->unprotect_rtp, buffer, length);
    }
    Result<size_t> protect_rtcp(std::span<uint8_t> buffer, size_t length) override
    {
        return run(PacketCall::protect_rtcp, call_->encryption->protect_rtcp, buffer, length);
    }
    Result<size_t> unprotect_rtcp(std::span<uint8_t> buffer, size_t length) override
    {
        return run(PacketCall::unprotect_rtcp, call_->encryption->unprotect_rtcp, buffer, length);
    }

private:
    using PacketFunction = cordon_media_status (*)(cordon_media_session *, uint8_t *, size_t, size_t, size_t *);

    Result<size_t> run(PacketCall call, PacketFunction function, std::span<uint8_t> buffer, size_t length)
    {
        if (length == 0 || length > buffer.size() || length > CORDON_MEDIA_MAX_PACKET_BYTES) {
            return Error{ErrorCode::invalid_argument, std::string(to_string(call)) + ": a packet of " +
                                                          std::to_string(length) + " bytes in a buffer of " +
                                                          std::to_string(buffer.size()) + " (packets are 1.." +
                                                          std::to_string(CORDON_MEDIA_MAX_PACKET_BYTES) + " bytes)"};
        }
        size_t out_length = 0;
        const int status =
            static_cast<int>(function(call_->session, buffer.data(), length, buffer.size(), &out_length));
        return check_packet_reply({call, status, length, buffer.size(), out_length, overhead_}, call_->plugin_id);
    }

    std::shared_ptr<CallSession> call_;
    std::string suite_;
    uint32_t overhead_;
};

class InProcessMediaKeyExchange final : public MediaKeyExchange {
public:
    InProcessMediaKeyExchange(std::shared_ptr<CallSession> call, const std::string &sdp_profile,
                              const std::string &sdp_attribute)
        : call_(std::move(call)), sdp_profile_(sdp_profile), sdp_attribute_(sdp_attribute)
    {
    }

    const std::string &sdp_profile() const override { return sdp_profile_; }
    const std::string &sdp_attribute() const override { return sdp_attribute_; }

    Result<std::vector<std::string>> offer() override
    {
        auto negotiation = empty_negotiation();
        const int status = static_cast<int>(call_->encryption->offer(call_->session, &negotiation));
        auto checked = check(NegotiationCall::offer, status, negotiation);
        if (!checked) {
            return checked.error();
        }
        return std::move(checked->attributes);
    }

    Result<std::shared_ptr<MediaProtection>> accept_answer(const std::vector<std::string> &answer) override
    {
        if (auto refusal = refuse_values(answer)) {
            return *refusal;
        }
        const auto values = to_abi(answer);
        auto negotiation = empty_negotiation();
        const int status = static_cast<int>(call_->encryption->accept_answer(
            call_->session, values.data(), static_cast<uint32_t>(values.size()), &negotiation));
        auto checked = check(NegotiationCall::accept_answer, status, negotiation);
        if (!checked) {
            return checked.error();
        }
        return protection(*checked);
    }

    Result<Answer> answer(const std::vector<std::string> &offer) override
    {
        if (auto refusal = refuse_values(offer)) {
            return *refusal;
        }
        const auto values = to_abi(offer);
        auto negotiation = empty_negotiation();
        const int status = static_cast<int>(call_->encryption->answer(
            call_->session, values.data(), static_cast<uint32_t>(values.size()), &negotiation));
        auto checked = check(NegotiationCall::answer, status, negotiation);
        if (!checked) {
            return checked.error();
        }
        auto protected_call = protection(*checked);
        return Answer{std::move(checked->attributes), std::move(protected_call)};
    }

private:
    static std::vector<cordon_media_attribute> to_abi(const std::vector<std::string> &values)
    {
        std::vector<cordon_media_attribute> result;
        result.reserve(values.size());
        for (const std::string &value : values) {
            result.push_back({value.data(), value.size()});
        }
        return result;
    }

    Result<Negotiated> check(NegotiationCall call, int status, cordon_media_negotiation &negotiation)
    {
        auto checked = check_negotiation({call, status, &negotiation, call_->max_overhead}, call_->plugin_id);
        erase(negotiation);
        return checked;
    }

    std::shared_ptr<MediaProtection> protection(const Negotiated &negotiated)
    {
        return std::make_shared<InProcessMediaProtection>(call_, negotiated.suite, negotiated.overhead);
    }

    std::shared_ptr<CallSession> call_;
    std::string sdp_profile_;
    std::string sdp_attribute_;
};

} // namespace

Result<std::unique_ptr<InProcessMediaEncryptionPlugin>>
InProcessMediaEncryptionPlugin::create(std::shared_ptr<LoadedPlugin> plugin)
{
    const auto *encryption = static_cast<const cordon_media_encryption_interface *>(
        plugin->get_interface(CORDON_MEDIA_ENCRYPTION_INTERFACE_ID));
    if (encryption == nullptr) {
        return Error{ErrorCode::contract_violation, std::string("an encryption plugin must provide interface \"") +
                                                        CORDON_MEDIA_ENCRYPTION_INTERFACE_ID + "\""};
    }
    auto fields = validate_media_encryption_interface(encryption);
    if (!fields) {
        return fields.error();
    }
    return std::unique_ptr<InProcessMediaEncryptionPlugin>(
        new InProcessMediaEncryptionPlugin(std::move(plugin), encryption, std::move(fields->sdp_profile),
                                           std::move(fields->sdp_attribute), fields->max_overhead));
}

InProcessMediaEncryptionPlugin::InProcessMediaEncryptionPlugin(std::shared_ptr<LoadedPlugin> plugin,
                                                               const cordon_media_encryption_interface *encryption,
                                                               std::string sdp_profile, std::string sdp_attribute,
                                                               uint32_t max_overhead)
    : plugin_(std::move(plugin)), encryption_(encryption), id_(plugin_->fields().id),
      sdp_profile_(std::move(sdp_profile)), sdp_attribute_(std::move(sdp_attribute)), max_overhead_(max_overhead)
{
}

Result<std::unique_ptr<MediaKeyExchange>> InProcessMediaEncryptionPlugin::start(SignallingSecurity security) const
{
    const cordon_media_session_config config{
        .struct_size = sizeof(cordon_media_session_config),
        .signalling_secure = security == SignallingSecurity::tls ? 1u : 0u,
    };
    cordon_media_session *session = nullptr;
    std::array<char, CORDON_MEDIA_TEXT_BYTES> error{};
    const int status = static_cast<int>(encryption_->create(&config, &session, error.data(), error.size()));
    if (status == CORDON_MEDIA_STATUS_OK && session == nullptr) {
        return Error{ErrorCode::contract_violation, id_ + " create returned ok without a session"};
    }
    if (status != CORDON_MEDIA_STATUS_OK && session != nullptr) {
        encryption_->destroy(session);
        return Error{ErrorCode::contract_violation, id_ + " create failed but returned a session"};
    }
    if (status != CORDON_MEDIA_STATUS_OK) {
        if (std::memchr(error.data(), '\0', error.size()) == nullptr) {
            return Error{ErrorCode::contract_violation, id_ + " create left its error text without a NUL within " +
                                                            std::to_string(error.size()) + " bytes"};
        }
        Error failure = media_error_from_status(status, id_ + " create");
        const std::string reason = sanitize_plugin_text(error.data());
        if (!reason.empty()) {
            failure.message += ": " + reason;
        }
        return failure;
    }
    auto call = std::make_shared<CallSession>(plugin_, encryption_, session, id_, max_overhead_);
    return std::unique_ptr<MediaKeyExchange>(
        new InProcessMediaKeyExchange(std::move(call), sdp_profile_, sdp_attribute_));
}

} // namespace cordon
