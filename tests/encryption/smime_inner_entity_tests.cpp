// Inner entities that decrypt (OpenSSL made the envelopes, so the tag is
// right) but are not one strict MIME entity: each refused as malformed with
// the reason, never delivered. And the few spellings that are taken.
#include <gtest/gtest.h>

#include <string>

#include "cordon/body_encryption.h"
#include "tests/encryption/smime_test_support.hpp"

namespace cordon::test {
namespace {

class SmimeInnerEntity : public ::testing::Test {
protected:
    void SetUp() override
    {
        loaded_ = load_smime_plugin();
        ASSERT_NE(loaded_->plugin, nullptr);
        bob_ = make_smime_identity(smime_spec(KeyType::ec_p256));
        auto identity = loaded_->plugin->create_identity(bob_.certificate, bob_.key);
        ASSERT_TRUE(identity.ok()) << identity.error().message;
        identity_ = *identity;
    }

    Result<Body> decrypt(const std::string &entity) const
    {
        return identity_->decrypt(auth_enveloped_type, openssl_envelope(entity, bob_, "aes-128-gcm"));
    }

    std::unique_ptr<SmimePlugin> loaded_;
    PemIdentity bob_;
    std::shared_ptr<const BodyIdentity> identity_;
};

struct Hostile {
    std::string entity;
    const char *reason;
};

TEST_F(SmimeInnerEntity, HostileEntitiesAreMalformed)
{
    const std::string long_header = "Content-Type: text/plain\r\nContent-ID: <" + std::string(3000, 'a') + ">\r\n\r\nx";
    const Hostile cases[] = {
        {"hello, no headers at all", "no empty line"},
        {"Content-Type: text/plain\r\nhello", "no empty line"},
        {"\r\n\r\nbody", "not name: value"},
        {"Content-Length: 1\r\n\r\nx", "no Content-Type"},
        {"Content-Type: text/plain\r\nContent-Type: text/html\r\n\r\nx", "Content-Type twice"},
        {"Content-Type: text/plain\r\n X-Folded: yes\r\n\r\nx", "folded"},
        {"Content-Type: text/plain\nX: y\r\n\r\nx", "control character"},
        {"Content-Type: text/pl\rain\r\n\r\nx", "control character"},
        {"Content-Type: text/pl\xC3\xA4in\r\n\r\nx", "non-ASCII"},
        {"Content-Type: text/plain\r\nX-Evil: 1\r\n\r\nx", "does not take (X-Evil)"},
        {"Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\naGk=", "not binary, 8bit or 7bit"},
        {"Content-Type: text/plain\r\nContent-Length: 5\r\n\r\nx", "not the body's length"},
        {"Content-Type: text/plain\r\nContent-Length: -1\r\n\r\nx", "not the body's length"},
        {"Content-Type: text\r\n\r\nx", "not type/subtype"},
        {"Content-Type: \r\n\r\nx", "not type/subtype"},
        {"Content-Type: text/" + std::string(CORDON_BODY_CONTENT_TYPE_BYTES, 'a') + "\r\n\r\nx", "not type/subtype"},
        {"Content-Type text/plain\r\n\r\nx", "not name: value"},
        {long_header, "no empty line"},
        {"Content-Type: text/plain\r\n\r\n" + std::string(CORDON_BODY_MAX_BYTES + 1, 'x'), "at most"},
    };
    for (const Hostile &hostile : cases) {
        auto inner = decrypt(hostile.entity);
        ASSERT_FALSE(inner.ok()) << hostile.entity.substr(0, 60) << " delivered";
        EXPECT_EQ(inner.error().code, ErrorCode::malformed_input) << inner.error().message;
        EXPECT_NE(inner.error().message.find(hostile.reason), std::string::npos)
            << hostile.entity.substr(0, 60) << ": " << inner.error().message;
    }
}

TEST_F(SmimeInnerEntity, StrictSpellingsAreTaken)
{
    struct Taken {
        std::string entity;
        std::string type;
        std::string body;
    };
    const Taken cases[] = {
        {"Content-Type: text/plain\r\n\r\n", "text/plain", ""},
        {"content-type:text/plain \r\n\r\nhi", "text/plain", "hi"},
        {"Content-Type: message/cpim\r\nContent-Transfer-Encoding: binary\r\nContent-Length: 4\r\n\r\n\r\n\r\n",
         "message/cpim", "\r\n\r\n"},
        {"Content-Type: application/sdp\r\nContent-Disposition: session\r\nContent-ID: <1@x>\r\n\r\nv=0",
         "application/sdp", "v=0"},
        {"Content-Type: text/plain;charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\xC3\xA4",
         "text/plain;charset=UTF-8", "\xC3\xA4"},
    };
    for (const Taken &taken : cases) {
        auto inner = decrypt(taken.entity);
        ASSERT_TRUE(inner.ok()) << taken.entity << ": " << inner.error().message;
        EXPECT_EQ(inner->content_type, taken.type);
        EXPECT_EQ(inner->body, taken.body);
    }
}

TEST_F(SmimeInnerEntity, OpensslAuthEnvelopesOfEveryGcmKeySizeAreTaken)
{
    for (const char *cipher : {"aes-128-gcm", "aes-192-gcm", "aes-256-gcm"}) {
        auto inner = identity_->decrypt(auth_enveloped_type,
                                        openssl_envelope("Content-Type: text/plain\r\n\r\nhi", bob_, cipher));
        ASSERT_TRUE(inner.ok()) << cipher << ": " << inner.error().message;
        EXPECT_EQ(inner->body, "hi");
    }
}

} // namespace
} // namespace cordon::test
