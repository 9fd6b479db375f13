// The [encryption] settings of message bodies, through the real table: the
// mode and its default, the own certificate and key, and the table of peer
// certificates by URI (the one table-valued setting).
#include <gtest/gtest.h>

#include "cordon/host/settings.hpp"

namespace cordon {
namespace {

using std::filesystem::path;

const path origin = "/etc/cordon/cordon.toml";

TEST(EncryptionSettings, DefaultsEncryptBodiesWhenTheHopIsNotTls)
{
    auto settings = parse_settings("", origin);
    ASSERT_TRUE(settings.ok()) << settings.error().message;
    EXPECT_EQ(settings->user_agent.body_encryption.mode, BodyMode::when_no_tls);
    EXPECT_TRUE(settings->user_agent.body_encryption.certificate_file.empty());
    EXPECT_TRUE(settings->user_agent.body_encryption.private_key_file.empty());
    EXPECT_TRUE(settings->user_agent.body_encryption.peer_certificates.empty());
}

TEST(EncryptionSettings, EveryValueIsRead)
{
    auto settings = parse_settings(R"toml(
[encryption]
body_mode = "always"
certificate_file = "me.pem"
private_key_file = "/keys/me.key"

[encryption.peer_certificates]
"sip:bob@example.com" = "peers/bob.pem"
"sips:carol@example.org;transport=tls" = "/srv/carol.pem"
)toml",
                                   origin);
    ASSERT_TRUE(settings.ok()) << settings.error().message;
    const auto &encryption = settings->user_agent.body_encryption;
    EXPECT_EQ(encryption.mode, BodyMode::always);
    EXPECT_EQ(encryption.certificate_file, path("/etc/cordon/me.pem"));
    EXPECT_EQ(encryption.private_key_file, path("/keys/me.key"));
    ASSERT_EQ(encryption.peer_certificates.size(), 2u);
    EXPECT_EQ(encryption.peer_certificates.at("sip:bob@example.com"), path("/etc/cordon/peers/bob.pem"));
    EXPECT_EQ(encryption.peer_certificates.at("sips:carol@example.org;transport=tls"), path("/srv/carol.pem"));
}

TEST(EncryptionSettings, InlineTableAndOffAreRead)
{
    auto settings = parse_settings(
        "encryption.body_mode = \"off\"\nencryption.peer_certificates = { \"sip:bob@example.com\" = \"bob.pem\" }\n",
        origin);
    ASSERT_TRUE(settings.ok()) << settings.error().message;
    EXPECT_EQ(settings->user_agent.body_encryption.mode, BodyMode::off);
    EXPECT_EQ(settings->user_agent.body_encryption.peer_certificates.size(), 1u);
}

TEST(EncryptionSettings, WrongValuesAreRefusedNamingTheSetting)
{
    struct Case {
        const char *toml;
        const char *problem;
    };
    for (const Case &c : {
             Case{"encryption.body_mode = \"sometimes\"", "encryption.body_mode: \"sometimes\" is not one of"},
             Case{"encryption.peer_certificates = [\"bob.pem\"]", "encryption.peer_certificates: expected a table"},
             Case{"[encryption.peer_certificates]\n\"sip:bob@example.com\" = 3\n", "\"sip:bob@example.com\": expected"},
             Case{"[encryption.peer_certificates]\n\"sip:bob@example.com\" = \"\"\n", "must not be empty"},
             Case{"[encryption.peer_certificates]\n\"sip:bob\\n@example.com\" = \"b.pem\"\n", "control characters"},
             Case{"[encryption.peer_certificates]\n\"\" = \"b.pem\"\n", "non-empty"},
         }) {
        auto settings = parse_settings(c.toml, origin);
        ASSERT_FALSE(settings.ok()) << c.toml;
        EXPECT_EQ(settings.error().code, ErrorCode::config);
        EXPECT_NE(settings.error().message.find(c.problem), std::string::npos) << settings.error().message;
    }
}

TEST(EncryptionSettings, ExplainedWithTheirSecurityNotes)
{
    for (const SettingDoc &doc : settings_schema()) {
        if (doc.key.rfind("encryption.", 0) == 0) {
            EXPECT_FALSE(doc.security_note.empty()) << doc.key;
        }
        if (doc.key == "encryption.peer_certificates") {
            EXPECT_EQ(doc.type, "table of paths (strings)");
            EXPECT_EQ(doc.default_value, "{}");
        }
    }
}

} // namespace
} // namespace cordon
