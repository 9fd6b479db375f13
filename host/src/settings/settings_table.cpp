// The settings table: the one place where a setting is defined. The parser,
// `settings_schema()` and `cordon config explain` all read these rows.
//
// To add a setting: add a field to Settings (settings.hpp) and a row here.
// The row's default is what a file without the key gets, and table_problem()
// refuses to compile a row whose default breaks its own rules.
#include <array>

#include <utility>

#include "settings/encryption_setting_rows.hpp"
#include "settings/setting_spec.hpp"

namespace cordon::settings_detail {
namespace {

// Indexed by LogLevel: the position of a name is the level's value.
constexpr std::array<std::string_view, 4> log_level_names = {"error", "warning", "info", "debug"};
static_assert(static_cast<std::size_t>(LogLevel::error) == 0 && static_cast<std::size_t>(LogLevel::warning) == 1 &&
              static_cast<std::size_t>(LogLevel::info) == 2 && static_cast<std::size_t>(LogLevel::debug) == 3);

constexpr std::array<std::string_view, 3> transport_names = {"tls", "tcp", "udp"};
constexpr std::array<std::string_view, 2> tls_version_names = {"1.2", "1.3"};
// Indexed by MediaEncryption.
constexpr std::array<std::string_view, 3> media_encryption_names = {"required", "optional", "off"};
static_assert(static_cast<std::size_t>(MediaEncryption::required) == 0 &&
              static_cast<std::size_t>(MediaEncryption::optional) == 1 &&
              static_cast<std::size_t>(MediaEncryption::off) == 2);

// The presence.* defaults are those of the embedding API, so the two cannot drift.
constexpr PresenceLimits presence_defaults{};

constexpr std::array<SettingSpec, 43> core_settings = {{
    {
        .key = "auth.refuse_md5",
        .kind = BooleanSetting{.default_value = false,
                               .store = [](Settings &settings, bool refuse) { settings.profile.refuse_md5 = refuse; }},
        .description = "Refuse digest challenges that ask for MD5 or MD5-sess. A server offering SHA-256 or "
                       "SHA-512-256 as well is answered with those; one that offers only MD5 gets no answer, and "
                       "the request fails with the refusal.",
        .security_note = "Digest always answers the strongest algorithm a server offers, so MD5 is used only with "
                         "servers that offer nothing else. MD5 is broken for collisions, and an MD5 digest overheard "
                         "on a path without TLS is cheap to attack offline to recover a weak password. Set this to "
                         "true once your servers offer SHA-256 (RFC 8760).",
    },
    {
        .key = "log.level",
        .kind = ChoiceSetting{.choices = log_level_names,
                              .default_value = "info",
                              .store = [](Settings &settings,
                                          std::size_t index) { settings.log_level = static_cast<LogLevel>(index); }},
        .description = "How much the host and its plugins write to the log: \"error\" writes only errors, "
                       "each later level adds to the one before it, and \"debug\" writes everything.",
        .security_note = "",
    },
    {
        .key = "plugins.directories",
        .kind = PathListSetting{.default_value = {},
                                .store =
                                    [](Settings &settings, std::vector<std::filesystem::path> paths) {
                                        settings.plugin_directories = std::move(paths);
                                    }},
        .description = "Extra directories searched for plugins, in this order, after the built-in directory "
                       "next to the cordon binary.",
        .security_note = "Every library found in these directories is loaded: inside the host process only if "
                         "it is trusted (see plugins.trusted); an untrusted codec runs in the codec sandbox, and "
                         "an untrusted plugin of any other kind is refused. Keep these directories writable only "
                         "by their owner.",
    },
    {
        .key = "plugins.trusted",
        .kind = PathListSetting{.default_value = {},
                                .store =
                                    [](Settings &settings, std::vector<std::filesystem::path> paths) {
                                        settings.trusted_plugins = std::move(paths);
                                    }},
        .description = "Plugin files, and directories of plugin files, that load inside the host process "
                       "instead of in the codec sandbox.",
        .security_note = "A trusted plugin runs with all of the application's privileges and is not sandboxed: "
                         "list only code you would link into your application. Every other plugin is "
                         "untrusted. Trust holds only while the file and every directory above it, up to /, are "
                         "owned by root or by the user running cordon and writable by neither group nor others "
                         "(as sshd's StrictModes; a sticky directory like /tmp does not count), and the file is "
                         "no symbolic link; otherwise the plugin is untrusted and a warning names the path and "
                         "the owner or bit to fix (e.g. chmod g-w on a directory made under umask 002). The "
                         "file is checked and loaded through one open descriptor, so a file renamed over it "
                         "after the check is not what runs.",
    },
    {
        .key = "plugins.sandboxed",
        .kind = StringListSetting{.default_value = {},
                                  .store =
                                      [](Settings &settings, std::vector<std::string> ids) {
                                          settings.sandboxed_plugins = std::move(ids);
                                      }},
        .description = "Ids of trusted codec plugins (e.g. \"org.cordon.codec.opus\") that run in the codec sandbox "
                       "all the same; \"*\" sends every codec plugin there. Untrusted codec plugins always run in "
                       "the sandbox, and untrusted plugins of other kinds are refused.",
        .security_note = "Sandboxing costs a round trip per batch of frames and buys containment: a codec that is "
                         "exploited by a crafted packet can then reach neither the network, nor files, nor the "
                         "application's memory. To run an untrusted plugin in process you must list its file in "
                         "plugins.trusted; an id alone never moves a plugin out of the sandbox, because an "
                         "untrusted plugin can claim any id.",
    },
    {
        .key = "sandbox.call_deadline_ms",
        .kind = IntegerSetting{.minimum = 0,
                               .maximum = 10000,
                               .default_value = 0,
                               .store =
                                   [](Settings &settings, std::int64_t value) {
                                       settings.sandbox.call_deadline = std::chrono::milliseconds(value);
                                   }},
        .description = "How long one encode, decode or conceal may take in the sandbox before the child is killed "
                       "as hung and restarted (the frame is lost). 0: twice the frame duration, at least 20 ms.",
        .security_note = "The deadline is what stops a hostile or broken codec from stalling a call: keep it short. "
                         "Too short a deadline on a loaded machine kills healthy children and loses frames.",
    },
    {
        .key = "sandbox.real_time_limit_percent",
        .kind = IntegerSetting{.minimum = 10,
                               .maximum = 1000,
                               .default_value = 100,
                               .store =
                                   [](Settings &settings, std::int64_t value) {
                                       settings.sandbox.real_time_limit_percent = static_cast<std::uint32_t>(value);
                                   }},
        .description = "How much of the audio's own duration a sandboxed codec may take, measured over each second "
                       "of audio it encodes, decodes or conceals: 100 means one second of its own time (running, "
                       "or sleeping and blocking by its own choice; not time spent waiting for a CPU) per second "
                       "of audio. Past it the child is killed as too slow for real time and restarted.",
        .security_note = "A codec that stays under the per-call deadline but is slower than real time (say 35 ms "
                         "for every 20 ms frame) silently degrades every call it serves; this limit makes that a "
                         "fault, restarted and then quarantined like the others. Raise it only for a machine so "
                         "slow that healthy codecs reach it.",
    },
    {
        .key = "sandbox.startup_deadline_ms",
        .kind = IntegerSetting{.minimum = 100,
                               .maximum = 60000,
                               .default_value = 2000,
                               .store =
                                   [](Settings &settings, std::int64_t value) {
                                       settings.sandbox.startup_deadline = std::chrono::milliseconds(value);
                                   }},
        .description = "How long a sandbox child may take to start (load and lock down the plugin, describe it), "
                       "and to create, reset or destroy an instance.",
        .security_note = "",
    },
    {
        .key = "sandbox.memory_limit_mb",
        .kind = IntegerSetting{.minimum = 16,
                               .maximum = 65536,
                               .default_value = 256,
                               .store =
                                   [](Settings &settings, std::int64_t value) {
                                       settings.sandbox.memory_limit_bytes = static_cast<std::uint64_t>(value) << 20;
                                   }},
        .description = "The address space of each sandbox child, in MiB (its RLIMIT_AS). A codec needs a few MiB.",
        .security_note = "Bounds what a runaway or hostile codec can take from the machine; a child that reaches "
                         "it fails and is restarted. Not applied in sanitizer builds, whose runtime reserves "
                         "terabytes of address space.",
    },
    {
        .key = "sandbox.max_failures",
        .kind = IntegerSetting{.minimum = 1,
                               .maximum = 1000,
                               .default_value = 5,
                               .store =
                                   [](Settings &settings, std::int64_t value) {
                                       settings.sandbox.max_failures = static_cast<std::uint32_t>(value);
                                   }},
        .description = "A sandboxed plugin whose child fails this many times within sandbox.failure_window_s is "
                       "quarantined: it is not restarted again, and every call on it gets an error.",
        .security_note = "Restarting a plugin that fails on every packet gives an attacker unlimited tries; "
                         "quarantine ends them. The first restart is immediate, each further one waits twice "
                         "as long (from 10 ms up to 1 s).",
    },
    {
        .key = "sandbox.failure_window_s",
        .kind = IntegerSetting{.minimum = 1,
                               .maximum = 86400,
                               .default_value = 60,
                               .store =
                                   [](Settings &settings, std::int64_t value) {
                                       settings.sandbox.failure_window = std::chrono::seconds(value);
                                   }},
        .description = "The window, in seconds, within which sandbox.max_failures failures quarantine a plugin.",
        .security_note = "",
    },
    {
        .key = "profile.identity",
        .kind = StringSetting{.default_value = "",
                              .store = [](Settings &settings,
                                          std::string value) { settings.profile.identity = std::move(value); }},
        .description = "The account's address of record, e.g. \"sip:alice@example.com\": who `cordon register`, "
                       "`call` and `message` act as.",
        .security_note = "",
    },
    {
        .key = "profile.display_name",
        .kind = StringSetting{.default_value = "",
                              .store = [](Settings &settings,
                                          std::string value) { settings.profile.display_name = std::move(value); }},
        .description = "The name shown to the people this account calls or writes to.",
        .security_note = "",
    },
    {
        .key = "profile.registrar",
        .kind = StringSetting{.default_value = "",
                              .store = [](Settings &settings,
                                          std::string value) { settings.profile.registrar = std::move(value); }},
        .description = "The registrar's URI, e.g. \"sip:example.com\". Empty: the identity's domain.",
        .security_note = "",
    },
    {
        .key = "profile.outbound_proxy",
        .kind = StringSetting{.default_value = "",
                              .store = [](Settings &settings,
                                          std::string value) { settings.profile.outbound_proxy = std::move(value); }},
        .description = "Where signalling goes first, \"host\" or \"host:port\" (e.g. \"192.0.2.10:5061\"). Empty: "
                       "the registrar's host, port 5061 for tls and 5060 otherwise.",
        .security_note = "Over tls the server must still prove the registrar's domain (or profile.tls_server_name), "
                         "whatever address this names.",
    },
    {
        .key = "profile.transport",
        .kind = ChoiceSetting{.choices = transport_names,
                              .default_value = "tls",
                              .store =
                                  [](Settings &settings, std::size_t index) {
                                      settings.profile.transport = std::string(transport_names[index]);
                                  }},
        .description = "The transport plugin signalling uses: \"tls\", \"tcp\" or \"udp\".",
        .security_note = "Over udp and tcp everything in signalling travels in clear and unauthenticated: who calls "
                         "whom, messages, and the digest answers an eavesdropper can try to crack offline; the "
                         "server is not authenticated either. Basic credentials are never sent over them, and "
                         "media keys (SDES) are not either. Keep tls unless the network itself is trusted.",
    },
    {
        .key = "profile.username",
        .kind = StringSetting{.default_value = "",
                              .store = [](Settings &settings,
                                          std::string value) { settings.profile.username = std::move(value); }},
        .description = "The user name for authentication. Empty: the identity's user part.",
        .security_note = "",
    },
    {
        .key = "profile.password",
        .kind = StringSetting{.default_value = "",
                              .store = [](Settings &settings,
                                          std::string value) { settings.profile.password = std::move(value); }},
        .description = "The password answering digest (and, over TLS only, Basic) challenges.",
        .security_note = "Stored in this file as written: keep the file readable only by its owner. Cordon never "
                         "writes the password to its log, and sends it only as a digest answer, or inside TLS for "
                         "Basic.",
    },
    {
        .key = "profile.local_address",
        .kind = StringSetting{.default_value = "",
                              .store = [](Settings &settings,
                                          std::string value) { settings.profile.local_address = std::move(value); }},
        .description = "The numeric address of the interface signalling leaves from. Empty: the one the system "
                       "routes to the next hop from.",
        .security_note = "A wildcard (0.0.0.0 or ::) is refused: sockets are bound to one interface, and on an "
                         "ephemeral port, so nothing can reach the client except over its own flow.",
    },
    {
        .key = "profile.register_expires_s",
        .kind = IntegerSetting{.minimum = 60,
                               .maximum = 86400,
                               .default_value = 600,
                               .store =
                                   [](Settings &settings, std::int64_t value) {
                                       settings.profile.register_expires_s = static_cast<std::uint32_t>(value);
                                   }},
        .description = "How long a registration is asked to last, in seconds; it is refreshed before it expires.",
        .security_note = "",
    },
    {
        .key = "profile.tls_server_name",
        .kind = StringSetting{.default_value = "",
                              .store = [](Settings &settings,
                                          std::string value) { settings.profile.tls_server_name = std::move(value); }},
        .description = "The name the TLS server's certificate must carry (RFC 5922). Empty: the registrar's domain.",
        .security_note = "Set it only to the SIP domain you mean to reach: the certificate check proves the server "
                         "is that domain and nothing else.",
    },
    {
        .key = "tls.ca_file",
        .kind =
            PathSetting{.default_value = "",
                        .store = [](Settings &settings,
                                    std::filesystem::path value) { settings.profile.tls.ca_file = value.string(); }},
        .description = "A PEM file of the certificate authorities TLS servers are checked against. Empty: the "
                       "system's trust store.",
        .security_note = "Every authority in this file can vouch for any server name: list only those you mean to "
                         "trust for signalling.",
    },
    {
        .key = "tls.verify",
        .kind = BooleanSetting{.default_value = true,
                               .store = [](Settings &settings, bool value) { settings.profile.tls.verify = value; }},
        .description = "Whether a TLS server's certificate and name are verified.",
        .security_note = "false accepts any server, so anyone on the path can read and change signalling. Such a "
                         "hop is not a secure next hop: Cordon then treats it like plain tcp, so Basic is never "
                         "answered, SDES media keys are neither sent nor taken (media.encryption \"required\" "
                         "refuses calls) and encryption.body_mode \"when-no-tls\" encrypts bodies. Digest is still "
                         "answered, so an impostor can attack a weak password offline. It exists for tests with "
                         "throw-away certificates; each connection made without verification logs a warning.",
    },
    {
        .key = "tls.min_version",
        .kind = ChoiceSetting{.choices = tls_version_names,
                              .default_value = "1.2",
                              .store =
                                  [](Settings &settings, std::size_t index) {
                                      settings.profile.tls.min_version = std::string(tls_version_names[index]);
                                  }},
        .description = "The oldest TLS version accepted: \"1.2\" or \"1.3\".",
        .security_note = "Versions before 1.2 are never offered; a server that speaks only those is refused with "
                         "that reason, not downgraded to.",
    },
    {
        .key = "tls.certificate_file",
        .kind = PathSetting{.default_value = "",
                            .store =
                                [](Settings &settings, std::filesystem::path value) {
                                    settings.profile.tls.certificate_file = value.string();
                                }},
        .description = "A PEM client certificate chain presented to TLS servers that ask for one. Empty: none.",
        .security_note = "",
    },
    {
        .key = "tls.private_key_file",
        .kind = PathSetting{.default_value = "",
                            .store =
                                [](Settings &settings, std::filesystem::path value) {
                                    settings.profile.tls.private_key_file = value.string();
                                }},
        .description = "The PEM private key of tls.certificate_file.",
        .security_note = "Whoever reads this file can act as this client: keep it readable only by its owner.",
    },
    {
        .key = "sip.max_transactions",
        .kind = IntegerSetting{.minimum = 1,
                               .maximum = 10000,
                               .default_value = 64,
                               .store =
                                   [](Settings &settings, std::int64_t value) {
                                       settings.user_agent.max_transactions = static_cast<std::size_t>(value);
                                   }},
        .description = "How many SIP transactions (ours and our peers') may be in progress at once. A peer's "
                       "request beyond it is answered 503; one of ours fails with a clear error.",
        .security_note = "Bounds what a flood of requests can make the client hold in memory and work on.",
    },
    {
        .key = "sip.max_calls",
        .kind = IntegerSetting{.minimum = 1,
                               .maximum = 1000,
                               .default_value = 4,
                               .store =
                                   [](Settings &settings, std::int64_t value) {
                                       settings.user_agent.max_calls = static_cast<std::size_t>(value);
                                   }},
        .description = "How many calls (dialogs) may be in progress at once. An incoming call beyond it is answered "
                       "486 Busy Here and counted; placing one beyond it fails with a clear error.",
        .security_note = "Bounds what a flood of INVITEs can make the client hold: each call keeps a dialog and "
                         "its media description.",
    },
    {
        .key = "sip.ring_timeout_s",
        .kind = IntegerSetting{.minimum = 1,
                               .maximum = 3600,
                               .default_value = 180,
                               .store =
                                   [](Settings &settings, std::int64_t value) {
                                       settings.user_agent.ring_timeout = std::chrono::seconds(value);
                                   }},
        .description = "Seconds a call may ring. An incoming call neither answered nor declined by then is refused "
                       "480 Temporarily Unavailable and ends with \"not answered within N s (ring timeout)\"; an "
                       "outgoing call with no final response by then is cancelled. An incoming INVITE whose Expires "
                       "header is shorter is refused 487 when that runs out (RFC 3261 section 13.3.1). The default "
                       "is the 3 minutes of RFC 3261's Timer C, the least a proxy waits for a final response "
                       "before it cancels.",
        .security_note = "Bounds how long a caller can hold one of the sip.max_calls slots without the call ever "
                         "being answered: INVITEs whose CANCEL was lost, or sent on purpose and never cancelled, "
                         "free their slot after this time instead of refusing every later call with 486.",
    },
    {
        .key = "sip.keepalive_interval_s",
        .kind = IntegerSetting{.minimum = 0,
                               .maximum = 3600,
                               .default_value = 30,
                               .store =
                                   [](Settings &settings, std::int64_t value) {
                                       settings.user_agent.keep_alive_interval = std::chrono::seconds(value);
                                   }},
        .description = "Seconds between keep-alives (RFC 5626 CRLF ping) on the signalling flow; on TCP and TLS a "
                       "missing answer ends the flow, which is then opened again. 0: no keep-alives.",
        .security_note = "Without keep-alives a NAT or the proxy may close the flow, and with no listening port "
                         "the client is then unreachable until it registers again.",
    },
    {
        .key = "sip.listen_port",
        .kind = IntegerSetting{.minimum = 0,
                               .maximum = 65535,
                               .default_value = 0,
                               .store =
                                   [](Settings &settings, std::int64_t value) {
                                       settings.user_agent.listen_port = static_cast<std::uint16_t>(value);
                                   }},
        .description = "A fixed port on profile.local_address where the client also listens for requests, over "
                       "profile.transport, and which its Contact then names. 0 (the default): no listening socket; "
                       "requests arrive over the client's own connection to its proxy.",
        .security_note = "A listening port lets anyone who can reach this address send the client requests: calls, "
                         "messages, probes of what it runs. Only peers in sip.listen_allow are heard. Leave it at 0 "
                         "unless your proxy cannot reach the client over the client's own connection; a tls listener "
                         "also needs tls.certificate_file and tls.private_key_file.",
    },
    {
        .key = "sip.listen_allow",
        .kind = StringListSetting{.default_value = {},
                                  .store =
                                      [](Settings &settings, std::vector<std::string> addresses) {
                                          settings.user_agent.listen_allow = std::move(addresses);
                                      }},
        .description = "Numeric addresses whose requests the listening port (sip.listen_port) accepts. Empty: only "
                       "the next hop's address (the outbound proxy or registrar).",
        .security_note = "Every address listed can reach the client directly, past the proxy's authentication: "
                         "list only your own SIP servers. Datagrams from others are dropped and connections closed, "
                         "and each refusal is counted.",
    },
    {
        .key = "media.encryption",
        .kind = ChoiceSetting{.choices = media_encryption_names,
                              .default_value = "required",
                              .store =
                                  [](Settings &settings, std::size_t index) {
                                      settings.user_agent.media_encryption = static_cast<MediaEncryption>(index);
                                  }},
        .description = "SRTP for calls: \"required\" (offer RTP/SAVP with SDES keys, answer 488 to an offer "
                       "without acceptable keys), \"optional\" (offer keys under RTP/AVP, use them when the peer "
                       "answers with its own, plain RTP otherwise) or \"off\" (plain RTP only).",
        .security_note = "Without SRTP anyone on the path hears the call and can inject audio into it. SDES keys "
                         "travel inside the SDP, so they are only ever sent and accepted over TLS signalling to a "
                         "verified server: with \"required\", calls over udp, tcp or tls with tls.verify = false fail "
                         "rather than expose keys or audio; \"optional\" "
                         "falls back to plain RTP there without saying so to the peer's user.",
    },
    {
        .key = "media.codecs",
        .kind = StringListSetting{.default_value = {},
                                  .store =
                                      [](Settings &settings, std::vector<std::string> names) {
                                          settings.user_agent.codecs = std::move(names);
                                      }},
        .description = "Encoding names calls offer and accept, most preferred first (e.g. [\"opus\", \"PCMU\"]). "
                       "Empty: every format of the loaded codec plugins, the widest band first.",
        .security_note = "Each codec is code that decodes what the peer sends; listing only the ones you need "
                         "leaves the others unreachable from the network.",
    },
    {
        .key = "media.inactivity_timeout_s",
        .kind = IntegerSetting{.minimum = 0,
                               .maximum = 3600,
                               .default_value = 60,
                               .store =
                                   [](Settings &settings, std::int64_t value) {
                                       settings.user_agent.media_inactivity_timeout = std::chrono::seconds(value);
                                   }},
        .description = "Seconds an established call may go without any RTP or RTCP from the peer before it is "
                       "ended with a BYE (\"no media from the peer for N s\"): the peer has gone without hanging "
                       "up. Judged only while both sides send (sendrecv); a call on hold, either way, is never "
                       "ended for silence. With SRTP only packets that authenticate count. 0: never. The default "
                       "leaves a wide margin over RFC 3550's 25 s (five RTCP intervals of at least 5 s) after which "
                       "a silent source counts as gone, for peers that pause RTP in silence and report rarely.",
        .security_note = "Bounds how long a peer that vanished holds a call slot, its sockets and codec. Forged or "
                         "replayed SRTP packets fail authentication and never count as media, so an attacker "
                         "cannot keep a dead call open by spraying packets at it; plain RTP is counted from the "
                         "peer's address only. 0 keeps such calls until the application hangs up.",
    },
    {
        .key = "presence.max_subscriptions",
        .kind = IntegerSetting{.minimum = 1,
                               .maximum = 10000,
                               .default_value = presence_defaults.max_subscriptions,
                               .store =
                                   [](Settings &settings, std::int64_t value) {
                                       settings.user_agent.presence.max_subscriptions = static_cast<std::size_t>(value);
                                   }},
        .description = "How many contacts may be watched (subscribed to) at once. Watching one more fails with a "
                       "clear error and is counted (subscriptions_refused).",
        .security_note = "Each watched contact holds a dialog, a refresh timer and its newest state, and every "
                         "NOTIFY received is matched against them: this bounds that memory and work.",
    },
    {
        .key = "presence.max_queued_updates",
        .kind = IntegerSetting{.minimum = 1,
                               .maximum = 10000,
                               .default_value = presence_defaults.max_queued_updates,
                               .store =
                                   [](Settings &settings, std::int64_t value) {
                                       settings.user_agent.presence.max_queued_updates =
                                           static_cast<std::size_t>(value);
                                   }},
        .description = "How many presence updates may wait for the application to take them. A newer state of a "
                       "contact already waiting replaces it (coalesced); a new contact's update beyond the limit is "
                       "not queued (dropped, counted) but its state stays readable with presence_of.",
        .security_note = "Bounds what watched contacts, or a peer sending NOTIFYs in a flood, can make pile up "
                         "while the application is slow: at most one update per contact, at most this many in all.",
    },
    {
        .key = "presence.max_watchers",
        .kind = IntegerSetting{.minimum = 0,
                               .maximum = 1000,
                               .default_value = presence_defaults.max_watchers,
                               .store =
                                   [](Settings &settings, std::int64_t value) {
                                       settings.user_agent.presence.max_watchers = static_cast<std::size_t>(value);
                                   }},
        .description = "How many subscriptions to this user's presence (watchers) may be active at once; one more "
                       "is answered 480 and counted (watchers_refused). 0: nobody may watch.",
        .security_note = "Each watcher holds a dialog and gets a NOTIFY at every change of status: this bounds the "
                         "memory and the outgoing traffic that subscribers can cause, allowed or not.",
    },
    {
        .key = "presence.max_pending_notifies",
        .kind = IntegerSetting{.minimum = 1,
                               .maximum = 1000,
                               .default_value = presence_defaults.max_pending_notifies,
                               .store =
                                   [](Settings &settings, std::int64_t value) {
                                       settings.user_agent.presence.max_pending_notifies =
                                           static_cast<std::size_t>(value);
                                   }},
        .description = "How many NOTIFYs to watchers may be sent and not yet answered, all watchers together (and "
                       "never more than one per watcher). The others wait, and a newer status replaces one that "
                       "waits (coalesced).",
        .security_note = "Watchers that never answer cannot make the client hold a growing backlog of NOTIFYs, nor "
                         "fill the transaction limit (sip.max_transactions) that every other request needs.",
    },
    {
        .key = "presence.max_subscribes_in_flight",
        .kind = IntegerSetting{.minimum = 1,
                               .maximum = 1000,
                               .default_value = presence_defaults.max_subscribes_in_flight,
                               .store =
                                   [](Settings &settings, std::int64_t value) {
                                       settings.user_agent.presence.max_subscribes_in_flight =
                                           static_cast<std::size_t>(value);
                                   }},
        .description = "How many SUBSCRIBEs (new, refreshing or ending) may be sent and not yet answered; the rest "
                       "wait their turn, first come first served.",
        .security_note = "Watching hundreds of contacts then sends a steady trickle rather than a burst that fills "
                         "the transaction limit (sip.max_transactions) and starves calls and messages. Keep it well "
                         "below sip.max_transactions.",
    },
    {
        .key = "presence.subscription_expires_s",
        .kind = IntegerSetting{.minimum = 60,
                               .maximum = 86400,
                               .default_value = presence_defaults.subscription_expires_s,
                               .store =
                                   [](Settings &settings, std::int64_t value) {
                                       settings.user_agent.presence.subscription_expires_s =
                                           static_cast<std::uint32_t>(value);
                                   }},
        .description = "How long a presence subscription is asked to last, in seconds; the notifier may grant less. "
                       "It is refreshed two thirds of the way to its expiry.",
        .security_note = "",
    },
    {
        .key = "presence.publication_expires_s",
        .kind = IntegerSetting{.minimum = 60,
                               .maximum = 86400,
                               .default_value = presence_defaults.publication_expires_s,
                               .store =
                                   [](Settings &settings, std::int64_t value) {
                                       settings.user_agent.presence.publication_expires_s =
                                           static_cast<std::uint32_t>(value);
                                   }},
        .description = "How long this user's published status (PUBLISH) is asked to last, in seconds; it is "
                       "refreshed before it expires, until withdrawn.",
        .security_note = "",
    },
    {
        .key = "presence.watchers",
        .kind = StringListSetting{.default_value = {},
                                  .store =
                                      [](Settings &settings, std::vector<std::string> uris) {
                                          settings.user_agent.presence_watchers = std::move(uris);
                                      }},
        .description = "The URIs allowed to watch this user's presence when they subscribe to this client "
                       "directly, each written as the watcher's From URI, e.g. \"sip:bob@example.com\" (compared "
                       "exactly). Everyone else is answered 403. Empty: nobody. An application that decides itself "
                       "(UserAgent::on_watcher) replaces this list.",
        .security_note = "Presence tells when a person is there and where to reach them. Watchers are denied by "
                         "default so that nobody learns it without being named here; the From URI is only as "
                         "trustworthy as the proxy that authenticated it. A presence server that accepts "
                         "subscriptions for this user applies its own rules instead.",
    },
}};

template <std::size_t... First, std::size_t... Second>
constexpr std::array<SettingSpec, sizeof...(First) + sizeof...(Second)>
joined(const std::array<SettingSpec, sizeof...(First)> &first, const std::array<SettingSpec, sizeof...(Second)> &second,
       std::index_sequence<First...>, std::index_sequence<Second...>)
{
    return {{first[First]..., second[Second]...}};
}

constexpr auto cordon_settings =
    joined(core_settings, encryption_setting_rows, std::make_index_sequence<core_settings.size()>(),
           std::make_index_sequence<encryption_setting_rows.size()>());

static_assert(table_problem(cordon_settings).empty(), "the settings table is inconsistent");

} // namespace

std::span<const SettingSpec> settings_table() { return cordon_settings; }

} // namespace cordon::settings_detail
