#include "sip/registration.hpp"

#include <algorithm>

#include <osipparser2/osip_parser.h>

#include "sip/authenticated_request.hpp"
#include "sip/request_builder.hpp"

namespace cordon::sip {

namespace {

constexpr std::string_view host_source = "sip";
constexpr std::chrono::seconds first_backoff{1};
constexpr std::chrono::seconds longest_backoff{60};

// Refresh early enough that one lost round trip (Timer F, 32 s) still fits.
std::chrono::seconds refresh_delay(std::uint32_t expires)
{
    return std::chrono::seconds(expires > 64 ? expires - 40 : expires / 2);
}

std::optional<std::uint32_t> parse_seconds(const char *text)
{
    if (text == nullptr || *text == '\0') {
        return std::nullopt;
    }
    std::uint64_t value = 0;
    for (const char *c = text; *c != '\0'; ++c) {
        if (*c < '0' || *c > '9' || value > 0xFFFFFFFFu) {
            return std::nullopt;
        }
        value = value * 10 + static_cast<std::uint64_t>(*c - '0');
    }
    return value > 0xFFFFFFFFu ? std::nullopt : std::optional<std::uint32_t>(static_cast<std::uint32_t>(value));
}

} // namespace

Registration::Registration(SignallingContext &context, ChallengeAnswerer &answerer, RegistrationTarget target,
                           Logger &logger, std::function<void(const RegistrationStatus &)> on_change)
    : context_(context), answerer_(answerer), target_(std::move(target)), logger_(logger),
      on_change_(std::move(on_change)), call_id_(random_token()), from_tag_(random_token()), timer_(context.loop())
{
}

Registration::~Registration() { timer_.cancel(); }

void Registration::start()
{
    wanted_ = true;
    backoff_ = std::chrono::seconds(0);
    if (!in_flight_) {
        send_register(target_.expires_s);
    }
}

void Registration::stop()
{
    wanted_ = false;
    timer_.cancel();
    if (status_.state == RegistrationState::registered || status_.state == RegistrationState::registering) {
        send_register(0);
        return;
    }
    set(RegistrationStatus{});
}

void Registration::flow_lost()
{
    if (wanted_ && status_.state == RegistrationState::registered && !in_flight_) {
        logger_.write(LogLevel::info, host_source, "registering " + target_.address_of_record + " again on a new flow");
        send_register(target_.expires_s);
    }
}

void Registration::send_register(std::uint32_t expires)
{
    if (status_.state != RegistrationState::registered || expires == 0) {
        RegistrationStatus registering = status_;
        registering.state = RegistrationState::registering;
        registering.will_retry = false;
        set(registering);
    }
    if (auto opened = context_.ensure_flow(); !opened) {
        fail(0, "cannot reach the registrar: " + opened.error().message, true);
        return;
    }
    RequestSpec spec;
    spec.method = "REGISTER";
    spec.request_uri = target_.registrar_uri;
    const std::string name = target_.display_name.empty() ? "" : "\"" + target_.display_name + "\" ";
    spec.from = name + "<" + target_.address_of_record + ">";
    spec.from_tag = from_tag_;
    spec.to = spec.from;
    spec.call_id = call_id_;
    spec.cseq = ++cseq_;
    spec.via_transport = context_.via_transport();
    spec.via_sent_by = context_.sent_by();
    spec.via_branch = new_branch();
    spec.contact = context_.contact_uri() + ";expires=" + std::to_string(expires);
    spec.expires = expires;
    AuthenticatedEvents events;
    events.on_event = [this, expires](const ClientEvent &event) { on_event(event, expires); };
    events.next_cseq = [this] { return ++cseq_; };
    auto sent = send_authenticated(context_, answerer_, std::move(spec), std::move(events));
    if (!sent) {
        fail(0, sent.error().message, sent.error().code != ErrorCode::invalid_argument);
        return;
    }
    in_flight_ = true;
}

void Registration::on_event(const ClientEvent &event, std::uint32_t expires)
{
    if (event.kind != ClientEvent::Kind::response) {
        in_flight_ = false;
        fail(0, event.kind == ClientEvent::Kind::timeout ? "the registrar did not answer" : event.error,
             !event.permanent);
        return;
    }
    if (event.response->status_code < 200) {
        return;
    }
    in_flight_ = false;
    on_final(*event.response, event.error, expires);
}

void Registration::on_final(const osip_message_t &response, const std::string &auth_error, std::uint32_t expires)
{
    const int code = response.status_code;
    const std::string phrase = response.reason_phrase != nullptr ? response.reason_phrase : "";
    if (!auth_error.empty()) {
        fail(code, auth_error, false); // the challenge was not answered, or the answer refused
        return;
    }
    if (code >= 300) {
        // 5xx and 408 may pass; any other refusal stands until the user acts.
        const bool transient = code >= 500 || code == 408;
        fail(code, std::to_string(code) + " " + phrase, transient && expires != 0);
        return;
    }
    backoff_ = std::chrono::seconds(0);
    if (expires == 0) {
        RegistrationStatus done;
        done.status_code = code;
        done.reason = phrase;
        set(done);
        return;
    }
    const std::uint32_t granted = granted_expires(response, expires);
    if (granted == 0) {
        fail(code, "the registrar granted no time (expires=0 in the 2xx)", true);
        return;
    }
    RegistrationStatus registered;
    registered.state = RegistrationState::registered;
    registered.status_code = code;
    registered.reason = phrase;
    registered.expires_s = granted;
    set(registered);
    if (wanted_) {
        schedule(refresh_delay(granted));
    }
}

std::uint32_t Registration::granted_expires(const osip_message_t &response, std::uint32_t asked) const
{
    // Our binding is the Contact whose host and port are ours; a registrar
    // lists the user's other devices too.
    const std::string ours = context_.sent_by();
    for (int i = 0; i < osip_list_size(&response.contacts); ++i) {
        auto *contact = static_cast<osip_contact_t *>(osip_list_get(&response.contacts, i));
        if (contact == nullptr || contact->url == nullptr || contact->url->host == nullptr) {
            continue;
        }
        const std::string where =
            std::string(contact->url->host) + ":" + (contact->url->port != nullptr ? contact->url->port : "");
        osip_generic_param_t *param = nullptr;
        osip_generic_param_get_byname(&contact->gen_params, const_cast<char *>("expires"), &param);
        if (where == ours && param != nullptr) {
            if (auto seconds = parse_seconds(param->gvalue)) {
                return *seconds;
            }
        }
    }
    osip_header_t *header = nullptr;
    if (osip_message_header_get_byname(&response, "expires", 0, &header) >= 0 && header != nullptr) {
        if (auto seconds = parse_seconds(header->hvalue)) {
            return *seconds;
        }
    }
    return asked;
}

void Registration::fail(int status_code, std::string reason, bool retry)
{
    RegistrationStatus failed;
    failed.state = RegistrationState::failed;
    failed.status_code = status_code;
    failed.reason = std::move(reason);
    failed.will_retry = retry && wanted_;
    logger_.write(LogLevel::warning, host_source,
                  "registration of " + target_.address_of_record + " failed: " + failed.reason +
                      (failed.will_retry ? "" : " (not retried)"));
    set(failed);
    if (failed.will_retry) {
        backoff_ = std::clamp(backoff_ * 2, first_backoff, longest_backoff);
        schedule(backoff_);
    }
}

void Registration::schedule(std::chrono::seconds delay)
{
    timer_.expires_after(delay);
    timer_.async_wait([this](const boost::system::error_code &error) {
        if (error || !wanted_ || in_flight_) {
            return;
        }
        send_register(target_.expires_s);
    });
}

void Registration::set(RegistrationStatus status)
{
    status_ = std::move(status);
    if (on_change_) {
        on_change_(status_);
    }
}

} // namespace cordon::sip
