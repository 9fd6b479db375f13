// One instance of an in-process transport plugin: its cordon_transport_host
// table, its fd watches, and the flows the host knows it has. Calls into the
// plugin go through here (transport_session.cpp); what the plugin reports
// comes back through the table and is checked before the SIP layer hears of
// it (plugin_reports.cpp). A breach is logged with the plugin's id and
// closes the flow it concerns; the host carries on.
//
// Lifetime: the Transport the SIP layer holds owns a shared_ptr to this.
// Destroying that Transport from inside an event (the SIP layer's choice)
// must not destroy the plugin's instance under the plugin's own call, so
// finish() defers destroy() until the outermost plugin call returns.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <unordered_map>

#include "cordon/host/log.hpp"
#include "cordon/host/transport.hpp"
#include "cordon/transport.h"
#include "plugin_loading/loaded_plugin.hpp"
#include "transport/fd_watches.hpp"
#include "transport/transport_interface_validation.hpp"

namespace cordon {

class TransportSession final : public FdWatchListener, public std::enable_shared_from_this<TransportSession> {
public:
    struct Plugin {
        std::shared_ptr<LoadedPlugin> library;
        const cordon_transport_interface *abi;
        TransportTraits traits;
        Logger *logger;
    };

    // Creates the plugin's instance with params; events hears about its flows.
    static Result<std::shared_ptr<TransportSession>> create(const Plugin &plugin, boost::asio::io_context &loop,
                                                            const TransportParams &params, TransportEvents &events);
    ~TransportSession();
    TransportSession(const TransportSession &) = delete;
    TransportSession &operator=(const TransportSession &) = delete;

    Result<OpenedFlow> open_flow(const FlowRequest &request);
    Result<FlowId> listen(const Endpoint &local);
    Result<void> send(FlowId flow, std::span<const uint8_t> bytes, const Endpoint *to);
    void close_flow(FlowId flow);
    Result<FlowInfo> info(FlowId flow);

    // No event reaches the SIP layer from now on; the plugin's instance is
    // destroyed now, or when the plugin call in progress returns.
    void finish();

    // FdWatchListener
    void on_fd_ready(int fd, uint32_t ready) override;
    void on_fd_closed_while_watched(int fd) override;

private:
    enum class Role { connection, listener };
    struct KnownFlow {
        Role role;
        bool connected; // CONNECTED was reported, or the flow was ready at once
    };

    // Counts the plugin calls in progress, keeps the session alive through
    // them, and destroys the instance after the outermost one when finish()
    // came meanwhile.
    class PluginCall {
    public:
        explicit PluginCall(TransportSession &session);
        ~PluginCall();
        PluginCall(const PluginCall &) = delete;
        PluginCall &operator=(const PluginCall &) = delete;

    private:
        std::shared_ptr<TransportSession> session_;
    };

    TransportSession(const Plugin &plugin, boost::asio::io_context &loop, TransportEvents &events);
    void destroy_instance();
    const std::string &plugin_id() const { return plugin_.library->fields().id; }
    Error plugin_error(int status, const std::string &call, const char *reason, size_t capacity) const;
    // Logs what the plugin did wrong; closes the flow when it is known (in
    // the plugin, and for the SIP layer with FlowError::other). Only inside
    // a PluginCall.
    void breach(FlowId flow, const std::string &what);
    void log(LogLevel level, const std::string &message) const;

    // The cordon_transport_host functions (plugin_reports.cpp).
    static TransportSession *from(const cordon_transport_host *host);
    static cordon_status watch_fd(const cordon_transport_host *host, int fd, uint32_t interest);
    static void unwatch_fd(const cordon_transport_host *host, int fd);
    static void flow_event(const cordon_transport_host *host, cordon_flow_id flow, cordon_flow_event event,
                           cordon_flow_error error, const char *message);
    static void received(const cordon_transport_host *host, cordon_flow_id flow, const uint8_t *data, size_t length,
                         const char *from_address, uint16_t from_port);
    static void accepted(const cordon_transport_host *host, cordon_flow_id listener, cordon_flow_id accepted,
                         const char *from_address, uint16_t from_port);
    bool accepts_reports(const char *what);
    void report_event(FlowId flow, uint32_t event, uint32_t error, const char *message);
    void report_received(FlowId flow, const uint8_t *data, size_t length, const char *from_address, uint16_t from_port);
    void report_accepted(FlowId listener, FlowId flow, const char *from_address, uint16_t from_port);

    Plugin plugin_;
    cordon_transport_host table_{};
    FdWatches watches_;
    TransportEvents *events_; // nullptr once finished
    cordon_transport *instance_ = nullptr;
    std::unordered_map<FlowId, KnownFlow> flows_;
    int call_depth_ = 0;
    bool finishing_ = false;
};

} // namespace cordon
