// One registration binding (RFC 3261 section 10): REGISTER, answer the
// challenge, refresh before expiry, remove with Expires: 0. Failures the
// network may cure (a timeout, a lost connection, 5xx) are retried with
// backoff; a refusal of the credentials or of the request is final.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "cordon/host/registration.hpp"
#include "core/loop_clock.hpp"
#include "sip/challenge_answerer.hpp"
#include "sip/signalling_context.hpp"

namespace cordon::sip {

struct RegistrationTarget {
    std::string address_of_record; // "sip:alice@example.com"
    std::string display_name;
    std::string registrar_uri; // "sip:example.com"
    std::uint32_t expires_s = 600;
};

class Registration {
public:
    Registration(SignallingContext &context, ChallengeAnswerer &answerer, RegistrationTarget target, Logger &logger,
                 std::function<void(const RegistrationStatus &)> on_change);
    ~Registration();

    void start();
    void stop(); // unregisters when registered; otherwise just stops
    const RegistrationStatus &status() const { return status_; }
    // The flow to the registrar was lost: the binding points at a dead
    // connection, so register again at once.
    void flow_lost();

private:
    void send_register(std::uint32_t expires);
    void on_event(const ClientEvent &event, std::uint32_t expires);
    // auth_error: why a 401/407 was not answered again (send_authenticated).
    void on_final(const osip_message_t &response, const std::string &auth_error, std::uint32_t expires);
    void fail(int status_code, std::string reason, bool retry);
    void schedule(std::chrono::seconds delay);
    std::uint32_t granted_expires(const osip_message_t &response, std::uint32_t asked) const;
    void set(RegistrationStatus status);

    SignallingContext &context_;
    ChallengeAnswerer &answerer_;
    RegistrationTarget target_;
    Logger &logger_;
    std::function<void(const RegistrationStatus &)> on_change_;
    std::string call_id_;
    std::string from_tag_;
    std::uint32_t cseq_ = 0;
    bool wanted_ = false; // start() called and stop() not
    bool in_flight_ = false;
    std::chrono::seconds backoff_{0};
    LoopTimer timer_;
    RegistrationStatus status_;
};

} // namespace cordon::sip
