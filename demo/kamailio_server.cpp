#include "demo/kamailio_server.hpp"

#include "demo/server_support.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

namespace cordon::demo {

namespace {

constexpr std::string_view install_hint =
    "run scripts/install-deps.sh (Debian packages kamailio, kamailio-tls-modules, kamailio-presence-modules)";
constexpr int start_attempts = 3; // a picked port may be taken by someone else before Kamailio binds it
constexpr auto probe_interval = std::chrono::milliseconds(100);
constexpr auto probe_reply_timeout = std::chrono::milliseconds(300);
constexpr std::size_t log_tail_lines = 40;
// Kamailio's private memory per process, in MB: far below its default,
// plenty for tests (the shared memory is options.shared_memory_mb).
constexpr const char *private_memory_mb = "8";

Result<KamailioPorts> pick_free_ports()
{
    KamailioPorts ports;
    const int held[] = {bind_loopback(SOCK_DGRAM, ports.udp), bind_loopback(SOCK_STREAM, ports.tcp),
                        bind_loopback(SOCK_STREAM, ports.tls)};
    bool all = true;
    for (const int fd : held) {
        all = all && fd >= 0;
        if (fd >= 0) {
            close(fd); // bound, never listening: no TIME_WAIT keeps the port
        }
    }
    if (!all) {
        return Error{ErrorCode::io, "cannot find free ports on 127.0.0.1"};
    }
    return ports;
}

// An fd that closes itself.
class SocketFd {
public:
    explicit SocketFd(int fd) : fd_(fd) {}
    SocketFd(const SocketFd &) = delete;
    SocketFd &operator=(const SocketFd &) = delete;
    ~SocketFd()
    {
        if (fd_ >= 0) {
            close(fd_);
        }
    }
    int get() const { return fd_; }

private:
    int fd_;
};

sockaddr_in loopback(std::uint16_t port)
{
    sockaddr_in address = {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    return address;
}

bool tcp_connectable(std::uint16_t port)
{
    const SocketFd fd(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    const sockaddr_in address = loopback(port);
    return fd.get() >= 0 && connect(fd.get(), reinterpret_cast<const sockaddr *>(&address), sizeof address) == 0;
}

// An OPTIONS to the server itself over UDP; true when a 200 comes back. The
// domain, not 127.0.0.1, is "myself" to Kamailio whatever port it listens on.
bool answers_options(std::uint16_t udp_port)
{
    const SocketFd fd(socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
    sockaddr_in local = loopback(0);
    socklen_t length = sizeof local;
    if (fd.get() < 0 || bind(fd.get(), reinterpret_cast<const sockaddr *>(&local), sizeof local) != 0 ||
        getsockname(fd.get(), reinterpret_cast<sockaddr *>(&local), &length) != 0) {
        return false;
    }
    const std::string via = "127.0.0.1:" + std::to_string(ntohs(local.sin_port));
    const std::string request = "OPTIONS sip:" + std::string(KamailioServer::domain()) +
                                " SIP/2.0\r\n"
                                "Via: SIP/2.0/UDP " +
                                via + ";branch=z9hG4bK-cordon-probe-" + std::to_string(getpid()) +
                                ";rport\r\n"
                                "Max-Forwards: 70\r\n"
                                "From: <sip:probe@" +
                                std::string(KamailioServer::domain()) +
                                ">;tag=probe\r\n"
                                "To: <sip:" +
                                std::string(KamailioServer::domain()) +
                                ">\r\n"
                                "Call-ID: cordon-probe-" +
                                std::to_string(getpid()) +
                                "@127.0.0.1\r\n"
                                "CSeq: 1 OPTIONS\r\n"
                                "Content-Length: 0\r\n\r\n";
    const sockaddr_in server = loopback(udp_port);
    if (sendto(fd.get(), request.data(), request.size(), 0, reinterpret_cast<const sockaddr *>(&server),
               sizeof server) != static_cast<ssize_t>(request.size())) {
        return false;
    }
    pollfd ready{fd.get(), POLLIN, 0};
    if (poll(&ready, 1, static_cast<int>(probe_reply_timeout.count())) != 1) {
        return false;
    }
    char reply[2048];
    const ssize_t received = recv(fd.get(), reply, sizeof reply, 0);
    constexpr std::string_view ok = "SIP/2.0 200 ";
    return received >= static_cast<ssize_t>(ok.size()) && std::string_view(reply, ok.size()) == ok;
}

// Ready means all three listeners work: an OPTIONS over UDP is answered 200
// (so the SIP worker processes run the config) and TCP and TLS accept.
bool answers_probe(const KamailioPorts &ports)
{
    return answers_options(ports.udp) && tcp_connectable(ports.tcp) && tcp_connectable(ports.tls);
}

} // namespace

Result<std::filesystem::path> find_kamailio(const std::string &configured)
{
    return find_program("kamailio", configured, "CORDON_KAMAILIO", {"/usr/sbin", "/usr/local/sbin"}, install_hint);
}

Result<std::unique_ptr<KamailioServer>> KamailioServer::start(const KamailioOptions &options)
{
    auto executable = find_kamailio(options.executable);
    if (!executable) {
        return executable.error();
    }

    auto root = make_run_directory("cordon-kamailio");
    if (!root) {
        return root.error();
    }
    const KamailioLayout layout(*root);
    std::error_code error;
    std::filesystem::create_directories(layout.tls, error);
    auto certificates = make_server_certificates(layout.tls, options.certificate);
    if (!certificates) {
        return certificates.error();
    }

    std::unique_ptr<KamailioServer> kamailio(new KamailioServer(options, layout, std::move(*certificates)));
    auto launched = kamailio->launch(*executable);
    if (!launched) {
        kamailio->stop();
        kamailio->keep_files();
        return Error{launched.error().code,
                     launched.error().message + "\n(files kept in " + layout.root.string() + ")"};
    }
    return kamailio;
}

Result<void> KamailioServer::launch(const std::filesystem::path &executable)
{
    for (int attempt = 1;; ++attempt) {
        auto ports = pick_free_ports();
        if (!ports) {
            return ports.error();
        }
        ports_ = *ports;
        if (auto written = write_kamailio_files(layout_, options_, ports_, certificates_); !written) {
            return written;
        }
        std::error_code ignored;
        std::filesystem::remove(layout_.log, ignored); // each attempt's log on its own
        const std::vector<std::string> arguments{
            "-f", layout_.config.string(), "-DD", "-E", // foreground, logging to stderr
            "-Y", layout_.run.string(),    "-P",  layout_.pid_file.string(),
            "-w", layout_.root.string(),   "-m",  std::to_string(options_.shared_memory_mb),
            "-M", private_memory_mb};
        auto started = ProcessGroup::start(executable, arguments, layout_.log);
        if (!started) {
            return started.error();
        }
        process_.emplace(std::move(*started));

        const auto deadline = std::chrono::steady_clock::now() + options_.ready_deadline;
        while (process_->running() && std::chrono::steady_clock::now() < deadline) {
            if (answers_probe(ports_)) {
                return {};
            }
            std::this_thread::sleep_for(probe_interval);
        }
        const bool exited = !process_->running();
        stop();
        const std::string log = log_text();
        if (exited && log.find("Address already in use") != std::string::npos && attempt < start_attempts) {
            continue;
        }
        const std::string what = exited ? "kamailio exited during start-up" : "kamailio was not ready in time";
        return Error{ErrorCode::unavailable, what + " (" + executable.string() + " -f " + layout_.config.string() +
                                                 "); the end of its log:\n" + last_lines(log, log_tail_lines) +
                                                 "\nIf a module is missing, " + std::string(install_hint)};
    }
}

KamailioServer::~KamailioServer()
{
    stop();
    if (keep_files_) {
        return;
    }
    std::error_code ignored;
    std::filesystem::remove_all(layout_.root, ignored);
}

std::string KamailioServer::log_text() const { return read_text(layout_.log); }

void KamailioServer::stop()
{
    if (process_) {
        process_->stop();
        process_.reset();
    }
}

} // namespace cordon::demo
