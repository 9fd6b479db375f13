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

#include "cordon/host/body_encryption.hpp"
#include "cordon/host/call_audio.hpp"
#include "cordon/host/log.hpp"
#include "cordon/host/presence.hpp"
#include "cordon/host/result.hpp"
#include "cordon/host/sandbox.hpp"
#include "cordon/host/transport.hpp"

namespace boost::asio {
class io_context;
}

namespace cordon {

class PluginRegistry;

// How the TLS transport judges the server. Verification is on unless turned
// off here; turning it off is for tests against throw-away certificates.
struct TlsTrust {
    std::string ca_file; // PEM; empty: the system's trust store
    bool verify = true;
    std::string min_version = "1.2"; // "1.2" or "1.3"
    std::string certificate_file;    // optional client certificate (PEM)
    std::string private_key_file;
};

struct Profile {
    std::string identity; // address of record, "sip:alice@example.com"
    std::string display_name;
    std::string registrar;         // "sip:example.com"; empty: the identity's domain
    std::string outbound_proxy;    // "host" or "host:port"; empty: the registrar's host
    std::string transport = "tls"; // "udp", "tcp" or "tls"
    std::string username;          // empty: the identity's user part
    std::string password;          // never logged
    std::string local_address;     // numeric; empty: the address the system routes from
    std::uint32_t register_expires_s = 600;
    std::string tls_server_name; // empty: the registrar's domain (RFC 5922)
    TlsTrust tls;
    bool refuse_md5 = false; // digest: refuse challenges that offer only MD5
};

struct UserAgentOptions {
    std::size_t max_transactions = 64;
    std::size_t max_calls = 4; // concurrent dialogs; more incoming calls get 486
    // How long a call may ring: an incoming call neither answered nor
    // declined by then is refused 480 Temporarily Unavailable, and an
    // outgoing one with no final response is cancelled; either ends with a
    // reason that says so. Three minutes, as RFC 3261's Timer C.
    std::chrono::milliseconds ring_timeout{std::chrono::minutes(3)};
    // An established sendrecv call that has received no media that
    // authenticates (RTP or RTCP) for this long is ended with a BYE; a call
    // on hold is never. 0: never.
    std::chrono::milliseconds media_inactivity_timeout{std::chrono::seconds(60)};
    // RFC 3261's 64*T1 (32 s) where the call itself times it: how long a 2xx
    // to an INVITE is sent again while its ACK does not come before the call
    // ends with a BYE (section 13.3.1.4), and how long a cancelled INVITE
    // waits for its final response before it is given up (section 9.1).
    // Shorter only where round trips are known to be short; the
    // transactions' own timers keep 64*T1.
    std::chrono::milliseconds timer_64_t1{std::chrono::seconds(32)};
    std::chrono::seconds keep_alive_interval{30}; // RFC 5626 CRLF ping; 0: off
    std::chrono::seconds keep_alive_timeout{10};  // streams: no pong by then ends the flow
    // Opt-in: also listen on this fixed port of the local address (0: never,
    // the default). Only peers in listen_allow are heard; empty: only the
    // next hop (outbound proxy or registrar).
    std::uint16_t listen_port = 0;
    std::vector<std::string> listen_allow;
    // SRTP for every call unless set otherwise (see call_audio.hpp).
    MediaEncryption media_encryption = MediaEncryption::required;
    // Encoding names to offer and accept, most preferred first ("opus",
    // "PCMU"); empty: every format of the loaded codec plugins.
    std::vector<std::string> codecs;
    // Presence limits (see presence.hpp), and the watchers allowed to see
    // this user's presence when the application sets no on_watcher handler
    // (URIs, "sip:bob@example.com"); empty: nobody.
    PresenceLimits presence;
    std::vector<std::string> presence_watchers;
    // MESSAGE bodies: S/MIME when the next hop is not TLS (the default,
    // when_no_tls), always, or never; the own identity and the peers'
    // certificates (body_encryption.hpp). A message that must be encrypted
    // and cannot be is not sent: send_message fails with
    // ErrorCode::encryption_unavailable and says why.
    BodyEncryptionSettings body_encryption;
};

enum class RegistrationState { unregistered, registering, registered, failed };

const char *to_string(RegistrationState state);

struct RegistrationStatus {
    RegistrationState state = RegistrationState::unregistered;
    int status_code = 0;         // of the last final response, 0 when none
    std::string reason;          // why it failed, or the response's reason phrase
    std::uint32_t expires_s = 0; // granted by the registrar, when registered
    bool will_retry = false;     // failed for a reason that may pass (network), retrying
};

// What a call's offer and answer agreed on.
struct CallMedia {
    std::string codec; // encoding name, e.g. "opus"
    std::uint32_t clock_rate = 0;
    std::uint32_t channels = 1;
    int payload_type = -1;
    Endpoint remote;       // where to send RTP
    std::string direction; // "sendrecv", "sendonly", "recvonly", "inactive", seen from this side
};

enum class CallState { calling, ringing, incoming, established, ended };

const char *to_string(CallState state);

struct CallEvent {
    enum class Kind { trying, ringing, answered, held, resumed, ended };
    Kind kind = Kind::trying;
    int status_code = 0; // of the response that caused it, when one did
    std::string reason;  // for ended: why ("hung up by the peer", "486 Busy Here", ...)
};

const char *to_string(CallEvent::Kind kind);

// One call, made or received. Calls on it run on the agent's loop thread.
class Call {
public:
    using EventHandler = std::function<void(const CallEvent &)>;
    virtual ~Call() = default;

    virtual const std::string &id() const = 0;   // the Call-ID
    virtual const std::string &peer() const = 0; // the other party's URI
    virtual bool incoming() const = 0;
    virtual CallState state() const = 0;
    virtual std::optional<CallMedia> media() const = 0;
    // What the call's audio did so far (and in the end); nothing before the
    // media was negotiated.
    virtual std::optional<MediaStats> media_stats() const = 0;
    virtual void on_event(EventHandler handler) = 0;

    // Incoming calls: accept, playing and recording as audio says (the
    // answer carries the codecs both support), or decline (486 Busy Here by
    // default). An offer media.encryption cannot accept was refused (488)
    // before the call was offered to the application.
    virtual Result<void> answer(const CallAudio &audio) = 0;
    virtual Result<void> decline(int status_code = 486) = 0;
    // Re-INVITE with sendonly (hold) or sendrecv (resume).
    virtual Result<void> hold() = 0;
    virtual Result<void> resume() = 0;
    // CANCEL before the answer, BYE after it; declines an incoming call.
    virtual void hang_up() = 0;
};

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
