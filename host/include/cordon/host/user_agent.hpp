// The embedding API for signalling: a profile (who the user is, where the
// registrar is, how to reach it, what to trust), and a user agent that
// registers it. Everything is asynchronous on the application's Boost.Asio
// io_context; handlers run on the thread that runs it.
//
//   boost::asio::io_context loop;
//   auto plugins = cordon::PluginRegistry::load(search, logger);
//   cordon::Profile alice;
//   alice.identity = "sip:alice@example.com";
//   alice.password = "secret";
//   auto agent = cordon::UserAgent::create(loop, *plugins, alice, {}, logger).value();
//   agent->on_registration([](const cordon::RegistrationStatus &s) { ... });
//   agent->register_account();
//   loop.run();
//
// No listening socket is opened: the agent reaches its registrar (or outbound
// proxy) over one flow, and requests for it come back over that flow, which
// keep-alives hold open.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "cordon/host/log.hpp"
#include "cordon/host/result.hpp"
#include "cordon/host/transport.hpp"

namespace boost::asio {
class io_context;
}

namespace cordon {

class PluginRegistry;

// How the TLS transport judges the server. Verification is on unless turned
// off here; turning it off is for tests against throw-away certificates.
struct TlsTrust {
    std::string ca_file;  // PEM; empty: the system's trust store
    bool verify = true;
    std::string min_version = "1.2";  // "1.2" or "1.3"
    std::string certificate_file;     // optional client certificate (PEM)
    std::string private_key_file;
};

struct Profile {
    std::string identity;         // address of record, "sip:alice@example.com"
    std::string display_name;
    std::string registrar;        // "sip:example.com"; empty: the identity's domain
    std::string outbound_proxy;   // "host" or "host:port"; empty: the registrar's host
    std::string transport = "tls";  // "udp", "tcp" or "tls"
    std::string username;         // empty: the identity's user part
    std::string password;         // never logged
    std::string local_address;    // numeric; empty: the address the system routes from
    std::uint32_t register_expires_s = 600;
    std::string tls_server_name;  // empty: the registrar's domain (RFC 5922)
    TlsTrust tls;
    bool refuse_md5 = false;      // digest: refuse challenges that offer only MD5
};

struct UserAgentOptions {
    std::size_t max_transactions = 64;
    std::chrono::seconds keep_alive_interval{30};  // RFC 5626 CRLF ping; 0: off
    std::chrono::seconds keep_alive_timeout{10};   // streams: no pong by then ends the flow
};

enum class RegistrationState { unregistered, registering, registered, failed };

const char *to_string(RegistrationState state);

struct RegistrationStatus {
    RegistrationState state = RegistrationState::unregistered;
    int status_code = 0;            // of the last final response, 0 when none
    std::string reason;             // why it failed, or the response's reason phrase
    std::uint32_t expires_s = 0;    // granted by the registrar, when registered
    bool will_retry = false;        // failed for a reason that may pass (network), retrying
};

struct UserAgentCounters {
    std::size_t transactions_active = 0;
    std::size_t transactions_peak = 0;
    std::uint64_t transactions_refused = 0;
    std::uint64_t messages_received = 0;
    std::uint64_t messages_rejected = 0;
    std::uint64_t keep_alives_sent = 0;
};

class UserAgent {
public:
    using RegistrationHandler = std::function<void(const RegistrationStatus &)>;

    // Checks the profile (URIs, transport plugin loaded, TLS files) and
    // prepares the agent; sends nothing yet.
    static Result<std::unique_ptr<UserAgent>> create(boost::asio::io_context &loop, const PluginRegistry &plugins,
                                                     Profile profile, UserAgentOptions options, Logger &logger);
    virtual ~UserAgent() = default;

    virtual void on_registration(RegistrationHandler handler) = 0;
    // Registers, then refreshes before the registration expires, until
    // unregister(). Network failures are retried with backoff; refused
    // credentials or a refusal by the registrar are not.
    virtual void register_account() = 0;
    // Removes the binding (Expires: 0); the handler hears "unregistered".
    virtual void unregister() = 0;
    virtual RegistrationStatus registration() const = 0;

    // The signalling flow: its local and remote address, TLS version and
    // cipher; nothing before the first request.
    virtual std::optional<FlowInfo> signalling_flow() const = 0;
    virtual UserAgentCounters counters() const = 0;
};

}  // namespace cordon
