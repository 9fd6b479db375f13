#include "sip/signalling_flow.hpp"

#include <algorithm>

#include "sip/rejection_response.hpp"
#include "sip/request_builder.hpp"

namespace cordon::sip {

namespace {

constexpr std::string_view host_source = "sip";
// What may wait for a stream to connect: a few requests, not a backlog.
constexpr std::size_t max_waiting_bytes = 256 * 1024;
constexpr std::string_view ping = "\r\n\r\n";

bool only_line_ends(std::string_view bytes)
{
    return !bytes.empty() && bytes.find_first_not_of("\r\n") == std::string_view::npos;
}

} // namespace

SignallingFlow::SignallingFlow(boost::asio::io_context &loop, const TransportPlugin &plugin, TransportParams params,
                               FlowRequest next_hop, KeepAlive keep_alive, Logger &logger, Handlers handlers)
    : loop_(loop), plugin_(plugin), params_(std::move(params)), next_hop_(std::move(next_hop)), keep_alive_(keep_alive),
      logger_(logger), handlers_(std::move(handlers)), keep_alive_timer_(loop)
{
}

SignallingFlow::~SignallingFlow()
{
    keep_alive_timer_.cancel();
    close();
}

Result<void> SignallingFlow::open()
{
    if (flow_ != 0) {
        return {};
    }
    if (!transport_) {
        auto created = plugin_.create(loop_, params_, *this);
        if (!created) {
            return created.error();
        }
        transport_ = std::move(created.value());
    }
    auto opened = transport_->open_flow(next_hop_);
    if (!opened) {
        return opened.error();
    }
    flow_ = opened->id;
    connected_ = opened->ready;
    if (plugin_.stream()) {
        framer_ = std::make_unique<StreamFramer>();
    }
    if (connected_) {
        arm_keep_alive();
    }
    return {};
}

Result<void> SignallingFlow::send(std::string_view bytes)
{
    if (flow_ == 0) {
        return Error{ErrorCode::unavailable, "the signalling flow is not open"};
    }
    if (!connected_) {
        if (waiting_bytes_ + bytes.size() > max_waiting_bytes) {
            return Error{ErrorCode::unavailable, "too much waiting for the " + plugin_.protocol() + " connection"};
        }
        waiting_bytes_ += bytes.size();
        waiting_.emplace_back(bytes);
        return {};
    }
    return transport_->send(flow_, std::span(reinterpret_cast<const uint8_t *>(bytes.data()), bytes.size()));
}

void SignallingFlow::close()
{
    if (transport_ && flow_ != 0) {
        transport_->close_flow(flow_);
    }
    flow_ = 0;
    connected_ = false;
    authentication_promised_ = false;
    waiting_.clear();
    waiting_bytes_ = 0;
    framer_.reset();
    awaiting_pong_ = false;
    keep_alive_timer_.cancel();
}

std::optional<FlowInfo> SignallingFlow::info() const
{
    if (!transport_ || flow_ == 0) {
        return std::nullopt;
    }
    auto info = transport_->info(flow_);
    return info ? std::optional<FlowInfo>(std::move(info.value())) : std::nullopt;
}

namespace {

bool requires_verified_peer(const TransportParams &params)
{
    return std::find(params.begin(), params.end(), std::pair<std::string, std::string>{"tls.verify", "true"}) !=
           params.end();
}

} // namespace

NextHopSecurity SignallingFlow::security() const
{
    const bool promised = !connected_ && plugin_.secure() && requires_verified_peer(params_);
    NextHopSecurity security = flow_security(protocol(), connected_ ? info() : std::nullopt, promised);
    authentication_promised_ = authentication_promised_ || promised;
    return security;
}

void SignallingFlow::on_connected(FlowId flow)
{
    if (flow != flow_ || connected_) {
        return;
    }
    connected_ = true;
    if (authentication_promised_) {
        const auto connected = info();
        if (!connected || !connected->peer_authenticated) {
            // What was queued was decided on the promise of a verified peer
            // (SDES keys, Basic credentials, plain bodies): never to this one.
            waiting_.clear();
            waiting_bytes_ = 0;
            lose("the next hop connected without its server being verified, although tls.verify = true; the "
                 "requests queued for a verified server were dropped",
                 false, true);
            return;
        }
    }
    const FlowId current = flow_;
    while (!waiting_.empty() && flow_ == current) {
        const std::string bytes = std::move(waiting_.front());
        waiting_.pop_front();
        waiting_bytes_ -= bytes.size();
        if (auto sent = send(bytes); !sent) {
            logger_.write(LogLevel::warning, host_source, "cannot send on the new connection: " + sent.error().message);
        }
    }
    arm_keep_alive();
}

void SignallingFlow::on_closed(FlowId flow, FlowError error, const std::string &message)
{
    if (flow != flow_) {
        return;
    }
    std::string reason = plugin_.protocol() + " flow to " + next_hop_.remote.address + ":" +
                         std::to_string(next_hop_.remote.port) + " closed: " + to_string(error);
    if (!message.empty()) {
        reason += " (" + message + ")";
    }
    // The TLS failures say the peer is not who it must be, or speaks too old
    // a protocol: no retry changes that.
    const bool permanent = error >= FlowError::tls_unknown_ca && error <= FlowError::tls_certificate;
    lose(reason, true, permanent);
}

void SignallingFlow::lose(const std::string &reason, bool released_by_transport, bool permanent)
{
    const FlowId lost = flow_;
    if (released_by_transport) {
        flow_ = 0; // close() must not name a flow the transport has released
    }
    close();
    logger_.write(LogLevel::warning, host_source, reason);
    if (handlers_.on_lost) {
        handlers_.on_lost(lost, reason, permanent);
    }
}

void SignallingFlow::on_received(FlowId flow, std::span<const uint8_t> bytes, const Endpoint & /*from*/)
{
    if (flow != flow_) {
        return;
    }
    const std::string_view text(reinterpret_cast<const char *>(bytes.data()), bytes.size());
    if (!framer_) {
        if (only_line_ends(text)) {
            ++counters_.pongs_received; // a datagram keep-alive; nothing to answer
            return;
        }
        deliver(text);
        return;
    }
    auto items = framer_->feed(text);
    if (!items) {
        lose("closing the " + plugin_.protocol() + " flow: " + items.error().message);
        return;
    }
    for (StreamItem &item : items.value()) {
        if (flow_ != flow) {
            return; // a handler closed the flow
        }
        if (item.kind == StreamItem::Kind::crlf) {
            ++counters_.pongs_received;
            if (awaiting_pong_) {
                awaiting_pong_ = false;
                arm_keep_alive();
            }
            continue;
        }
        deliver(item.text);
    }
}

void SignallingFlow::on_accepted(FlowId /*listener*/, FlowId flow, const Endpoint & /*from*/)
{
    // This flow never listens; an accepted connection cannot be ours.
    if (transport_) {
        transport_->close_flow(flow);
    }
}

void SignallingFlow::deliver(std::string_view bytes)
{
    ValidationOutcome outcome = validate_received_message(bytes);
    if (!outcome.message) {
        ++counters_.messages_rejected;
        logger_.write(LogLevel::warning, host_source,
                      "dropped a malformed message from " + next_hop_.remote.address + ": " +
                          outcome.message.error().message);
        if (outcome.reply) {
            if (auto response = rejection_response(bytes, *outcome.reply, random_token())) {
                (void)send(*response);
            }
        }
        return;
    }
    ++counters_.messages_received;
    if (handlers_.on_message) {
        handlers_.on_message(std::move(outcome.message.value()), FlowRoute{flow_, std::nullopt});
    }
}

void SignallingFlow::arm_keep_alive()
{
    if (keep_alive_.interval.count() == 0) {
        return;
    }
    keep_alive_timer_.expires_after(awaiting_pong_
                                        ? std::chrono::duration_cast<std::chrono::seconds>(keep_alive_.pong_timeout)
                                        : keep_alive_.interval);
    keep_alive_timer_.async_wait([this](const boost::system::error_code &error) {
        if (error || !connected_) {
            return;
        }
        if (awaiting_pong_) {
            lose("no keep-alive answer from " + next_hop_.remote.address + " within " +
                 std::to_string(keep_alive_.pong_timeout.count()) + " s");
            return;
        }
        send_ping();
    });
}

void SignallingFlow::send_ping()
{
    if (auto sent = send(ping); !sent) {
        logger_.write(LogLevel::warning, host_source, "cannot send a keep-alive: " + sent.error().message);
    }
    ++counters_.pings_sent;
    awaiting_pong_ = plugin_.stream();
    arm_keep_alive();
}

} // namespace cordon::sip
