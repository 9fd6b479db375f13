// The [encryption] settings turned into a BodyProtection with the real
// encryption-smime plugin and real files: a working pair of agents, and
// every file problem named with its setting and path.
#include <gtest/gtest.h>

#include <fstream>

#include "body_protection/body_protection_settings.hpp"
#include "cordon/body_encryption.h"
#include "tests/encryption/smime_test_support.hpp"
#include "tests/support/tls/test_certificates.hpp"

namespace cordon::test {
namespace {

namespace fs = std::filesystem;
using std::chrono::hours;

void write_file(const fs::path &path, const std::string &text)
{
    std::ofstream out(path, std::ios::binary);
    out << text;
}

class BodyProtectionSettings : public ::testing::Test {
protected:
    void SetUp() override
    {
        loaded_ = load_smime_plugin();
        ASSERT_NE(loaded_->plugin, nullptr);
        alice_ = make_smime_identity(smime_spec(KeyType::ec_p256, "", "alice"));
        bob_ = make_smime_identity(smime_spec(KeyType::rsa_2048, "", "bob"));
        write_file(file("alice.crt"), alice_.certificate);
        write_file(file("alice.key"), alice_.key);
        write_file(file("bob.crt"), bob_.certificate);
        write_file(file("bob.key"), bob_.key);
    }

    fs::path file(const char *name) const { return scratch_.path() / name; }

    BodyEncryptionSettings settings_of(const char *self, const char *peer_uri, const char *peer) const
    {
        BodyEncryptionSettings settings;
        settings.certificate_file = file((std::string(self) + ".crt").c_str());
        settings.private_key_file = file((std::string(self) + ".key").c_str());
        settings.peer_certificates[peer_uri] = file((std::string(peer) + ".crt").c_str());
        return settings;
    }

    Error refusal(const BodyEncryptionSettings &settings) const
    {
        auto protection = load_body_protection(settings, *loaded_->registry);
        EXPECT_FALSE(protection.ok());
        return protection.ok() ? Error{ErrorCode::invalid_argument, "loaded"} : protection.error();
    }

    ScratchDirectory scratch_{"smime-settings"};
    std::unique_ptr<SmimePlugin> loaded_;
    PemIdentity alice_;
    PemIdentity bob_;
};

TEST_F(BodyProtectionSettings, AliceWritesToBobOverUdpAndBobReads)
{
    auto alice = load_body_protection(settings_of("alice", "sip:bob@example.com", "bob"), *loaded_->registry);
    auto bob = load_body_protection(settings_of("bob", "sip:alice@example.com", "alice"), *loaded_->registry);
    ASSERT_TRUE(alice.ok()) << alice.error().message;
    ASSERT_TRUE(bob.ok()) << bob.error().message;
    auto sent = alice->protect("sip:bob@example.com", {"udp", false}, "text/plain", "secret plans");
    ASSERT_TRUE(sent.ok()) << sent.error().message;
    EXPECT_TRUE(sent->encrypted);
    EXPECT_EQ(sent->body.find("secret plans"), std::string::npos);
    auto received = bob->unprotect(sent->content_type, sent->body);
    ASSERT_TRUE(received.ok()) << received.error().message;
    EXPECT_TRUE(received->encrypted);
    EXPECT_EQ(received->body.body, "secret plans");
    // Alice cannot read what she sent to Bob.
    auto by_alice = alice->unprotect(sent->content_type, sent->body);
    ASSERT_FALSE(by_alice.ok());
    EXPECT_EQ(by_alice.error().code, ErrorCode::not_for_this_recipient);
}

TEST_F(BodyProtectionSettings, EmptySettingsLoadAndRefuseWhatMustBeEncrypted)
{
    auto protection = load_body_protection(BodyEncryptionSettings{}, *loaded_->registry);
    ASSERT_TRUE(protection.ok()) << protection.error().message;
    auto sent = protection->protect("sip:bob@example.com", {"udp", false}, "text/plain", "hi");
    ASSERT_FALSE(sent.ok());
    EXPECT_EQ(sent.error().code, ErrorCode::encryption_unavailable);
}

TEST_F(BodyProtectionSettings, FileProblemsNameTheSettingAndTheFile)
{
    write_file(file("empty.pem"), "");
    write_file(file("garbage.pem"), "not a certificate");
    write_file(file("huge.pem"), std::string(CORDON_BODY_MAX_CERTIFICATE_BYTES + 1, 'A'));
    write_file(file("expired.crt"),
               make_smime_identity(with_validity(smime_spec(KeyType::ec_p256), -hours(48), -hours(1))).certificate);
    struct Case {
        BodyEncryptionSettings settings;
        std::vector<std::string> parts;
    };
    std::vector<Case> cases;
    auto base = settings_of("alice", "sip:bob@example.com", "bob");
    auto missing = base;
    missing.certificate_file = file("missing.crt");
    cases.push_back({missing, {"encryption.certificate_file", "missing.crt", "cannot be read"}});
    auto key_only = base;
    key_only.certificate_file.clear();
    cases.push_back({key_only, {"encryption.private_key_file is set but encryption.certificate_file is not"}});
    auto wrong_key = base;
    wrong_key.private_key_file = file("bob.key");
    cases.push_back({wrong_key, {"encryption.certificate_file", "alice.crt", "does not belong"}});
    auto empty_key = base;
    empty_key.private_key_file = file("empty.pem");
    cases.push_back({empty_key, {"encryption.private_key_file", "empty.pem", "is 0 bytes"}});
    auto garbage_peer = base;
    garbage_peer.peer_certificates["sip:bob@example.com"] = file("garbage.pem");
    cases.push_back({garbage_peer, {"encryption.peer_certificates", "garbage.pem", "not a PEM certificate"}});
    auto huge_peer = base;
    huge_peer.peer_certificates["sip:bob@example.com"] = file("huge.pem");
    cases.push_back({huge_peer, {"encryption.peer_certificates", "huge.pem", "bytes"}});
    auto expired_peer = base;
    expired_peer.peer_certificates["sip:bob@example.com"] = file("expired.crt");
    cases.push_back({expired_peer, {"encryption.peer_certificates", "expired.crt", "expired at"}});
    auto bad_uri = base;
    bad_uri.peer_certificates["tel:+123"] = file("bob.crt");
    cases.push_back({bad_uri, {"encryption.peer_certificates", "\"tel:+123\" is not a sip: or sips: URI"}});
    auto twice = base;
    twice.peer_certificates["sips:bob@EXAMPLE.com"] = file("bob.crt");
    cases.push_back({twice, {"name the same peer (sip:bob@example.com)"}});
    for (const Case &c : cases) {
        const Error error = refusal(c.settings);
        EXPECT_EQ(error.code, ErrorCode::config) << error.message;
        for (const std::string &part : c.parts) {
            EXPECT_NE(error.message.find(part), std::string::npos) << error.message << "\nlacks: " << part;
        }
    }
}

} // namespace
} // namespace cordon::test
