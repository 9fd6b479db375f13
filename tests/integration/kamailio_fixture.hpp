// The Kamailio of demo/kamailio_server.hpp as a test fixture: the same
// server, and when the current test has failed, its log is printed and its
// files are kept.
//
//   cordon::test::KamailioOptions options;
//   options.digest_algorithm = cordon::test::DigestAlgorithm::sha256;
//   auto kamailio = cordon::test::Kamailio::start(options);
//   ASSERT_TRUE(kamailio) << kamailio.error().message;
//   connect to 127.0.0.1:(*kamailio)->ports().tls, trusting (*kamailio)->ca_file(), name "cordon.test"
#pragma once

#include "demo/kamailio_server.hpp"

#include <memory>

namespace cordon::test {

using demo::basic_credentials;
using demo::CertificateFiles;
using demo::DigestAlgorithm;
using demo::fill_template;
using demo::find_kamailio;
using demo::KamailioLayout;
using demo::KamailioOptions;
using demo::KamailioPorts;
using demo::ProcessGroup;
using demo::ServerCertificate;
using demo::SipUser;
using demo::write_kamailio_files;

class Kamailio {
public:
    static Result<std::unique_ptr<Kamailio>> start(const KamailioOptions &options = {});

    Kamailio(const Kamailio &) = delete;
    Kamailio &operator=(const Kamailio &) = delete;
    ~Kamailio();

    static constexpr std::string_view domain() { return demo::KamailioServer::domain(); }
    const KamailioPorts &ports() const { return server_->ports(); }
    const KamailioOptions &options() const { return server_->options(); }
    const std::filesystem::path &ca_file() const { return server_->ca_file(); }
    const std::filesystem::path &runtime_directory() const { return server_->runtime_directory(); }
    const std::filesystem::path &control_socket() const { return server_->control_socket(); }
    std::string log_text() const { return server_->log_text(); }
    pid_t process_group() const { return server_->process_group(); }
    bool running() const { return server_->running(); }
    void stop() { server_->stop(); }

private:
    explicit Kamailio(std::unique_ptr<demo::KamailioServer> server) : server_(std::move(server)) {}

    std::unique_ptr<demo::KamailioServer> server_;
};

} // namespace cordon::test
