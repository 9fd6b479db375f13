#include "sip/inbound_listener.hpp"

#include <boost/asio/ip/address.hpp>

#include "sip/rejection_response.hpp"
#include "sip/request_builder.hpp"

namespace cordon::sip {

namespace {

constexpr std::string_view host_source = "sip";

// Canonical text, so that "::ffff:127.0.0.1" style spellings and the
// plugin's own spelling compare as the same address.
std::optional<std::string> canonical(const std::string &address)
{
    boost::system::error_code error;
    const auto parsed = boost::asio::ip::make_address(address, error);
    if (error) {
        return std::nullopt;
    }
    if (parsed.is_v6() && parsed.to_v6().is_v4_mapped()) {
        return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, parsed.to_v6()).to_string();
    }
    return parsed.to_string();
}

} // namespace

InboundListener::InboundListener(std::vector<std::string> allowed, Logger &logger, MessageHandler on_message,
                                 LossHandler on_lost)
    : allowed_(std::move(allowed)), logger_(logger), on_message_(std::move(on_message)), on_lost_(std::move(on_lost))
{
}

InboundListener::~InboundListener()
{
    transport_.reset(); // closes the listener and every accepted connection, without events
}

Result<std::unique_ptr<InboundListener>> InboundListener::start(boost::asio::io_context &loop,
                                                                const TransportPlugin &plugin,
                                                                const TransportParams &params, const Endpoint &local,
                                                                std::vector<std::string> allowed, Logger &logger,
                                                                MessageHandler on_message, LossHandler on_lost)
{
    std::vector<std::string> canonical_allowed;
    for (const std::string &address : allowed) {
        auto text = canonical(address);
        if (!text) {
            return Error{ErrorCode::config, "sip.listen_allow: \"" + address + "\" is not a numeric address"};
        }
        canonical_allowed.push_back(std::move(*text));
    }
    std::unique_ptr<InboundListener> listener(
        new InboundListener(std::move(canonical_allowed), logger, std::move(on_message), std::move(on_lost)));
    auto transport = plugin.create(loop, params, *listener);
    if (!transport) {
        return transport.error();
    }
    listener->transport_ = std::move(transport.value());
    auto listening = listener->transport_->listen(local);
    if (!listening) {
        return Error{listening.error().code, "cannot listen on " + local.address + ":" + std::to_string(local.port) +
                                                 ": " + listening.error().message};
    }
    listener->listener_ = listening.value();
    listener->port_ = local.port;
    logger.write(LogLevel::info, host_source,
                 "listening on " + plugin.protocol() + " " + local.address + ":" + std::to_string(local.port) +
                     " (sip.listen_port) for " + std::to_string(listener->allowed_.size()) + " allowed peer(s)");
    return listener;
}

bool InboundListener::allowed(const Endpoint &peer) const
{
    const auto text = canonical(peer.address);
    return text && std::find(allowed_.begin(), allowed_.end(), *text) != allowed_.end();
}

Result<void> InboundListener::send(const FlowRoute &route, std::string_view bytes)
{
    const Endpoint *to = route.to ? &*route.to : nullptr;
    return transport_->send(route.flow, std::span(reinterpret_cast<const uint8_t *>(bytes.data()), bytes.size()), to);
}

void InboundListener::on_connected(FlowId /*flow*/) {}

void InboundListener::on_closed(FlowId flow, FlowError /*error*/, const std::string & /*message*/)
{
    if (framers_.erase(flow) > 0 && on_lost_) {
        on_lost_(flow);
    }
}

void InboundListener::on_accepted(FlowId /*listener*/, FlowId flow, const Endpoint &from)
{
    if (!allowed(from)) {
        ++counters_.peers_refused;
        logger_.write(LogLevel::warning, host_source,
                      "refused a connection from " + from.address + " (not in sip.listen_allow)");
        transport_->close_flow(flow);
        return;
    }
    ++counters_.connections_accepted;
    framers_[flow] = std::make_unique<StreamFramer>();
}

void InboundListener::on_received(FlowId flow, std::span<const uint8_t> bytes, const Endpoint &from)
{
    const std::string_view text(reinterpret_cast<const char *>(bytes.data()), bytes.size());
    if (flow == listener_) {
        if (!allowed(from)) {
            ++counters_.peers_refused;
            logger_.write(LogLevel::debug, host_source,
                          "dropped a datagram from " + from.address + " (not in sip.listen_allow)");
            return;
        }
        if (text.find_first_not_of("\r\n") != std::string_view::npos) {
            deliver(text, FlowRoute{flow, from, true});
        }
        return;
    }
    const auto found = framers_.find(flow);
    if (found == framers_.end()) {
        return;
    }
    auto items = found->second->feed(text);
    if (!items) {
        logger_.write(LogLevel::warning, host_source,
                      "closing an accepted connection from " + from.address + ": " + items.error().message);
        framers_.erase(found);
        transport_->close_flow(flow);
        if (on_lost_) {
            on_lost_(flow);
        }
        return;
    }
    for (StreamItem &item : items.value()) {
        if (!framers_.contains(flow)) {
            return; // a handler closed it
        }
        if (item.kind == StreamItem::Kind::message) {
            deliver(item.text, FlowRoute{flow, std::nullopt, true});
        }
    }
}

void InboundListener::deliver(std::string_view bytes, const FlowRoute &route)
{
    ValidationOutcome outcome = validate_received_message(bytes);
    if (!outcome.message) {
        ++counters_.messages_rejected;
        logger_.write(LogLevel::warning, host_source,
                      "dropped a malformed message on the listening port: " + outcome.message.error().message);
        if (outcome.reply) {
            if (auto response = rejection_response(bytes, *outcome.reply, random_token())) {
                (void)send(route, *response);
            }
        }
        return;
    }
    ++counters_.messages_received;
    on_message_(std::move(outcome.message.value()), route);
}

} // namespace cordon::sip
