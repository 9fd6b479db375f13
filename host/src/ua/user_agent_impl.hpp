// The user agent behind cordon/host/user_agent.hpp: one account's flow,
// transactions, registration, calls, messages and presence, wired together,
// and what arrives routed to its owner. Its parts: user_agent.cpp (wiring,
// what it gives calls and registration as their SignallingContext, its
// figures), request_routing.cpp (requests and stray responses to their
// owner), instant_messages.cpp (MESSAGE and OPTIONS out, MESSAGE in).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "body_protection/body_protection.hpp"
#include "cordon/host/plugins.hpp"
#include "cordon/host/user_agent.hpp"
#include "sip/challenge_answerer.hpp"
#include "sip/inbound_listener.hpp"
#include "sip/registration.hpp"
#include "sip/request_builder.hpp"
#include "sip/signalling_context.hpp"
#include "sip/signalling_flow.hpp"
#include "ua/call.hpp"
#include "ua/next_hop.hpp"
#include "ua/presence_service.hpp"

namespace cordon::ua {

class UserAgentImpl final : public UserAgent, private sip::SignallingContext {
public:
    static constexpr std::string_view log_source = "sip";

    UserAgentImpl(boost::asio::io_context &loop, const TransportPlugin &transport, ua::NextHop hop,
                  const Profile &profile, std::vector<const AuthPlugin *> auth_plugins, const UserAgentOptions &options,
                  std::vector<sip::MediaCodec> codecs, const PluginRegistry &plugins, BodyProtection body_protection,
                  Logger &logger);

    // Opens the opt-in listening port (UserAgentOptions::listen_port).
    Result<void> listen(const TransportPlugin &transport, const Profile &profile, const UserAgentOptions &options);

    void on_registration(RegistrationHandler handler) override { handler_ = std::move(handler); }
    void register_account() override { registration_.start(); }
    void unregister() override { registration_.stop(); }
    RegistrationStatus registration() const override { return registration_.status(); }
    std::optional<FlowInfo> signalling_flow() const override { return flow_.info(); }
    const std::string &local_address() const override { return hop_.local_address; }

    Result<std::shared_ptr<Call>> call(const std::string &target, const CallAudio &audio) override;

    void on_incoming_call(std::function<void(std::shared_ptr<Call>)> handler) override
    {
        incoming_call_handler_ = std::move(handler);
    }

    Result<void> send_message(const std::string &target, const std::string &content_type, const std::string &body,
                              std::function<void(const RequestOutcome &)> done) override;

    void on_message(std::function<void(const IncomingMessage &)> handler) override
    {
        message_handler_ = std::move(handler);
    }

    Result<void> send_options(const std::string &target, std::function<void(const RequestOutcome &)> done) override;

    Result<void> subscribe_presence(const std::string &contact) override { return presence_.subscribe(contact); }
    Result<void> unsubscribe_presence(const std::string &contact) override { return presence_.unsubscribe(contact); }
    std::vector<PresenceUpdate> take_presence_updates(std::size_t max) override { return presence_.take(max); }
    void on_presence_ready(std::function<void()> handler) override { presence_.on_ready(std::move(handler)); }
    std::optional<PresenceUpdate> presence_of(const std::string &contact) const override
    {
        return presence_.presence_of(contact);
    }
    Result<void> publish_presence(const PresenceStatus &status,
                                  std::function<void(const RequestOutcome &)> done) override
    {
        return presence_.publish(status, std::move(done));
    }
    Result<void> withdraw_presence(std::function<void(const RequestOutcome &)> done) override
    {
        return presence_.withdraw(std::move(done));
    }
    void on_watcher(std::function<WatcherDecision(const std::string &watcher)> decide) override
    {
        presence_.set_authoriser(std::move(decide));
    }
    PresenceCounters presence_counters() const override { return presence_.counters(); }

    UserAgentCounters counters() const override;

    AliveCounts alive() const override;

private:
    // SignallingContext
    boost::asio::io_context &loop() override { return loop_; }
    Result<void> ensure_flow() override { return flow_.open(); }
    std::string via_transport() const override { return flow_.protocol(); }
    sip::NextHopSecurity next_hop_security() const override { return flow_.security(); }

    Result<void> send_outside_transaction(const osip_message_t &message) override;

    std::string sent_by() const override;

    // With a listening port, requests are invited there; otherwise over the flow.
    std::string contact_uri() const override;

    Result<void> send_on(const sip::FlowRoute &route, std::string_view bytes);

    Result<sip::TransactionId> send_request(sip::OsipMessage request,
                                            sip::TransactionLayer::ResponseHandler on_event) override;

    ua::CallContext call_context();

    sip::RequestSpec out_of_dialog_request(const std::string &method, const std::string &target);

    Result<void> send_for_outcome(sip::RequestSpec spec, std::function<void(const RequestOutcome &)> done);

    void respond(sip::TransactionId id, const osip_message_t &request, int code);

    std::shared_ptr<ua::CallImpl> find_call(const osip_message_t &message);

    // Routes a request: to its call (in-dialog requests, CANCEL, ACK), or to
    // the handlers of new calls and messages; answers what nothing takes.
    void on_request(sip::TransactionId id, const osip_message_t &request);

    // An S/MIME body is decrypted, or the MESSAGE is answered 493
    // Undecipherable (RFC 3261 section 23.2) and not delivered: never
    // ciphertext or a tampered body handed on as if it were the message.
    void on_incoming_message(sip::TransactionId id, const osip_message_t &request);

    void on_incoming_invite(sip::TransactionId id, const osip_message_t &request);

    void on_stray_response(const osip_message_t &response);

    void on_flow_lost(FlowId flow, const std::string &reason, bool permanent);

    boost::asio::io_context &loop_;
    ua::NextHop hop_;
    Logger &logger_;
    std::vector<sip::MediaCodec> codecs_;
    const PluginRegistry &plugins_;
    const MediaEncryptionPlugin *encryption_;
    MediaEncryption media_encryption_;
    std::string identity_;
    std::size_t max_calls_;
    ua::CallTimeouts call_timeouts_;
    const std::string tag_ = sip::random_token();
    RegistrationHandler handler_;
    std::function<void(std::shared_ptr<Call>)> incoming_call_handler_;
    std::function<void(const IncomingMessage &)> message_handler_;
    std::map<std::string, std::shared_ptr<ua::CallImpl>> calls_;
    AliveCount call_objects_;
    AliveCount media_streams_;
    std::uint64_t calls_refused_ = 0;
    BodyProtection body_protection_;
    std::uint64_t messages_undecipherable_ = 0;
    sip::TransactionLayer layer_;
    sip::SignallingFlow flow_;
    sip::ChallengeAnswerer answerer_;
    sip::Registration registration_;
    ua::PresenceService presence_;
    std::unique_ptr<sip::InboundListener> listener_; // declared last: destroyed first
};

} // namespace cordon::ua
