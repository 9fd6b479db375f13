// This user's own presence published to the presence server (RFC 3903):
// the first PUBLISH with the document, then refreshes with SIP-If-Match
// and no body before it expires, a modification with SIP-If-Match and the
// new document, and the removal with Expires: 0. One PUBLISH at a time
// (section 4): a status given while one is out waits, and a newer one
// replaces it.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "cordon/host/user_agent.hpp"
#include "core/loop_clock.hpp"
#include "sip/authenticated_request.hpp"
#include "ua/presence_context.hpp"

namespace cordon::ua {

class PresencePublication final : public std::enable_shared_from_this<PresencePublication> {
public:
    using Done = std::function<void(const RequestOutcome &)>;

    static std::shared_ptr<PresencePublication> create(PresenceContext &context);

    // done: the outcome of the PUBLISH that carried this status, or status
    // 0 when a newer status replaced it before it was sent.
    Result<void> publish(const PresenceStatus &status, Done done);
    // Removes the published state (Expires: 0); done may be empty.
    Result<void> withdraw(Done done);

private:
    explicit PresencePublication(PresenceContext &context);

    struct Pending {
        std::optional<PresenceStatus> status; // none: withdraw
        Done done;
        bool refresh = false; // SIP-If-Match without a body
    };
    Result<void> send(Pending pending);
    void on_event(const sip::ClientEvent &event, Pending pending);
    void schedule_refresh(std::uint32_t expires);
    void send_next();

    PresenceContext &context_;
    const std::string tuple_id_;
    std::optional<std::string> etag_;         // the entity-tag of what the server holds
    std::optional<PresenceStatus> published_; // what that is
    std::uint32_t expires_asked_;
    bool in_flight_ = false;
    std::optional<Pending> waiting_; // the newest request given while one was out
    LoopTimer refresh_timer_;
};

} // namespace cordon::ua
