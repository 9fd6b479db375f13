// The agent wired together (UserAgent::create, the constructor, the opt-in
// listening port), what it gives calls and registration as their
// SignallingContext, calls placed, and its figures.
#include "ua/user_agent_impl.hpp"

#include <algorithm>

#include "body_protection/body_protection_settings.hpp"
#include "core/ascii_text.hpp"
#include "ua/offered_codecs.hpp"

namespace cordon {
namespace ua {

namespace {

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

} // namespace

UserAgentImpl::UserAgentImpl(boost::asio::io_context &loop, const TransportPlugin &transport, ua::NextHop hop,
                             const Profile &profile, std::vector<const AuthPlugin *> auth_plugins,
                             const UserAgentOptions &options, std::vector<sip::MediaCodec> codecs,
                             const PluginRegistry &plugins, BodyProtection body_protection, Logger &logger)
    : loop_(loop), hop_(std::move(hop)), logger_(logger), codecs_(std::move(codecs)), plugins_(plugins),
      encryption_(plugins.media_encryption_plugins().empty() ? nullptr : plugins.media_encryption_plugins().front()),
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
          [refuse_md5 = profile.refuse_md5](const AuthPlugin &plugin) { return auth_params_for(plugin, refuse_md5); },
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
      presence_(
          ua::PresenceContext{*this, answerer_, layer_, logger, identity_, hop_.address_of_record, options.presence},
          options.presence_watchers)
{
}

// Opens the opt-in listening port (UserAgentOptions::listen_port).
Result<void> UserAgentImpl::listen(const TransportPlugin &transport, const Profile &profile,
                                   const UserAgentOptions &options)
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
            layer_.flow_lost(sip::FlowRoute{flow, std::nullopt, true}, "the connection to the listening port closed");
        });
    if (!started) {
        return started.error();
    }
    listener_ = std::move(started.value());
    return {};
}

Result<std::shared_ptr<Call>> UserAgentImpl::call(const std::string &target, const CallAudio &audio)
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

UserAgentCounters UserAgentImpl::counters() const
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

AliveCounts UserAgentImpl::alive() const
{
    AliveCounts alive;
    alive.calls = calls_.size();
    alive.call_objects = call_objects_.now();
    alive.dialogs = presence_.dialogs() +
                    static_cast<std::size_t>(std::count_if(
                        calls_.begin(), calls_.end(), [](const auto &entry) { return entry.second->has_dialog(); }));
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

Result<void> UserAgentImpl::send_outside_transaction(const osip_message_t &message)
{
    return layer_.send_outside_transaction(message, sip::FlowRoute{flow_.flow(), std::nullopt});
}

std::string UserAgentImpl::sent_by() const
{
    const auto info = flow_.info();
    if (!info) {
        return hop_.local_address;
    }
    const bool v6 = info->local.address.find(':') != std::string::npos;
    return (v6 ? "[" + info->local.address + "]" : info->local.address) + ":" + std::to_string(info->local.port);
}

// With a listening port, requests are invited there; otherwise over the flow.
std::string UserAgentImpl::contact_uri() const
{
    const std::string transport = ascii_lowercase(flow_.protocol());
    std::string where = sent_by();
    if (listener_) {
        const bool v6 = hop_.local_address.find(':') != std::string::npos;
        where = (v6 ? "[" + hop_.local_address + "]" : hop_.local_address) + ":" + std::to_string(listener_->port());
    }
    return "<sip:" + hop_.username + "@" + where + ";transport=" + transport + ">";
}

Result<void> UserAgentImpl::send_on(const sip::FlowRoute &route, std::string_view bytes)
{
    if (route.inbound && listener_) {
        return listener_->send(route, bytes);
    }
    return flow_.send(bytes);
}

Result<sip::TransactionId> UserAgentImpl::send_request(sip::OsipMessage request,
                                                       sip::TransactionLayer::ResponseHandler on_event)
{
    return layer_.send_request(std::move(request), sip::FlowRoute{flow_.flow(), std::nullopt}, std::move(on_event));
}

ua::CallContext UserAgentImpl::call_context()
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

void UserAgentImpl::on_flow_lost(FlowId flow, const std::string &reason, bool permanent)
{
    layer_.flow_lost(sip::FlowRoute{flow, std::nullopt}, reason, permanent);
    registration_.flow_lost();
}

} // namespace ua

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
    auto agent = std::make_unique<ua::UserAgentImpl>(loop, *transport, std::move(hop.value()), profile,
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
