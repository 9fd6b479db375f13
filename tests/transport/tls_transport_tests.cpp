// The TLS transport plugin, loaded through the registry, against an
// in-test OpenSSL server with certificates made by the test: each failure
// with the exact FlowError and a message that names the reason.
#include <openssl/ssl.h>

#include <gtest/gtest.h>

#include "tests/support/tls/test_certificates.hpp"
#include "tests/support/tls/tls_test_server.hpp"
#include "tests/transport/transport_test_support.hpp"

namespace cordon {
namespace {

using test::as_bytes;
using test::CertificateSpec;
using test::run_until;
using test::TestCertificate;
using test::TlsServerOptions;
using test::TlsTestServer;

constexpr const char *server_name = "sip.example.test";

CertificateSpec good_server()
{
    CertificateSpec spec;
    spec.common_name = server_name;
    spec.dns_names = {server_name};
    spec.ip_addresses = {"127.0.0.1"};
    return spec;
}

class TlsTransport : public testing::Test {
protected:
    TlsTransport()
        : scratch_("tls-transport"), ca_("Cordon Test CA"), ca_file_(ca_.root().write_pem(scratch_.path(), "ca"))
    {
    }

    Result<std::unique_ptr<Transport>> create(const TransportParams &params)
    {
        return test::BuiltPlugins::get().transport("tls").create(loop_, params, events_);
    }

    TransportParams trusting_our_ca() const { return {{"tls.ca_file", ca_file_.string()}}; }

    // Opens a flow to server as name and runs until it connects or closes.
    FlowId open(Transport &transport, const TlsTestServer &server, const std::string &name)
    {
        auto opened = transport.open_flow({test::loopback(server.port()), "127.0.0.1", name});
        EXPECT_TRUE(opened.ok()) << opened.error().message;
        EXPECT_FALSE(opened->ready);
        const FlowId flow = opened->id;
        EXPECT_TRUE(run_until(loop_, [&] { return events_.connected(flow) || events_.closed(flow) != nullptr; }));
        return flow;
    }

    // Connects with our CA trusted to a server showing certificate; returns
    // how the flow closed (nullptr when it connected).
    const test::RecordedEvents::Closed *refusal(const TestCertificate &certificate, const std::string &name,
                                                TlsServerOptions options = {}, TransportParams params = {})
    {
        if (params.empty()) {
            params = trusting_our_ca();
        }
        events_ = test::RecordedEvents{}; // flow ids start again in each instance
        auto transport = create(params);
        EXPECT_TRUE(transport.ok()) << transport.error().message;
        TlsTestServer server(loop_, certificate, options);
        const FlowId flow = open(**transport, server, name);
        return events_.closed(flow);
    }

    boost::asio::io_context loop_;
    test::RecordedEvents events_;
    test::ScratchDirectory scratch_;
    test::TestCa ca_;
    std::filesystem::path ca_file_;
};

TEST_F(TlsTransport, VerifiesTheServerAndReportsWhatWasNegotiated)
{
    auto transport = create(trusting_our_ca());
    ASSERT_TRUE(transport.ok()) << transport.error().message;
    const TestCertificate certificate = ca_.issue(good_server());
    TlsTestServer server(loop_, certificate);
    const FlowId flow = open(**transport, server, server_name);
    ASSERT_TRUE(events_.connected(flow)) << (events_.closed(flow) ? events_.closed(flow)->message : "");
    ASSERT_TRUE(run_until(loop_, [&] { return server.handshake_done(); }));
    EXPECT_EQ(server.server_name(), server_name); // SNI

    auto info = (*transport)->info(flow);
    ASSERT_TRUE(info.ok()) << info.error().message;
    EXPECT_EQ(info->protocol_version, "TLSv1.3");
    EXPECT_FALSE(info->cipher.empty());
    EXPECT_NE(info->peer_subject.find("CN=sip.example.test"), std::string::npos) << info->peer_subject;
    EXPECT_EQ(info->local.address, "127.0.0.1");

    ASSERT_TRUE((*transport)->send(flow, as_bytes("OPTIONS sip:example.test SIP/2.0\r\n")).ok());
    ASSERT_TRUE(run_until(loop_, [&] { return server.received() == "OPTIONS sip:example.test SIP/2.0\r\n"; }));
    server.send("SIP/2.0 200 OK\r\n");
    ASSERT_TRUE(run_until(loop_, [&] { return events_.bytes_of(flow) == "SIP/2.0 200 OK\r\n"; }));
}

TEST_F(TlsTransport, ChecksAnIpLiteralAgainstTheIpAddressNamesAndSendsNoSni)
{
    auto transport = create(trusting_our_ca());
    ASSERT_TRUE(transport.ok());
    const TestCertificate certificate = ca_.issue(good_server());
    TlsTestServer server(loop_, certificate);
    const FlowId flow = open(**transport, server, ""); // no name: the address is what the server proves
    ASSERT_TRUE(events_.connected(flow)) << (events_.closed(flow) ? events_.closed(flow)->message : "");
    ASSERT_TRUE(run_until(loop_, [&] { return server.handshake_done(); }));
    EXPECT_EQ(server.server_name(), "");
}

TEST_F(TlsTransport, AcceptsASipUriNameForTheDomain)
{
    CertificateSpec spec;
    spec.common_name = "not the domain";
    spec.uri_names = {"sip:example.test"};
    EXPECT_EQ(refusal(ca_.issue(spec), "EXAMPLE.test"), nullptr);
}

// RFC 6125 section 6.4.4: the CN is an identity only in a certificate
// without subjectAltName; any SAN, of any type, makes the SANs the only ones.
TEST_F(TlsTransport, ReadsTheCommonNameOnlyWhenTheCertificateHasNoSubjectAltName)
{
    CertificateSpec only_common_name;
    only_common_name.common_name = server_name;
    EXPECT_EQ(refusal(ca_.issue(only_common_name), server_name), nullptr);

    CertificateSpec other_dns_name = only_common_name;
    other_dns_name.dns_names = {"other.example.test"};
    const auto *closed = refusal(ca_.issue(other_dns_name), server_name);
    ASSERT_NE(closed, nullptr);
    EXPECT_EQ(closed->error, FlowError::tls_name_mismatch);
}

TEST_F(TlsTransport, RefusesAMatchingCommonNameBesideOnlyAnIpAddressName)
{
    CertificateSpec spec;
    spec.common_name = server_name;
    spec.ip_addresses = {"127.0.0.1"};
    const auto *closed = refusal(ca_.issue(spec), server_name);
    ASSERT_NE(closed, nullptr) << "the CN was read although the certificate has a subjectAltName";
    EXPECT_EQ(closed->error, FlowError::tls_name_mismatch);
    EXPECT_NE(closed->message.find("not for sip.example.test; it names IP:127.0.0.1"), std::string::npos)
        << closed->message;
}

TEST_F(TlsTransport, RefusesAMatchingCommonNameBesideOnlyAUriName)
{
    CertificateSpec spec;
    spec.common_name = server_name;
    spec.uri_names = {"https://www.example.test/"};
    const auto *closed = refusal(ca_.issue(spec), server_name);
    ASSERT_NE(closed, nullptr) << "the CN was read although the certificate has a subjectAltName";
    EXPECT_EQ(closed->error, FlowError::tls_name_mismatch);
}

TEST_F(TlsTransport, ReportsEachFlowAuthenticatedOnlyWhenItsServerWasVerified)
{
    const TestCertificate certificate = ca_.issue(good_server());
    // Connects to a server showing certificate; the flow's info once connected.
    const auto connected_info = [&](const TransportParams &params) -> std::optional<FlowInfo> {
        events_ = test::RecordedEvents{};
        auto transport = create(params);
        EXPECT_TRUE(transport.ok()) << transport.error().message;
        TlsTestServer server(loop_, certificate);
        const FlowId flow = open(**transport, server, server_name);
        EXPECT_TRUE(events_.connected(flow));
        auto info = (*transport)->info(flow);
        EXPECT_TRUE(info.ok()) << info.error().message;
        return info.ok() ? std::optional<FlowInfo>(info.value()) : std::nullopt;
    };

    const auto verified = connected_info(trusting_our_ca());
    ASSERT_TRUE(verified);
    EXPECT_TRUE(verified->peer_authenticated);

    // The same certificate and name with nothing checked: encrypted, unproven.
    const auto unverified = connected_info({{"tls.ca_file", ca_file_.string()}, {"tls.verify", "false"}});
    ASSERT_TRUE(unverified);
    EXPECT_EQ(unverified->protocol_version, "TLSv1.3");
    EXPECT_FALSE(unverified->peer_authenticated);
}

struct CertificateFailure {
    const char *label;
    CertificateSpec spec;
    bool from_another_ca;
    const char *name; // what the client asks the server to prove
    FlowError error;
    const char *message_fragment;
};

void PrintTo(const CertificateFailure &failure, std::ostream *out) { *out << failure.label; }

class TlsCertificateRefusal : public TlsTransport, public testing::WithParamInterface<CertificateFailure> {};

TEST_P(TlsCertificateRefusal, ClosesTheFlowWithTheReason)
{
    const CertificateFailure &failure = GetParam();
    const test::TestCa another_ca("Somebody Else's CA");
    const TestCertificate certificate =
        failure.from_another_ca ? another_ca.issue(failure.spec) : ca_.issue(failure.spec);
    const auto *closed = refusal(certificate, failure.name);
    ASSERT_NE(closed, nullptr) << failure.label << " was accepted";
    EXPECT_EQ(closed->error, failure.error) << failure.label << ": " << closed->message;
    EXPECT_NE(closed->message.find(failure.message_fragment), std::string::npos) << closed->message;
    EXPECT_NE(closed->message.find("127.0.0.1"), std::string::npos) << closed->message;
}

CertificateSpec with(CertificateSpec spec, const std::function<void(CertificateSpec &)> &change)
{
    change(spec);
    return spec;
}

INSTANTIATE_TEST_SUITE_P(
    EachReason, TlsCertificateRefusal,
    testing::Values(
        CertificateFailure{"Expired",
                           with(good_server(),
                                [](CertificateSpec &spec) {
                                    spec.not_before = -std::chrono::hours(48);
                                    spec.not_after = -std::chrono::hours(24);
                                }),
                           false, server_name, FlowError::tls_expired, "certificate has expired"},
        CertificateFailure{"NotYetValid",
                           with(good_server(),
                                [](CertificateSpec &spec) {
                                    spec.not_before = std::chrono::hours(24);
                                    spec.not_after = std::chrono::hours(48);
                                }),
                           false, server_name, FlowError::tls_not_yet_valid, "not yet valid"},
        CertificateFailure{"AnotherName",
                           with(good_server(), [](CertificateSpec &spec) { spec.dns_names = {"other.example.test"}; }),
                           false, server_name, FlowError::tls_name_mismatch,
                           "not for sip.example.test; it names DNS:other.example.test"},
        CertificateFailure{"WildcardName_Rfc5922_7_2",
                           with(good_server(), [](CertificateSpec &spec) { spec.dns_names = {"*.example.test"}; }),
                           false, server_name, FlowError::tls_name_mismatch, "DNS:*.example.test"},
        CertificateFailure{"IpLiteralNotAmongTheAddresses",
                           with(good_server(), [](CertificateSpec &spec) { spec.ip_addresses = {"192.0.2.7"}; }), false,
                           "", FlowError::tls_name_mismatch, "not for 127.0.0.1; it names DNS:"},
        CertificateFailure{"UnknownCa", good_server(), true, server_name, FlowError::tls_unknown_ca,
                           "unable to get local issuer certificate"}),
    [](const testing::TestParamInfo<CertificateFailure> &param) { return std::string(param.param.label); });

TEST_F(TlsTransport, RefusesAServerThatOffersOnlyTls11)
{
    TlsServerOptions old;
    old.min_version = TLS1_1_VERSION;
    old.max_version = TLS1_1_VERSION;
    old.legacy_security = true;
    const auto *closed = refusal(ca_.issue(good_server()), server_name, old);
    ASSERT_NE(closed, nullptr);
    EXPECT_EQ(closed->error, FlowError::tls_protocol) << closed->message;
    EXPECT_NE(closed->message.find("offers no TLS version"), std::string::npos) << closed->message;
}

TEST_F(TlsTransport, RefusesTls12WhenTheMinimumIs13)
{
    TlsServerOptions tls12;
    tls12.max_version = TLS1_2_VERSION;
    TransportParams params = trusting_our_ca();
    params.emplace_back("tls.min_version", "1.3");
    const auto *closed = refusal(ca_.issue(good_server()), server_name, tls12, params);
    ASSERT_NE(closed, nullptr);
    EXPECT_EQ(closed->error, FlowError::tls_protocol) << closed->message;
}

TEST_F(TlsTransport, PresentsAClientCertificateTheServerChecks)
{
    CertificateSpec alice;
    alice.common_name = "alice";
    alice.client = true;
    ca_.issue(alice).write_pem(scratch_.path(), "alice");
    TransportParams params = trusting_our_ca();
    params.emplace_back("tls.certificate_file", (scratch_.path() / "alice.crt").string());
    params.emplace_back("tls.private_key_file", (scratch_.path() / "alice.key").string());
    auto transport = create(params);
    ASSERT_TRUE(transport.ok()) << transport.error().message;

    TlsServerOptions demanding;
    demanding.client_ca = &ca_;
    const TestCertificate certificate = ca_.issue(good_server());
    TlsTestServer server(loop_, certificate, demanding);
    const FlowId flow = open(**transport, server, server_name);
    ASSERT_TRUE(events_.connected(flow));
    ASSERT_TRUE(run_until(loop_, [&] { return server.handshake_done() || server.handshake_failed(); }));
    ASSERT_TRUE(server.handshake_done()) << server.failure();
    EXPECT_NE(server.client_subject().find("CN=alice"), std::string::npos) << server.client_subject();
}

TEST_F(TlsTransport, SkipsVerificationOnlyWhenToldAndWarnsForEachFlow)
{
    const test::TestCa stranger("Unknown CA");
    const auto warnings_before = test::log_lines_with(test::BuiltPlugins::get().logger(), "tls.verify=false").size();
    EXPECT_EQ(refusal(stranger.issue(good_server()), server_name, {}, {{"tls.verify", "false"}}), nullptr);
    const auto warnings = test::log_lines_with(test::BuiltPlugins::get().logger(), "tls.verify=false");
    ASSERT_EQ(warnings.size(), warnings_before + 1);
    EXPECT_NE(warnings.back().find("not authenticated"), std::string::npos) << warnings.back();
}

TEST_F(TlsTransport, RefusesBadParametersAtCreateWithAClearReason)
{
    const std::string missing = (scratch_.path() / "missing.pem").string();
    const std::pair<TransportParams, std::string> cases[] = {
        {{{"tls.verfy", "false"}}, "tls.verfy is unknown"},
        {{{"tls.verify", "no"}}, "must be \"true\" or \"false\""},
        {{{"tls.min_version", "1.1"}}, "must be \"1.2\" or \"1.3\""},
        {{{"tls.ca_file", missing}}, missing},
        {{{"tls.certificate_file", ca_file_.string()}}, "go together"},
        {{{"tls.verify", "true"}, {"tls.verify", "false"}}, "given twice"},
        {{{"tls.certificate_file", ca_file_.string()}, {"tls.private_key_file", missing}}, missing},
    };
    for (const auto &[params, fragment] : cases) {
        auto transport = create(params);
        ASSERT_FALSE(transport.ok()) << fragment;
        EXPECT_EQ(transport.error().code, ErrorCode::invalid_argument);
        EXPECT_NE(transport.error().message.find(fragment), std::string::npos) << transport.error().message;
    }
}

TEST_F(TlsTransport, ListensOnlyWithACertificate)
{
    auto transport = create(trusting_our_ca());
    ASSERT_TRUE(transport.ok());
    auto listener = (*transport)->listen(test::loopback(test::unused_loopback_port(SOCK_STREAM)));
    ASSERT_FALSE(listener.ok());
    EXPECT_NE(listener.error().message.find("listening needs a certificate"), std::string::npos)
        << listener.error().message;
}

} // namespace
} // namespace cordon
