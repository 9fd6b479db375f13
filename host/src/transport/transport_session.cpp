#include "transport/transport_session.hpp"

#include <vector>

#include "core/ascii_text.hpp"
#include "plugin_abi/codec_contract.hpp"
#include "transport/numeric_address.hpp"
#include "transport/reported_values.hpp"

namespace cordon {

namespace {

constexpr std::string_view host_source = "host";
// A DNS name is at most 253 characters (RFC 1035); a longer server name is a mistake.
constexpr size_t max_server_name_bytes = 253;

Error invalid(std::string message) { return {ErrorCode::invalid_argument, std::move(message)}; }

std::string describe(const std::string &address, uint16_t port)
{
    const bool v6 = address.find(':') != std::string::npos;
    return (v6 ? "[" + address + "]" : address) + ":" + std::to_string(port);
}

bool is_clean_name(const std::string &text)
{
    return !has_space_or_control_character(text) && text.size() <= max_server_name_bytes;
}

} // namespace

TransportSession::PluginCall::PluginCall(TransportSession &session) : session_(session.shared_from_this())
{
    ++session_->call_depth_;
}

TransportSession::PluginCall::~PluginCall()
{
    if (--session_->call_depth_ == 0 && session_->finishing_) {
        session_->destroy_instance();
    }
}

TransportSession::TransportSession(const Plugin &plugin, boost::asio::io_context &loop, TransportEvents &events)
    : plugin_(plugin), watches_(loop, *this), events_(&events)
{
    table_.struct_size = sizeof(table_);
    table_.host_data = this;
    table_.services = plugin_.library->host_services();
    table_.watch_fd = &TransportSession::watch_fd;
    table_.unwatch_fd = &TransportSession::unwatch_fd;
    table_.flow_event = &TransportSession::flow_event;
    table_.received = &TransportSession::received;
    table_.accepted = &TransportSession::accepted;
}

Result<std::shared_ptr<TransportSession>> TransportSession::create(const Plugin &plugin, boost::asio::io_context &loop,
                                                                   const TransportParams &params,
                                                                   TransportEvents &events)
{
    std::vector<cordon_transport_param> raw_params;
    for (const auto &[name, value] : params) {
        if (name.find('\0') != std::string::npos || value.find('\0') != std::string::npos) {
            return invalid("transport parameter \"" + name.substr(0, name.find('\0')) + "\" contains a NUL byte");
        }
        raw_params.push_back({name.c_str(), value.c_str()});
    }
    const cordon_transport_config config{sizeof(cordon_transport_config), raw_params.data(),
                                         static_cast<uint32_t>(raw_params.size())};
    std::shared_ptr<TransportSession> session(new TransportSession(plugin, loop, events));
    char reason[CORDON_TRANSPORT_TEXT_BYTES] = {};
    cordon_transport *instance = nullptr;
    int status = CORDON_STATUS_INTERNAL_ERROR;
    {
        const PluginCall call(*session);
        status = static_cast<int>(plugin.abi->create(&config, &session->table_, &instance, reason, sizeof reason));
    }
    if (status != CORDON_STATUS_OK) {
        return session->plugin_error(status, "create", reason, sizeof reason);
    }
    if (instance == nullptr) {
        return Error{ErrorCode::contract_violation, session->plugin_id() + " create returned ok without an instance"};
    }
    session->instance_ = instance;
    return session;
}

TransportSession::~TransportSession()
{
    events_ = nullptr;
    destroy_instance();
}

void TransportSession::finish()
{
    events_ = nullptr;
    finishing_ = true;
    if (call_depth_ == 0) {
        destroy_instance();
    }
}

void TransportSession::destroy_instance()
{
    if (instance_ == nullptr) {
        return;
    }
    cordon_transport *instance = std::exchange(instance_, nullptr);
    ++call_depth_; // the plugin unwatches its descriptors from inside destroy
    plugin_.abi->destroy(instance);
    --call_depth_;
    flows_.clear();
    if (watches_.size() != 0) {
        log(LogLevel::warning, "left " + std::to_string(watches_.size()) +
                                   " descriptors watched after destroy; the host stops watching them");
    }
}

Result<OpenedFlow> TransportSession::open_flow(const FlowRequest &request)
{
    if (auto refusal = refuse_local_address(request.local_address)) {
        return invalid(std::move(*refusal));
    }
    if (!is_numeric_address(request.remote.address) || request.remote.port == 0) {
        return invalid("remote \"" + request.remote.address + "\" port " + std::to_string(request.remote.port) +
                       " is not a numeric address with a port (names are resolved before a flow opens)");
    }
    if (!is_clean_name(request.server_name)) {
        return invalid("server name is longer than 253 bytes or contains spaces or control characters");
    }
    cordon_flow_request raw{};
    raw.struct_size = sizeof(raw);
    raw.remote_address = request.remote.address.c_str();
    raw.remote_port = request.remote.port;
    raw.local_address = request.local_address.c_str();
    raw.server_name = request.server_name.empty() ? nullptr : request.server_name.c_str();
    cordon_flow_id id = 0;
    uint32_t ready = 0;
    char reason[CORDON_TRANSPORT_TEXT_BYTES] = {};
    int status = CORDON_STATUS_INTERNAL_ERROR;
    {
        const PluginCall call(*this);
        status = static_cast<int>(plugin_.abi->open_flow(instance_, &raw, &id, &ready, reason, sizeof reason));
    }
    const std::string call = "open_flow to " + describe(request.remote.address, request.remote.port);
    if (status != CORDON_STATUS_OK) {
        return plugin_error(status, call, reason, sizeof reason);
    }
    if (id == 0 || flows_.contains(id)) {
        log(LogLevel::error, call + " returned flow id " + std::to_string(id) + ", which is 0 or already in use");
        return Error{ErrorCode::contract_violation, plugin_id() + " " + call + " returned an unusable flow id"};
    }
    flows_.emplace(id, KnownFlow{Role::connection, ready != 0});
    return OpenedFlow{id, ready != 0};
}

Result<FlowId> TransportSession::listen(const Endpoint &local)
{
    if (auto refusal = refuse_local_address(local.address)) {
        return invalid(std::move(*refusal));
    }
    if (local.port == 0) {
        return invalid("a listener needs a fixed port (1..65535)");
    }
    cordon_listen_request raw{};
    raw.struct_size = sizeof(raw);
    raw.local_address = local.address.c_str();
    raw.local_port = local.port;
    cordon_flow_id id = 0;
    char reason[CORDON_TRANSPORT_TEXT_BYTES] = {};
    int status = CORDON_STATUS_INTERNAL_ERROR;
    {
        const PluginCall call(*this);
        status = static_cast<int>(plugin_.abi->listen(instance_, &raw, &id, reason, sizeof reason));
    }
    const std::string call = "listen on " + describe(local.address, local.port);
    if (status != CORDON_STATUS_OK) {
        return plugin_error(status, call, reason, sizeof reason);
    }
    if (id == 0 || flows_.contains(id)) {
        log(LogLevel::error, call + " returned flow id " + std::to_string(id) + ", which is 0 or already in use");
        return Error{ErrorCode::contract_violation, plugin_id() + " " + call + " returned an unusable flow id"};
    }
    flows_.emplace(id, KnownFlow{Role::listener, true});
    return FlowId{id};
}

Result<void> TransportSession::send(FlowId flow, std::span<const uint8_t> bytes, const Endpoint *to)
{
    const auto found = flows_.find(flow);
    if (found == flows_.end()) {
        return invalid("flow " + std::to_string(flow) + " is not open (never opened, or closed already)");
    }
    const bool datagram_listener = !plugin_.traits.stream && found->second.role == Role::listener;
    if (datagram_listener != (to != nullptr)) {
        return invalid(datagram_listener ? "a datagram listener sends only to a destination given with each datagram"
                                         : "only a datagram listener takes a destination; this flow has its peer");
    }
    if (to != nullptr && (!is_numeric_address(to->address) || to->port == 0)) {
        return invalid("destination \"" + to->address + "\" is not a numeric address with a port");
    }
    if (!plugin_.traits.stream && bytes.size() > CORDON_TRANSPORT_MAX_DATAGRAM) {
        return invalid("a datagram of " + std::to_string(bytes.size()) + " bytes exceeds " +
                       std::to_string(CORDON_TRANSPORT_MAX_DATAGRAM));
    }
    int status = CORDON_STATUS_INTERNAL_ERROR;
    {
        const PluginCall call(*this);
        status = static_cast<int>(plugin_.abi->send(instance_, flow, bytes.data(), bytes.size(),
                                                    to != nullptr ? to->address.c_str() : nullptr,
                                                    to != nullptr ? to->port : uint16_t{0}));
    }
    if (status != CORDON_STATUS_OK) {
        return error_from_status(status, plugin_id() + " send on flow " + std::to_string(flow));
    }
    return {};
}

void TransportSession::close_flow(FlowId flow)
{
    if (flows_.erase(flow) == 0) {
        return;
    }
    const PluginCall call(*this);
    plugin_.abi->close_flow(instance_, flow);
}

Result<FlowInfo> TransportSession::info(FlowId flow)
{
    const auto found = flows_.find(flow);
    if (found == flows_.end()) {
        return invalid("flow " + std::to_string(flow) + " is not open (never opened, or closed already)");
    }
    const bool listener = found->second.role == Role::listener;
    cordon_flow_info raw{};
    raw.struct_size = sizeof(raw);
    int status = CORDON_STATUS_INTERNAL_ERROR;
    {
        const PluginCall call(*this);
        status = static_cast<int>(plugin_.abi->flow_info(instance_, flow, &raw));
    }
    if (status != CORDON_STATUS_OK) {
        return error_from_status(status, plugin_id() + " flow_info of flow " + std::to_string(flow));
    }
    auto info = reported_flow_info(raw, listener);
    if (!info) {
        const PluginCall call(*this);
        breach(flow, info.error().message);
        return Error{ErrorCode::contract_violation, plugin_id() + ": " + info.error().message};
    }
    return info;
}

void TransportSession::on_fd_ready(int fd, uint32_t ready)
{
    if (instance_ == nullptr) {
        return;
    }
    const PluginCall call(*this);
    plugin_.abi->on_fd(instance_, fd, ready);
}

void TransportSession::on_fd_closed_while_watched(int fd)
{
    log(LogLevel::error, "closed descriptor " + std::to_string(fd) +
                             " while it was still watched (unwatch_fd must come first); the host stopped watching it");
}

Error TransportSession::plugin_error(int status, const std::string &call, const char *reason, size_t capacity) const
{
    Error error = error_from_status(status, plugin_id() + " " + call);
    const std::string text = reported_reason(reason, capacity);
    if (!text.empty()) {
        error.message += ": " + text;
    }
    return error;
}

void TransportSession::breach(FlowId flow, const std::string &what)
{
    const bool known = flows_.erase(flow) > 0;
    log(LogLevel::error,
        "broke the transport contract: " + what + (known ? "; flow " + std::to_string(flow) + " closed" : ""));
    if (!known || instance_ == nullptr || finishing_) {
        return;
    }
    plugin_.abi->close_flow(instance_, flow);
    if (events_ != nullptr) {
        events_->on_closed(flow, FlowError::other, "transport plugin " + plugin_id() + " broke its contract: " + what);
    }
}

void TransportSession::log(LogLevel level, const std::string &message) const
{
    plugin_.logger->write(level, host_source, "transport plugin " + plugin_id() + ": " + message);
}

} // namespace cordon
