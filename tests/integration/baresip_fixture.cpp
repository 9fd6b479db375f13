#include "tests/integration/baresip_fixture.hpp"

#include "demo/server_support.hpp"

#include "media/wav_file.hpp"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>
#include <vector>

namespace cordon::test {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::string_view install_hint = "run scripts/install-deps.sh (Debian package baresip-core)";
constexpr int start_attempts = 3;      // a picked port may be taken by someone else before baresip binds it
constexpr int port_pick_attempts = 20; // tries to find a port whose successor is free too
constexpr std::size_t log_tail_lines = 40;
constexpr auto recording_poll_interval = std::chrono::milliseconds(20);
constexpr std::uintmax_t wav_header_bytes = 44; // RIFF, fmt and data headers of a PCM WAV
constexpr std::string_view decoded_suffix = "-dec.wav";
constexpr std::string_view encoded_suffix = "-enc.wav";

// SIP needs UDP and TCP on one port and TLS (TCP) on the next; ctrl_tcp a
// TCP port of its own. The sockets are held until all are found, so that no
// two picks coincide, then closed (bound, never listening: no TIME_WAIT).
Result<BaresipPorts> pick_free_ports()
{
    for (int attempt = 0; attempt < port_pick_attempts; ++attempt) {
        BaresipPorts ports;
        std::uint16_t tls = 0;
        std::uint16_t udp = 0;
        std::array<int, 4> held{demo::bind_loopback(SOCK_STREAM, ports.sip), -1, -1,
                                demo::bind_loopback(SOCK_STREAM, ports.control)};
        if (held[0] >= 0 && ports.sip < UINT16_MAX) {
            udp = ports.sip;
            tls = static_cast<std::uint16_t>(ports.sip + 1);
            held[1] = demo::bind_loopback(SOCK_DGRAM, udp);
            held[2] = demo::bind_loopback(SOCK_STREAM, tls);
        }
        bool all = true;
        for (const int fd : held) {
            all = all && fd >= 0;
            if (fd >= 0) {
                close(fd);
            }
        }
        if (all && ports.control != tls) {
            return ports;
        }
    }
    return Error{ErrorCode::io, "cannot find free ports on 127.0.0.1 for baresip (SIP port and the one above)"};
}

bool ends_with(const std::string &text, std::string_view suffix)
{
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// libsndfile writes the RIFF length when it closes the file: until then it
// does not match the file's size.
bool wav_complete(const std::filesystem::path &path)
{
    std::error_code error;
    const std::uintmax_t size = std::filesystem::file_size(path, error);
    if (error || size <= wav_header_bytes) {
        return false;
    }
    std::ifstream in(path, std::ios::binary);
    std::array<unsigned char, 8> header{};
    if (!in.read(reinterpret_cast<char *>(header.data()), header.size()) ||
        std::string_view(reinterpret_cast<const char *>(header.data()), 4) != "RIFF") {
        return false;
    }
    const std::uintmax_t riff_length =
        header[4] | (header[5] << 8) | (header[6] << 16) | (static_cast<std::uintmax_t>(header[7]) << 24);
    return riff_length + 8 == size;
}

} // namespace

Result<std::filesystem::path> find_baresip(const std::string &configured)
{
    return demo::find_program("baresip", configured, "CORDON_BARESIP", {"/usr/bin"}, install_hint);
}

Result<std::unique_ptr<Baresip>> Baresip::start(const BaresipOptions &options)
{
    auto executable = find_baresip(options.executable);
    if (!executable) {
        return executable.error();
    }
    // aufile plays only a WAV at exactly the configured rate and channel count.
    auto source = media::read_wav(options.source_wav);
    if (!source) {
        return Error{source.error().code, "baresip's source: " + source.error().message};
    }
    auto root = demo::make_run_directory("cordon-baresip");
    if (!root) {
        return root.error();
    }
    std::unique_ptr<Baresip> baresip(new Baresip(options, BaresipLayout(*root)));
    auto launched = baresip->launch(*executable, SourceFormat{source->sample_rate, source->channels});
    if (launched) {
        launched = baresip->register_account();
    }
    if (!launched) {
        const std::string log = baresip->log_text();
        baresip->stop();
        baresip->keep_files_ = true;
        return Error{launched.error().code, launched.error().message + "\nThe end of baresip's log:\n" +
                                                demo::last_lines(log, log_tail_lines) + "(files kept in " +
                                                root->string() + ")"};
    }
    return baresip;
}

Result<void> Baresip::launch(const std::filesystem::path &executable, const SourceFormat &source)
{
    for (int attempt = 1;; ++attempt) {
        auto ports = pick_free_ports();
        if (!ports) {
            return ports.error();
        }
        ports_ = *ports;
        if (auto written = write_baresip_files(layout_, options_, ports_, source); !written) {
            return written;
        }
        std::error_code ignored;
        std::filesystem::remove(layout_.log, ignored); // each attempt's log on its own
        auto started = ProcessGroup::start(executable, {"-f", layout_.root.string()}, layout_.log);
        if (!started) {
            return started.error();
        }
        process_.emplace(std::move(*started));
        auto control = BaresipControl::connect(ports_.control, Clock::now() + options_.ready_deadline);
        if (control) {
            control_.emplace(std::move(*control));
            return {};
        }
        const bool exited = !process_->running();
        stop();
        if (exited && log_text().find("Address already in use") != std::string::npos && attempt < start_attempts) {
            continue;
        }
        return Error{ErrorCode::unavailable, (exited ? "baresip exited during start-up ("
                                                     : "baresip did not open "
                                                       "ctrl_tcp in time (") +
                                                 executable.string() + " -f " + layout_.root.string() + ")"};
    }
}

Result<void> Baresip::register_account()
{
    auto line = baresip_account_line(options_);
    if (!line) {
        return line.error();
    }
    if (auto added = control_->command("uanew", *line, options_.ready_deadline); !added) {
        return added.error();
    }
    auto outcome = control_->wait_for_any_event({"REGISTER_OK", "REGISTER_FAIL"}, options_.ready_deadline);
    if (!outcome) {
        return outcome.error();
    }
    if (outcome->type != "REGISTER_OK") {
        return Error{ErrorCode::unavailable, "baresip could not register " + aor() + ": " + outcome->param};
    }
    return {};
}

Result<void> Baresip::dial(const std::string &uri)
{
    auto done = control_->command("dial", uri, baresip_event_timeout);
    return done ? Result<void>{} : Result<void>{done.error()};
}

Result<void> Baresip::accept()
{
    auto done = control_->command("accept", "", baresip_event_timeout);
    return done ? Result<void>{} : Result<void>{done.error()};
}

Result<void> Baresip::hangup()
{
    auto done = control_->command("hangup", "", baresip_event_timeout);
    return done ? Result<void>{} : Result<void>{done.error()};
}

Result<BaresipEvent> Baresip::wait_for_event(const std::string &type, std::chrono::milliseconds timeout)
{
    return control_->wait_for_event(type, timeout);
}

Result<CallRecordings> Baresip::take_recordings(const std::string &name, std::chrono::milliseconds timeout)
{
    std::vector<std::filesystem::path> decoded;
    std::vector<std::filesystem::path> encoded;
    std::error_code error;
    for (const auto &entry : std::filesystem::directory_iterator(layout_.recordings, error)) {
        const std::string file = entry.path().filename().string();
        if (ends_with(file, decoded_suffix)) {
            decoded.push_back(entry.path());
        } else if (ends_with(file, encoded_suffix)) {
            encoded.push_back(entry.path());
        }
    }
    if (decoded.size() != 1 || encoded.size() != 1) {
        return Error{ErrorCode::not_found,
                     "expected one received and one sent recording in " + layout_.recordings.string() + ", found " +
                         std::to_string(decoded.size()) + " and " + std::to_string(encoded.size())};
    }
    // CALL_CLOSED is sent before the call's audio, and with it sndfile, is freed.
    const auto deadline = Clock::now() + timeout;
    while (!(wav_complete(decoded[0]) && wav_complete(encoded[0]))) {
        if (Clock::now() >= deadline) {
            return Error{ErrorCode::unavailable,
                         "sndfile did not finish " + decoded[0].string() + " and " + encoded[0].string() + " in time"};
        }
        std::this_thread::sleep_for(recording_poll_interval);
    }
    CallRecordings recordings{layout_.calls / (name + "-decoded.wav"), layout_.calls / (name + "-encoded.wav")};
    std::filesystem::rename(decoded[0], recordings.decoded, error);
    if (!error) {
        std::filesystem::rename(encoded[0], recordings.encoded, error);
    }
    if (error) {
        return Error{ErrorCode::io, "cannot move the recordings to " + layout_.calls.string() + ": " + error.message()};
    }
    return recordings;
}

Baresip::~Baresip()
{
    stop();
    if (::testing::Test::HasFailure()) {
        std::cerr << "---- baresip " << options_.user.name << "'s log (" << layout_.log.string() << ") ----\n"
                  << log_text() << "---- ctrl_tcp messages received ----\n";
        if (control_) {
            for (const auto &message : control_->event_history()) {
                std::cerr << message << "\n";
            }
        }
        std::cerr << "---- end of baresip " << options_.user.name << "; its files are kept in " << layout_.root.string()
                  << " ----\n";
        return;
    }
    if (keep_files_) {
        return;
    }
    std::error_code ignored;
    std::filesystem::remove_all(layout_.root, ignored);
}

std::string Baresip::log_text() const { return demo::read_text(layout_.log); }

void Baresip::stop()
{
    if (process_) {
        process_->stop();
        process_.reset();
    }
}

} // namespace cordon::test
