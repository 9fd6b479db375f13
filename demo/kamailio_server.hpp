// A real Kamailio 5.6 on loopback, for `cordon demo` and the integration
// tests: registrar (in memory) and proxy for the domain cordon.test on
// 127.0.0.1, over UDP, TCP and TLS, on ports picked free for each run, with a
// CA and server certificate made for the run.
//
//   cordon::demo::KamailioOptions options;
//   options.digest_algorithm = cordon::demo::DigestAlgorithm::sha256;
//   auto kamailio = cordon::demo::KamailioServer::start(options);
//   ASSERT_TRUE(kamailio) << kamailio.error().message;
//   connect to 127.0.0.1:(*kamailio)->ports().tls, trusting (*kamailio)->ca_file(), name "cordon.test"
//
// What it runs (demo/kamailio/kamailio.cfg):
// - REGISTER: digest challenge (401, realm "cordon.test", MD5 or SHA-256,
//   qop=auth) checked against the users of the options (auth_db over db_text,
//   plain passwords); the authentication user must be the To user, else 403.
//   Saved in memory with the address and connection it came from
//   (fix_nated_register): clients need no listening port.
// - Other requests from users of cordon.test (INVITE, MESSAGE, SUBSCRIBE, ...):
//   407 digest challenge, then the From user must match. Requests to a
//   registered user go over that user's own connection (never a new one);
//   INVITE and SUBSCRIBE are record-routed, and both parties' Contacts get
//   an alias (set_contact_alias) so in-dialog requests also take their
//   connections. Unknown users: 404.
// - OPTIONS to the server itself (no user part): 200.
// - With presence: the presence server of cordon.test (PUBLISH, SUBSCRIBE,
//   NOTIFYs over the watcher's own connection); see KamailioOptions.
// - With log_message_bodies: every relayed MESSAGE's body in the log.
// - With basic_auth: the same, with Basic challenges instead (see KamailioOptions).
// - Nonces last options.nonce_expire; an expired one is re-challenged
//   (stale=true only with options.stale_on_expired_nonce).
// - TLS: server authentication only, TLS 1.2 or later, with the certificate
//   chosen by options.certificate, issued by the CA in ca_file().
//
// Kamailio runs in the foreground in its own process group, with its files
// in a fresh directory under $TMPDIR (config, tables, certificates, pid
// file, control socket, log). stop() and the destructor end the whole group
// (SIGTERM, then SIGKILL); a watchdog process ends it if the calling process
// dies first. The destructor removes the directory unless keep_files() was
// called (tests keep it when they failed).
#pragma once

#include "demo/kamailio_config.hpp"
#include "demo/kamailio_options.hpp"
#include "demo/process_group.hpp"

#include <cordon/host/result.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace cordon::demo {

class KamailioServer {
public:
    // A server that has answered an OPTIONS over UDP and accepts TCP and TLS
    // connections, or why not (kamailio missing: a message naming
    // scripts/install-deps.sh; a failed start: the end of Kamailio's log).
    static Result<std::unique_ptr<KamailioServer>> start(const KamailioOptions &options = {});

    KamailioServer(const KamailioServer &) = delete;
    KamailioServer &operator=(const KamailioServer &) = delete;
    ~KamailioServer();

    static constexpr std::string_view domain() { return "cordon.test"; } // also the digest realm
    const KamailioPorts &ports() const { return ports_; }
    const KamailioOptions &options() const { return options_; }
    const std::filesystem::path &ca_file() const { return certificates_.ca; }
    const std::filesystem::path &runtime_directory() const { return layout_.root; }
    // For `kamcmd -s unix:PATH ul.dump` and other RPC commands.
    const std::filesystem::path &control_socket() const { return layout_.control_socket; }
    std::string log_text() const;
    pid_t process_group() const { return process_ ? process_->group_id() : -1; }
    bool running() const { return process_ && process_->running(); }

    // Ends Kamailio and every process it started; idempotent.
    void stop();
    // The destructor leaves the runtime directory in place (for reading the log).
    void keep_files() { keep_files_ = true; }

private:
    KamailioServer(KamailioOptions options, KamailioLayout layout, CertificateFiles certificates)
        : options_(std::move(options)), layout_(std::move(layout)), certificates_(std::move(certificates))
    {
    }
    Result<void> launch(const std::filesystem::path &executable);

    KamailioOptions options_;
    KamailioLayout layout_;
    CertificateFiles certificates_;
    KamailioPorts ports_;
    std::optional<ProcessGroup> process_;
    bool keep_files_ = false;
};

// The kamailio binary that start() would run, or a message naming scripts/install-deps.sh.
Result<std::filesystem::path> find_kamailio(const std::string &configured = {});

} // namespace cordon::demo
