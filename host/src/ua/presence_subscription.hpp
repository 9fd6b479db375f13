// One watched contact (RFC 6665 subscriber, RFC 3856 presence package): the
// SUBSCRIBE and its refreshes, the NOTIFYs of its dialog, and what happens
// when it ends: subscribe again at once (deactivated, timeout), later
// (probation, giveup, network failures, with backoff or the Retry-After
// given), or never (rejected, noresource, invariant, a refusal).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "cordon/host/result.hpp"
#include "core/loop_clock.hpp"
#include "sip/authenticated_request.hpp"
#include "sip/dialog.hpp"
#include "ua/presence_context.hpp"
#include "ua/request_gate.hpp"

namespace cordon::presence {
struct SubscriptionState;
}

namespace cordon::ua {

class PresenceSubscription final : public std::enable_shared_from_this<PresenceSubscription> {
public:
    // report: every change of the contact's update; finished: the
    // subscription is over for good (after unsubscribe or a final refusal),
    // called from the loop, never from inside a call on this object.
    struct Handlers {
        std::function<void(const PresenceUpdate &)> report;
        std::function<void(const std::string &contact)> finished;
    };

    // Every SUBSCRIBE of every subscription passes through gate.
    static std::shared_ptr<PresenceSubscription> create(PresenceContext &context, RequestGate &gate,
                                                        std::string contact, Handlers handlers);
    ~PresenceSubscription();

    // A new subscription (new Call-ID), sent when the gate lets it.
    void start();
    // SUBSCRIBE with Expires: 0, then finished once the NOTIFY that ends it
    // (or a short wait) came.
    void stop();

    const std::string &contact() const { return latest_.contact; }
    const PresenceUpdate &latest() const { return latest_; }
    bool has_dialog() const { return dialog_.has_value(); }
    // Whether a NOTIFY with this Call-ID and To tag is of this subscription.
    bool owns(std::string_view call_id, std::string_view to_tag) const;
    // Answers it; true when it was accepted (200), false when refused.
    bool on_notify(sip::TransactionId id, const osip_message_t &notify);

private:
    PresenceSubscription(PresenceContext &context, RequestGate &gate, std::string contact, Handlers handlers);

    // Through the gate: a failure to send is retried with backoff.
    void send_subscribe(std::uint32_t expires);
    Result<void> send_now(std::uint32_t expires);
    void leave_gate();
    void on_subscribe_event(const sip::ClientEvent &event, std::uint32_t expires);
    void on_subscribed(const osip_message_t &response, std::uint32_t expires);
    void on_refused(const osip_message_t &response);
    void apply_state(const presence::SubscriptionState &state);
    void schedule_refresh(std::uint32_t expires);
    void retry_after(std::chrono::seconds delay, std::string reason);
    void end(std::string reason);
    void finish();
    void report();

    PresenceContext &context_;
    RequestGate &gate_;
    Handlers handlers_;
    PresenceUpdate latest_;
    // This subscription's SUBSCRIBE as last sent, and its dialog once a 2xx
    // or a NOTIFY made one (a new subscription after a termination starts
    // with a new Call-ID and no dialog).
    sip::RequestSpec subscribe_;
    std::optional<sip::Dialog> dialog_;
    bool subscribe_in_flight_ = false; // waiting at the gate, or sent and not answered
    bool holding_gate_ = false;
    bool stopping_ = false;
    bool finished_ = false;
    unsigned failures_ = 0;
    std::uint32_t expires_asked_;
    LoopTimer timer_; // refresh, retry, or the wait for the last NOTIFY
};

} // namespace cordon::ua
