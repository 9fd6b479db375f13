#include "cordon/host/user_agent.hpp"

#include <cctype>

#include <boost/asio/io_context.hpp>
#include <osipparser2/osip_parser.h>

#include "cordon/host/plugins.hpp"
#include "next_hop.hpp"
#include "sip/challenge_answerer.hpp"
#include "sip/registration.hpp"
#include "sip/response_builder.hpp"
#include "sip/request_builder.hpp"
#include "sip/signalling_context.hpp"
#include "sip/signalling_flow.hpp"

namespace cordon {

const char *to_string(RegistrationState state)
{
    switch (state) {
    case RegistrationState::unregistered: return "unregistered";
    case RegistrationState::registering: return "registering";
    case RegistrationState::registered: return "registered";
    case RegistrationState::failed: return "failed";
    }
    return "unknown";
}

namespace {

constexpr std::string_view host_source = "sip";
constexpr const char *allowed_methods = "OPTIONS";

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
                  const Profile &profile, std::vector<const AuthPlugin *> auth_plugins,
                  const UserAgentOptions &options, Logger &logger)
        : loop_(loop),
          hop_(std::move(hop)),
          logger_(logger),
          layer_(
              loop, [this](const sip::FlowRoute &, std::string_view bytes) { return flow_.send(bytes); },
              [this](sip::TransactionId id, const osip_message_t &request, const std::vector<sip::HeaderField> &,
                     const sip::FlowRoute &) { on_request(id, request); },
              [](const osip_message_t &, const sip::FlowRoute &) {}, options.max_transactions),
          flow_(loop, transport, transport.secure() ? tls_params(profile.tls) : TransportParams{},
                FlowRequest{hop_.remote, hop_.local_address, hop_.server_name},
                sip::KeepAlive{options.keep_alive_interval, options.keep_alive_timeout}, logger,
                sip::SignallingFlow::Handlers{
                    [this](sip::ValidatedMessage message, const sip::FlowRoute &route) {
                        layer_.receive(std::move(message), route);
                    },
                    [this](FlowId flow, const std::string &reason, bool permanent) {
                        on_flow_lost(flow, reason, permanent);
                    }}),
          answerer_(std::move(auth_plugins), sip::Credentials{hop_.username, profile.password},
                    profile.refuse_md5 ? AuthParams{{"Digest.refuse_md5", "true"}} : AuthParams{}, logger),
          registration_(*this, answerer_,
                        sip::RegistrationTarget{hop_.address_of_record, profile.display_name, hop_.registrar_uri,
                                                profile.register_expires_s},
                        logger, [this](const RegistrationStatus &status) {
                            if (handler_) {
                                handler_(status);
                            }
                        })
    {
    }

    void on_registration(RegistrationHandler handler) override { handler_ = std::move(handler); }
    void register_account() override { registration_.start(); }
    void unregister() override { registration_.stop(); }
    RegistrationStatus registration() const override { return registration_.status(); }
    std::optional<FlowInfo> signalling_flow() const override { return flow_.info(); }

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
        return counters;
    }

private:
    // SignallingContext
    boost::asio::io_context &loop() override { return loop_; }
    Result<void> ensure_flow() override { return flow_.open(); }
    std::string via_transport() const override { return flow_.protocol(); }
    bool next_hop_secure() const override { return flow_.secure(); }

    std::string sent_by() const override
    {
        const auto info = flow_.info();
        if (!info) {
            return hop_.local_address;
        }
        const bool v6 = info->local.address.find(':') != std::string::npos;
        return (v6 ? "[" + info->local.address + "]" : info->local.address) + ":" + std::to_string(info->local.port);
    }

    std::string contact_uri() const override
    {
        std::string transport = flow_.protocol();
        for (char &c : transport) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        return "<sip:" + hop_.username + "@" + sent_by() + ";transport=" + transport + ">";
    }

    Result<sip::TransactionId> send_request(sip::OsipMessage request,
                                            sip::TransactionLayer::ResponseHandler on_event) override
    {
        return layer_.send_request(std::move(request), sip::FlowRoute{flow_.flow(), std::nullopt}, std::move(on_event));
    }

    void on_request(sip::TransactionId id, const osip_message_t &request)
    {
        if (id == 0) {
            return;  // an ACK outside a transaction: no dialog takes one yet
        }
        const bool options = MSG_IS_OPTIONS(&request);
        auto response = sip::build_response(request, options ? 200 : 501, tag_);
        if (!response) {
            return;
        }
        osip_message_set_header(response->get(), "Allow", allowed_methods);
        if (auto sent = layer_.respond(id, std::move(response.value())); !sent) {
            logger_.write(LogLevel::warning, host_source, "cannot answer a request: " + sent.error().message);
        }
    }

    void on_flow_lost(FlowId flow, const std::string &reason, bool permanent)
    {
        layer_.flow_lost(flow, reason, permanent);
        registration_.flow_lost();
    }

    boost::asio::io_context &loop_;
    ua::NextHop hop_;
    Logger &logger_;
    const std::string tag_ = sip::random_token();
    RegistrationHandler handler_;
    sip::TransactionLayer layer_;
    sip::SignallingFlow flow_;
    sip::ChallengeAnswerer answerer_;
    sip::Registration registration_;
};

}  // namespace

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
    return std::unique_ptr<UserAgent>(new UserAgentImpl(loop, *transport, std::move(hop.value()), profile,
                                                        plugins.auth_plugins(), options, logger));
}

}  // namespace cordon
