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
#include <vector>

#include "cordon/host/call.hpp"
#include "cordon/host/call_audio.hpp"
#include "cordon/host/log.hpp"
#include "cordon/host/presence.hpp"
#include "cordon/host/profile.hpp"
#include "cordon/host/registration.hpp"
#include "cordon/host/result.hpp"
#include "cordon/host/sandbox.hpp"
#include "cordon/host/transport.hpp"
#include "cordon/host/user_agent_options.hpp"

namespace boost::asio {
class io_context;
}

namespace cordon {

class PluginRegistry;

struct IncomingMessage {
    std::string from;         // the sender's URI
    std::string content_type; // of the body as the sender wrote it (inside the S/MIME envelope)
    std::string body;
    bool encrypted = false; // it came as S/MIME and was decrypted with this agent's identity
};

// Outcome of a MESSAGE or OPTIONS sent: the final status, or 0 with the
// reason it never got one.
struct RequestOutcome {
    int status_code = 0;
    std::string reason;
};

struct UserAgentCounters {
    std::size_t transactions_active = 0;
    std::size_t transactions_peak = 0;
    std::uint64_t transactions_refused = 0;
    std::uint64_t messages_received = 0;
    std::uint64_t messages_rejected = 0;
    std::uint64_t messages_undecipherable = 0; // MESSAGEs with S/MIME bodies not decrypted: answered 493
    std::uint64_t keep_alives_sent = 0;
    std::uint64_t peers_refused = 0; // on the listening port: not on the allow-list
    std::size_t calls_active = 0;
    std::uint64_t calls_refused = 0; // incoming calls over the limit, answered 486
};

// What exists now, not totals: each figure rises when something starts and
// falls when it ends, so a quiet agent after any number of calls,
// subscriptions and registrations reports what it reported before them.
struct CodecInstancesAlive {
    std::string plugin; // the codec plugin's id
    Isolation isolation = Isolation::in_process;
    std::size_t instances = 0; // of every agent sharing the plugin registry
};

struct AliveCounts {
    std::size_t calls = 0;                            // calls the agent routes to (until they end)
    std::size_t call_objects = 0;                     // Call objects that exist, the application's ended ones included
    std::size_t dialogs = 0;                          // of calls, presence subscriptions and watchers
    std::size_t transactions = 0;                     // SIP transactions, finished ones included until their timers end
    std::size_t media_streams = 0;                    // calls' audio streams (sockets, clock, jitter buffer, codec)
    std::size_t subscriptions = 0;                    // contacts watched
    std::size_t watchers = 0;                         // subscriptions to this user
    std::vector<CodecInstancesAlive> codec_instances; // one per codec plugin loaded
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

    // Calls. A call to target ("sip:bob@example.com") offers the codecs of
    // the loaded codec plugins (or options.codecs), with SRTP keys as
    // media.encryption says, and plays and records as audio says. The RTP
    // and RTCP sockets are opened on local_address(), on ports the kernel
    // picks, for this call only.
    virtual Result<std::shared_ptr<Call>> call(const std::string &target, const CallAudio &audio) = 0;
    // Incoming calls; with no handler every call is declined 480.
    virtual void on_incoming_call(std::function<void(std::shared_ptr<Call>)> handler) = 0;

    // Instant messages (RFC 3428).
    virtual Result<void> send_message(const std::string &target, const std::string &content_type,
                                      const std::string &body, std::function<void(const RequestOutcome &)> done) = 0;
    virtual void on_message(std::function<void(const IncomingMessage &)> handler) = 0;
    // OPTIONS to target (a user, or the server itself "sip:example.com").
    virtual Result<void> send_options(const std::string &target, std::function<void(const RequestOutcome &)> done) = 0;

    // Presence (presence.hpp). Watch a contact: SUBSCRIBE, refreshed before
    // it expires and renewed after the notifier ends it when RFC 6665 lets
    // it, until unsubscribe_presence. Refused over presence.max_subscriptions.
    virtual Result<void> subscribe_presence(const std::string &contact) = 0;
    virtual Result<void> unsubscribe_presence(const std::string &contact) = 0;
    // The waiting updates, up to max, oldest contact first; each contact's
    // newest state. handler runs (on the loop) when updates are waiting.
    virtual std::vector<PresenceUpdate> take_presence_updates(std::size_t max) = 0;
    virtual void on_presence_ready(std::function<void()> handler) = 0;
    // The newest state of a contact watched (or last watched), whether or
    // not its update was taken; nothing for a contact never watched.
    virtual std::optional<PresenceUpdate> presence_of(const std::string &contact) const = 0;
    // This user's status: to every allowed watcher (NOTIFY) and to the
    // presence server (PUBLISH, done hears its outcome); withdraw removes
    // what was published.
    virtual Result<void> publish_presence(const PresenceStatus &status,
                                          std::function<void(const RequestOutcome &)> done) = 0;
    virtual Result<void> withdraw_presence(std::function<void(const RequestOutcome &)> done) = 0;
    // Decides who may watch this user; without it, options.presence_watchers
    // decides, and everyone else is denied (403).
    virtual void on_watcher(std::function<WatcherDecision(const std::string &watcher)> decide) = 0;
    virtual PresenceCounters presence_counters() const = 0;

    // The signalling flow: its local and remote address, TLS version and
    // cipher; nothing before the first request.
    virtual std::optional<FlowInfo> signalling_flow() const = 0;
    // The numeric address of the interface this agent signals from, where its
    // media should be received too.
    virtual const std::string &local_address() const = 0;
    virtual UserAgentCounters counters() const = 0;
    // What the agent holds now (calls, dialogs, transactions, streams, codec
    // instances, subscriptions): the same before and after any number of
    // calls once it is quiet.
    virtual AliveCounts alive() const = 0;
};

} // namespace cordon
