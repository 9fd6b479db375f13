// A real baresip 1.0 (Debian's baresip-core) for integration tests: a SIP
// user agent with no audio device, registered through the Kamailio fixture
// over TLS, driven over its ctrl_tcp port.
//
//   auto kamailio = cordon::test::Kamailio::start();
//   cordon::test::BaresipOptions options;
//   options.user = {"bob", "bob-password"};
//   options.kamailio_tls_port = (*kamailio)->ports().tls;
//   options.ca_file = (*kamailio)->ca_file();
//   options.source_wav = "/tmp/.../bob-says.wav";     // 16-bit WAV
//   auto bob = cordon::test::Baresip::start(options);  // returns once registered
//   ASSERT_TRUE(bob) << bob.error().message;
//   (*bob)->wait_for_event("CALL_INCOMING", timeout); (*bob)->accept();
//   ... CALL_CLOSED ... ; auto recorded = (*bob)->take_recordings("first-call");
//
// What runs: `baresip -f DIR` in its own process group with a config from
// tests/integration/baresip/config in a fresh $TMPDIR/cordon-baresip-XXXXXX:
// SIP on 127.0.0.1 (UDP and TCP on ports().sip, TLS on ports().sip + 1),
// the modules g711, opus (mono), srtp, aufile (plays options.source_wav from
// the start of every call, and hangs up when it ends), sndfile (records
// what is sent and received), ctrl_tcp on ports().control, menu (its
// commands). The account is added over ctrl_tcp (uanew) once connected, so
// that REGISTER_OK is seen: Kamailio as outbound proxy over TLS, digest
// (baresip 1.0 answers MD5 only), the options' media encryption (srtp-mand)
// and codec. stop() and the destructor end the group; a watchdog process
// ends it if the test process dies first; when the current test has failed,
// the destructor prints baresip's log and the events received, and keeps
// the directory.
#pragma once

#include "tests/integration/baresip_config.hpp"
#include "tests/integration/baresip_control.hpp"
#include "tests/integration/baresip_options.hpp"

#include <cordon/host/result.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace cordon::test {

// Timeout for a command's response and for the events a test waits on: a
// call is set up in well under a second, but the machine may be loaded.
inline constexpr std::chrono::milliseconds baresip_event_timeout{10000};

// One call's recordings by sndfile, moved out of baresip's way.
struct CallRecordings {
    std::filesystem::path decoded; // what was received, after decoding, at the codec's rate
    std::filesystem::path encoded; // what was sent, before encoding, at the codec's rate
};

class Baresip {
public:
    // Running, controllable and registered, or why not (baresip missing: a
    // message naming scripts/install-deps.sh; a failed start or registration:
    // the end of baresip's log).
    static Result<std::unique_ptr<Baresip>> start(const BaresipOptions &options);

    Baresip(const Baresip &) = delete;
    Baresip &operator=(const Baresip &) = delete;
    ~Baresip();

    const BaresipPorts &ports() const { return ports_; }
    const BaresipOptions &options() const { return options_; }
    const std::filesystem::path &runtime_directory() const { return layout_.root; }
    std::string aor() const { return "sip:" + options_.user.name + "@cordon.test"; }

    Result<void> dial(const std::string &uri);
    Result<void> accept(); // the incoming call
    Result<void> hangup(); // the current call
    Result<BaresipEvent> wait_for_event(const std::string &type,
                                        std::chrono::milliseconds timeout = baresip_event_timeout);
    BaresipControl &control() { return *control_; }

    // After CALL_CLOSED: waits until sndfile has closed both files of the
    // call (their WAV headers complete) and moves them to
    // runtime_directory()/calls/NAME-decoded.wav and NAME-encoded.wav.
    // Errors when the call left no recording, or more than one of a kind.
    Result<CallRecordings> take_recordings(const std::string &name,
                                           std::chrono::milliseconds timeout = baresip_event_timeout);

    std::string log_text() const;
    bool running() const { return process_ && process_->running(); }
    // Ends baresip; idempotent.
    void stop();

private:
    Baresip(BaresipOptions options, BaresipLayout layout) : options_(std::move(options)), layout_(std::move(layout)) {}
    Result<void> launch(const std::filesystem::path &executable, const SourceFormat &source);
    Result<void> register_account();

    BaresipOptions options_;
    BaresipLayout layout_;
    BaresipPorts ports_;
    std::optional<ProcessGroup> process_;
    std::optional<BaresipControl> control_;
    bool keep_files_ = false; // a failed start names the directory in its error
};

// The baresip binary that start() would run, or a message naming scripts/install-deps.sh.
Result<std::filesystem::path> find_baresip(const std::string &configured = {});

} // namespace cordon::test
