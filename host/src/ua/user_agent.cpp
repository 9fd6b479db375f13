#include "cordon/host/user_agent.hpp"

#include <algorithm>
#include <map>

#include <boost/asio/io_context.hpp>
#include <osipparser2/osip_parser.h>

#include "body_protection.hpp"
#include "body_protection_settings.hpp"
#include "call.hpp"
#include "cordon/host/plugins.hpp"
#include "core/ascii_text.hpp"
#include "message_parts.hpp"
#include "next_hop.hpp"
#include "offered_codecs.hpp"
#include "presence_service.hpp"
#include "sip/authenticated_request.hpp"
#include "sip/challenge_answerer.hpp"
#include "sip/inbound_listener.hpp"
#include "sip/registration.hpp"
#include "sip/request_builder.hpp"
#include "sip/response_builder.hpp"
#include "sip/signalling_context.hpp"
#include "sip/signalling_flow.hpp"

namespace cordon {

const char *to_string(RegistrationState state)
{
    switch (state) {
    case RegistrationState::unregistered:
        return "unregistered";
    case RegistrationState::registering:
        return "registering";
    case RegistrationState::registered:
        return "registered";
    case RegistrationState::failed:
        return "failed";
    }
    return "unknown";
}

const char *to_string(CallState state)
{
    switch (state) {
    case CallState::calling:
        return "calling";
    case CallState::ringing:
        return "ringing";
    case CallState::incoming:
        return "incoming";
    case CallState::established:
        return "established";
    case CallState::ended:
        return "ended";
    }
    return "unknown";
}

const char *to_string(MediaEncryption mode)
{
    switch (mode) {
    case MediaEncryption::required:
        return "required";
    case MediaEncryption::optional:
        return "optional";
    case MediaEncryption::off:
        return "off";
    }
    return "unknown";
}

const char *to_string(PresenceBasic basic)
{
    switch (basic) {
    case PresenceBasic::unknown:
        return "unknown";
    case PresenceBasic::open:
        return "open";
    case PresenceBasic::closed:
        return "closed";
    }
    return "unknown";
}

const char *to_string(SubscriptionState state)
{
    switch (state) {
    case SubscriptionState::pending:
        return "pending";
    case SubscriptionState::active:
        return "active";
    case SubscriptionState::terminated:
        return "terminated";
    }
    return "unknown";
}

const char *to_string(CallEvent::Kind kind)
{
    switch (kind) {
    case CallEvent::Kind::trying:
        return "trying";
    case CallEvent::Kind::ringing:
        return "ringing";
    case CallEvent::Kind::answered:
        return "answered";
    case CallEvent::Kind::held:
        return "held";
    case CallEvent::Kind::resumed:
        return "resumed";
    case CallEvent::Kind::ended:
        return "ended";
    }
    return "unknown";
}

namespace {

using ua::body_of;
using ua::content_type_of;
using ua::content_type_value;
using ua::outcome_of;

constexpr std::string_view host_source = "sip";
constexpr const char *allowed_methods = "INVITE, ACK, CANCEL, BYE, OPTIONS, MESSAGE, SUBSCRIBE, NOTIFY";

bool has_to_tag(const osip_message_t &request) { return request.to != nullptr && sip::tag_of(*request.to).has_value(); }

TransportParams tls_params(const TlsTrust &trust)
{
    TransportParams params;
    if (!trust.ca_file.empty()) {
        params.emplace_back("tls.ca_file", trust.ca_file);
    }
    params.emplace_back("tls.verify", trust.verify ? "true" : "false");
    params.emplace_back("tls.min_version", trust.min_version);
    if (!trust.certificate_file.empty()) {
        params.emplace_back("tls.certificate_file", trust.certificate_file);
        params.emplace_back("tls.private_key_file", trust.private_key_file);
    }
    return params;
}

class UserAgentImpl final : public UserAgent, private sip::SignallingContext {
public:
    UserAgentImpl(boost::asio::io_context &loop, const TransportPlugin &transport, ua::NextHop hop,
                  const Profile &profile, std::vector<const AuthPlugin *> auth_plugins, const UserAgentOptions &options,
                  std::vector<sip::MediaCodec> codecs, const PluginRegistry &plugins, BodyProtection body_protection,
                  Logger &logger)
        : loop_(loop), hop_(std::move(hop)), logger_(logger), codecs_(std::move(codecs)), plugins_(plugins),
          encryption_(plugins.media_encryption_plugins().empty() ? nullptr
                                                                 : plugins.media_encryption_plugins().front()),
          media_encryption_(options.media_encryption),
          identity_((profile.display_name.empty() ? "" : "\"" + profile.display_name + "\" ") + "<" +
                    hop_.address_of_record + ">"),
          max_calls_(options.max_calls), call_timeouts_{options.ring_timeout, options.media_inactivity_timeout,
                                                        options.timer_64_t1},
          body_protection_(std::move(body_protection)),
          layer_(
              loop, [this](const sip::FlowRoute &route, std::string_view bytes) { return send_on(route, bytes); },
              [this](sip::TransactionId id, const osip_message_t &request, const std::vector<sip::HeaderField> &,
                     const sip::FlowRoute &) { on_request(id, request); },
              [this](const osip_message_t &response, const sip::FlowRoute &) { on_stray_response(response); },
              options.max_transactions),
          flow_(loop, transport, transport.secure() ? tls_params(profile.tls) : TransportParams{},
                FlowRequest{hop_.remote, hop_.local_address, hop_.server_name},
                sip::KeepAlive{options.keep_alive_interval, options.keep_alive_timeout}, logger,
                sip::SignallingFlow::Handlers{[this](sip::ValidatedMessage message, const sip::FlowRoute &route) {
                                                  layer_.receive(std::move(message), route);
                                              },
                                              [this](FlowId flow, const std::string &reason, bool permanent) {
                                                  on_flow_lost(flow, reason, permanent);
                                              }}),
          answerer_(
              std::move(auth_plugins), sip::Credentials{hop_.username, profile.password},
              [refuse_md5 = profile.refuse_md5](const AuthPlugin &plugin) {
                  return auth_params_for(plugin, refuse_md5);
              },
              logger),
          registration_(*this, answerer_,
                        sip::RegistrationTarget{hop_.address_of_record, profile.display_name, hop_.registrar_uri,
                                                profile.register_expires_s},
                        logger,
                        [this](const RegistrationStatus &status) {
                            if (handler_) {
                                handler_(status);
                            }
                        }),
          presence_(ua::PresenceContext{*this, answerer_, layer_, logger, identity_, hop_.address_of_record,
                                        options.presence},
                    options.presence_watchers)
    {
    }

    // Opens the opt-in listening port (UserAgentOptions::listen_port).
    Result<void> listen(const TransportPlugin &transport, const Profile &profile, const UserAgentOptions &options)
    {
        std::vector<std::string> allowed = options.listen_allow;
        if (allowed.empty()) {
            allowed.push_back(hop_.remote.address);
        }
        auto started = sip::InboundListener::start(
            loop_, transport, transport.secure() ? tls_params(profile.tls) : TransportParams{},
            Endpoint{hop_.local_address, options.listen_port}, std::move(allowed), logger_,
            [this](sip::ValidatedMessage message, const sip::FlowRoute &route) {
                layer_.receive(std::move(message), route);
            },
            [this](FlowId flow) {
                layer_.flow_lost(sip::FlowRoute{flow, std::nullopt, true},
                                 "the connection to the listening port closed");
            });
        if (!started) {
            return started.error();
        }
        listener_ = std::move(started.value());
        return {};
    }

    void on_registration(RegistrationHandler handler) override { handler_ = std::move(handler); }
    void register_account() override { registration_.start(); }
    void unregister() override { registration_.stop(); }
    RegistrationStatus registration() const override { return registration_.status(); }
    std::optional<FlowInfo> signalling_flow() const override { return flow_.info(); }
    const std::string &local_address() const override { return hop_.local_address; }

    Result<std::shared_ptr<Call>> call(const std::string &target, const CallAudio &audio) override
    {
        if (calls_.size() >= max_calls_) {
            return Error{ErrorCode::unavailable, "too many calls in progress (" + std::to_string(max_calls_) + ")"};
        }
        auto call = ua::CallImpl::dial(call_context(), target, audio);
        if (!call) {
            return call.error();
        }
        calls_[call.value()->id()] = call.value();
        return std::shared_ptr<Call>(call.value());
    }

    void on_incoming_call(std::function<void(std::shared_ptr<Call>)> handler) override
    {
        incoming_call_handler_ = std::move(handler);
    }

    Result<void> send_message(const std::string &target, const std::string &content_type, const std::string &body,
                              std::function<void(const RequestOutcome &)> done) override
    {
        const sip::NextHopSecurity hop = flow_.security();
        auto outgoing = body_protection_.protect(target, NextHop{hop.name, hop.authenticated}, content_type, body);
        if (!outgoing) {
            return outgoing.error();
        }
        auto spec = out_of_dialog_request("MESSAGE", target);
        spec.content_type = outgoing->content_type;
        spec.body = std::move(outgoing->body);
        if (outgoing->encrypted) {
            spec.headers.emplace_back("Content-Transfer-Encoding", "binary"); // RFC 8591: CMS as it is
        }
        return send_for_outcome(std::move(spec), std::move(done));
    }

    void on_message(std::function<void(const IncomingMessage &)> handler) override
    {
        message_handler_ = std::move(handler);
    }

    Result<void> send_options(const std::string &target, std::function<void(const RequestOutcome &)> done) override
    {
        return send_for_outcome(out_of_dialog_request("OPTIONS", target), std::move(done));
    }

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

    UserAgentCounters counters() const override
    {
        const auto transactions = layer_.counters();
        const auto flow = flow_.counters();
        UserAgentCounters counters;
        counters.transactions_active = transactions.active;
        counters.transactions_peak = transactions.peak;
        counters.transactions_refused = transactions.refused_incoming + transactions.refused_outgoing;
        counters.messages_received = flow.messages_received;
        counters.messages_rejected = flow.messages_rejected;
        counters.keep_alives_sent = flow.pings_sent;
        counters.peers_refused = listener_ ? listener_->counters().peers_refused : 0;
        counters.calls_active = calls_.size();
        counters.calls_refused = calls_refused_;
        counters.messages_undecipherable = messages_undecipherable_;
        return counters;
    }

    AliveCounts alive() const override
    {
        AliveCounts alive;
        alive.calls = calls_.size();
        alive.call_objects = call_objects_.now();
        alive.dialogs = presence_.dialogs() +
                        static_cast<std::size_t>(std::count_if(calls_.begin(), calls_.end(), [](const auto &entry) {
                            return entry.second->has_dialog();
                        }));
        alive.transactions = layer_.counters().active;
        alive.media_streams = media_streams_.now();
        const PresenceCounters presence = presence_.counters();
        alive.subscriptions = presence.subscriptions_active;
        alive.watchers = presence.watchers_active;
        for (const CodecPlugin *codec : plugins_.codecs()) {
            alive.codec_instances.push_back({codec->id(), codec->isolation(), codec->instances_alive()});
        }
        return alive;
    }

private:
    // SignallingContext
    boost::asio::io_context &loop() override { return loop_; }
    Result<void> ensure_flow() override { return flow_.open(); }
    std::string via_transport() const override { return flow_.protocol(); }
    sip::NextHopSecurity next_hop_security() const override { return flow_.security(); }

    Result<void> send_outside_transaction(const osip_message_t &message) override
    {
        return layer_.send_outside_transaction(message, sip::FlowRoute{flow_.flow(), std::nullopt});
    }

    std::string sent_by() const override
    {
        const auto info = flow_.info();
        if (!info) {
            return hop_.local_address;
        }
        const bool v6 = info->local.address.find(':') != std::string::npos;
        return (v6 ? "[" + info->local.address + "]" : info->local.address) + ":" + std::to_string(info->local.port);
    }

    // With a listening port, requests are invited there; otherwise over the flow.
    std::string contact_uri() const override
    {
        const std::string transport = ascii_lowercase(flow_.protocol());
        std::string where = sent_by();
        if (listener_) {
            const bool v6 = hop_.local_address.find(':') != std::string::npos;
            where =
                (v6 ? "[" + hop_.local_address + "]" : hop_.local_address) + ":" + std::to_string(listener_->port());
        }
        return "<sip:" + hop_.username + "@" + where + ";transport=" + transport + ">";
    }

    Result<void> send_on(const sip::FlowRoute &route, std::string_view bytes)
    {
        if (route.inbound && listener_) {
            return listener_->send(route, bytes);
        }
        return flow_.send(bytes);
    }

    Result<sip::TransactionId> send_request(sip::OsipMessage request,
                                            sip::TransactionLayer::ResponseHandler on_event) override
    {
        return layer_.send_request(std::move(request), sip::FlowRoute{flow_.flow(), std::nullopt}, std::move(on_event));
    }

    ua::CallContext call_context()
    {
        return ua::CallContext{*this,
                               answerer_,
                               layer_,
                               codecs_,
                               plugins_,
                               encryption_,
                               media_encryption_,
                               hop_.local_address,
                               logger_,
                               identity_,
                               [this](const std::string &call_id) { calls_.erase(call_id); },
                               call_objects_,
                               media_streams_,
                               call_timeouts_};
    }

    sip::RequestSpec out_of_dialog_request(const std::string &method, const std::string &target)
    {
        sip::RequestSpec spec;
        spec.method = method;
        spec.request_uri = target;
        spec.from = identity_;
        spec.from_tag = sip::random_token();
        spec.to = "<" + target + ">";
        spec.call_id = sip::random_token();
        spec.cseq = 1;
        return spec;
    }

    Result<void> send_for_outcome(sip::RequestSpec spec, std::function<void(const RequestOutcome &)> done)
    {
        if (auto opened = flow_.open(); !opened) {
            return opened.error();
        }
        spec.via_transport = via_transport();
        spec.via_sent_by = sent_by();
        spec.via_branch = sip::new_branch();
        sip::AuthenticatedEvents events;
        events.on_event = [done = std::move(done)](const sip::ClientEvent &event) {
            if (event.kind == sip::ClientEvent::Kind::response && event.response->status_code < 200) {
                return;
            }
            if (done) {
                done(outcome_of(event));
            }
        };
        auto sent = sip::send_authenticated(*this, answerer_, std::move(spec), std::move(events));
        if (!sent) {
            return sent.error();
        }
        return {};
    }

    void respond(sip::TransactionId id, const osip_message_t &request, int code)
    {
        auto response = sip::build_response(request, code, tag_);
        if (!response) {
            return;
        }
        if (code == 405 || MSG_IS_OPTIONS(&request)) {
            osip_message_set_header(response->get(), "Allow", allowed_methods);
        }
        if (auto sent = layer_.respond(id, std::move(response.value())); !sent) {
            logger_.write(LogLevel::warning, host_source, "cannot answer a request: " + sent.error().message);
        }
    }

    std::shared_ptr<ua::CallImpl> find_call(const osip_message_t &message)
    {
        const auto found = calls_.find(sip::call_id_text(*message.call_id));
        return found != calls_.end() ? found->second : nullptr;
    }

    // Routes a request: to its call (in-dialog requests, CANCEL, ACK), or to
    // the handlers of new calls and messages; answers what nothing takes.
    void on_request(sip::TransactionId id, const osip_message_t &request)
    {
        if (id == 0) {
            if (auto call = find_call(request); call && MSG_IS_ACK(&request)) {
                call->on_ack(request);
            }
            return;
        }
        if (MSG_IS_CANCEL(&request)) {
            auto call = find_call(request);
            if (call) {
                call->on_cancel(id, request);
            } else {
                respond(id, request, 481);
            }
            return;
        }
        if (MSG_IS_NOTIFY(&request)) {
            presence_.on_notify(id, request); // 481 unless one of our subscriptions owns it
            return;
        }
        if (MSG_IS_SUBSCRIBE(&request)) {
            presence_.on_subscribe(id, request); // a new watcher, or a refresh of one
            return;
        }
        if (has_to_tag(request)) {
            auto call = find_call(request);
            if (call && call->belongs(request)) {
                call->on_in_dialog_request(id, request);
            } else if (MSG_IS_OPTIONS(&request)) {
                respond(id, request, 200);
            } else {
                respond(id, request, 481); // no such dialog (section 12.2.2)
            }
            return;
        }
        if (MSG_IS_INVITE(&request)) {
            on_incoming_invite(id, request);
        } else if (MSG_IS_MESSAGE(&request)) {
            on_incoming_message(id, request);
        } else if (MSG_IS_OPTIONS(&request)) {
            respond(id, request, 200);
        } else {
            respond(id, request, 405);
        }
    }

    // An S/MIME body is decrypted, or the MESSAGE is answered 493
    // Undecipherable (RFC 3261 section 23.2) and not delivered: never
    // ciphertext or a tampered body handed on as if it were the message.
    void on_incoming_message(sip::TransactionId id, const osip_message_t &request)
    {
        const std::string from =
            request.from != nullptr && request.from->url != nullptr ? sip::uri_text(*request.from->url) : "";
        auto received = body_protection_.unprotect(content_type_value(request), body_of(request));
        if (!received) {
            ++messages_undecipherable_;
            logger_.write(LogLevel::warning, host_source,
                          "a MESSAGE from " + from + " was not delivered (493): " + received.error().message);
            respond(id, request, 493);
            return;
        }
        respond(id, request, 200);
        if (message_handler_) {
            message_handler_(IncomingMessage{from, std::move(received->body.content_type),
                                             std::move(received->body.body), received->encrypted});
        }
    }

    void on_incoming_invite(sip::TransactionId id, const osip_message_t &request)
    {
        // A Call-ID in use never starts a second call, which would replace
        // the first in the table: it is that call's own INVITE again, or
        // someone else's request (section 8.2.2.2: 482 Loop Detected).
        if (auto existing = find_call(request)) {
            if (existing->is_own_invite_again(request)) {
                existing->answer_invite_again(id, request);
            } else {
                respond(id, request, 482);
            }
            return;
        }
        if (!incoming_call_handler_) {
            respond(id, request, 480);
            return;
        }
        if (calls_.size() >= max_calls_) {
            ++calls_refused_;
            respond(id, request, 486);
            return;
        }
        auto call = ua::CallImpl::receive(call_context(), id, request);
        if (!call) {
            logger_.write(LogLevel::warning, host_source, call.error().message);
            return;
        }
        calls_[call.value()->id()] = call.value();
        incoming_call_handler_(call.value());
    }

    void on_stray_response(const osip_message_t &response)
    {
        if (auto call = find_call(response)) {
            call->on_retransmitted_2xx(response);
        }
    }

    void on_flow_lost(FlowId flow, const std::string &reason, bool permanent)
    {
        layer_.flow_lost(sip::FlowRoute{flow, std::nullopt}, reason, permanent);
        registration_.flow_lost();
    }

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

} // namespace

Result<std::unique_ptr<UserAgent>> UserAgent::create(boost::asio::io_context &loop, const PluginRegistry &plugins,
                                                     Profile profile, UserAgentOptions options, Logger &logger)
{
    const TransportPlugin *transport = plugins.find_transport(profile.transport);
    if (transport == nullptr) {
        return Error{ErrorCode::not_found, "no transport plugin for \"" + profile.transport +
                                               "\" is loaded (the built-in ones are udp, tcp and tls)"};
    }
    auto hop = ua::resolve_next_hop(profile, *transport);
    if (!hop) {
        return hop.error();
    }
    if (options.max_transactions == 0) {
        return Error{ErrorCode::invalid_argument, "max_transactions must be at least 1"};
    }
    if (options.ring_timeout.count() <= 0 || options.timer_64_t1.count() <= 0 ||
        options.media_inactivity_timeout.count() < 0) {
        return Error{ErrorCode::invalid_argument,
                     "ring_timeout and timer_64_t1 must be positive, media_inactivity_timeout 0 (never) or more"};
    }
    auto codecs = ua::offered_codecs(plugins, options.codecs);
    if (!codecs) {
        return codecs.error();
    }
    auto body_protection = load_body_protection(options.body_encryption, plugins);
    if (!body_protection) {
        return body_protection.error();
    }
    auto agent = std::make_unique<UserAgentImpl>(loop, *transport, std::move(hop.value()), profile,
                                                 plugins.auth_plugins(), options, std::move(*codecs), plugins,
                                                 std::move(body_protection.value()), logger);
    if (options.listen_port != 0) {
        if (auto listening = agent->listen(*transport, profile, options); !listening) {
            return listening.error();
        }
    }
    return std::unique_ptr<UserAgent>(std::move(agent));
}

} // namespace cordon
