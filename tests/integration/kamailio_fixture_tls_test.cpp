// The fixture's TLS listener and its certificate options, seen by a client
// that verifies the CA and the name. Label: integration.
#include "tests/integration/kamailio_test_support.hpp"

#include <gtest/gtest.h>
#include <openssl/x509_vfy.h>

#include <ostream>

namespace cordon::test {
namespace {

TEST_F(KamailioFixtureTest, GoodCertificateAlsoNamesLocalhostAnd127001)
{
    ASSERT_NO_FATAL_FAILURE(start());

    for (const std::string name : {"localhost", "127.0.0.1"}) {
        // SSL_set1_host takes an IP literal as an IP to check against the IP SANs.
        auto connection = StreamSipConnection::connect_tls(kamailio_->ports().tls, kamailio_->ca_file(), name);
        EXPECT_TRUE(connection) << name << ": " << connection.error().message;
    }
}

struct RefusedCertificate {
    ServerCertificate kind;
    long verify_error;
};

void PrintTo(const RefusedCertificate &refused, std::ostream *out)
{
    *out << X509_verify_cert_error_string(refused.verify_error);
}

class KamailioCertificateTest : public KamailioFixtureTest, public ::testing::WithParamInterface<RefusedCertificate> {};

TEST_P(KamailioCertificateTest, ClientVerifyingCordonTestRefusesIt)
{
    KamailioOptions options;
    options.certificate = GetParam().kind;
    ASSERT_NO_FATAL_FAILURE(start(options));

    auto connection = StreamSipConnection::connect_tls(kamailio_->ports().tls, kamailio_->ca_file(), "cordon.test");

    ASSERT_FALSE(connection);
    EXPECT_NE(connection.error().message.find(X509_verify_cert_error_string(GetParam().verify_error)),
              std::string::npos)
        << connection.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Kinds, KamailioCertificateTest,
    ::testing::Values(RefusedCertificate{ServerCertificate::other_name, X509_V_ERR_HOSTNAME_MISMATCH},
                      RefusedCertificate{ServerCertificate::unknown_ca, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY},
                      RefusedCertificate{ServerCertificate::expired, X509_V_ERR_CERT_HAS_EXPIRED}),
    [](const auto &instance) {
        switch (instance.param.kind) {
        case ServerCertificate::other_name:
            return std::string("OtherName");
        case ServerCertificate::unknown_ca:
            return std::string("UnknownCa");
        case ServerCertificate::expired:
            return std::string("Expired");
        case ServerCertificate::good:
            break;
        }
        return std::string("Good");
    });

} // namespace
} // namespace cordon::test
