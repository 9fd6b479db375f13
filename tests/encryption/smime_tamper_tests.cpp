// Envelopes changed on the way: any byte flipped, cut short, grown, or
// EnvelopedData (CBC, no integrity) in place of AuthEnvelopedData; outer
// Content-Type values that are not S/MIME AuthEnvelopedData; key agreement
// with a key wrap other than AES's. None is ever delivered.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "tests/encryption/smime_test_support.hpp"

namespace cordon::test {
namespace {

// Encrypts one message to bob (RSA: the longer envelope) for every test.
class SmimeTamper : public ::testing::Test {
protected:
    void SetUp() override
    {
        loaded_ = load_smime_plugin();
        ASSERT_NE(loaded_->plugin, nullptr);
        bob_ = make_smime_identity({});
        auto identity = loaded_->plugin->create_identity(bob_.certificate, bob_.key);
        ASSERT_TRUE(identity.ok()) << identity.error().message;
        identity_ = *identity;
        auto outer = loaded_->plugin->encrypt("text/plain", message, bob_.certificate);
        ASSERT_TRUE(outer.ok()) << outer.error().message;
        outer_ = *outer;
    }

    static constexpr char message[] = "meet me at the usual place at 10";
    std::unique_ptr<SmimePlugin> loaded_;
    PemIdentity bob_;
    std::shared_ptr<const BodyIdentity> identity_;
    EncryptedBody outer_;
};

TEST_F(SmimeTamper, EveryFlippedByteIsRefused)
{
    const std::set<ErrorCode> refusals = {ErrorCode::authentication_failed, ErrorCode::malformed_input,
                                          ErrorCode::not_for_this_recipient, ErrorCode::unsupported};
    size_t authentication_failures = 0;
    for (size_t i = 0; i < outer_.body.size(); ++i) {
        std::string tampered = outer_.body;
        tampered[i] = static_cast<char>(tampered[i] ^ 0x01);
        auto inner = identity_->decrypt(outer_.content_type, tampered);
        ASSERT_FALSE(inner.ok()) << "byte " << i << " flipped and the body was delivered: " << inner->body;
        EXPECT_TRUE(refusals.count(inner.error().code) == 1) << "byte " << i << ": " << inner.error().message;
        authentication_failures += inner.error().code == ErrorCode::authentication_failed ? 1 : 0;
    }
    // The ciphertext, the tag and the encrypted key are most of the envelope.
    EXPECT_GT(authentication_failures, outer_.body.size() / 2);
}

TEST_F(SmimeTamper, FlippedTagOrCiphertextIsAuthenticationFailed)
{
    // The tag is the envelope's last 16 bytes; the ciphertext comes before
    // it (its OCTET STRING header and the GCM parameters in between are
    // skipped by starting further back).
    const size_t tag_bytes = 16;
    for (const size_t from_end : {size_t{1}, tag_bytes, tag_bytes + 24 + 4}) {
        std::string tampered = outer_.body;
        tampered[tampered.size() - from_end] = static_cast<char>(tampered[tampered.size() - from_end] ^ 0x80);
        auto inner = identity_->decrypt(outer_.content_type, tampered);
        ASSERT_FALSE(inner.ok());
        EXPECT_EQ(inner.error().code, ErrorCode::authentication_failed) << from_end << ": " << inner.error().message;
    }
}

// The envelope with its 16-byte tag (the last field) cut to keep bytes and
// every enclosing length fixed up: ContentInfo, [0] and AuthEnvelopedData,
// each with a two-byte long-form length (an RSA envelope is over 256 bytes).
std::string with_short_tag(const std::string &envelope, size_t keep)
{
    const size_t tag_bytes = 16;
    const size_t cut = tag_bytes - keep;
    std::string result = envelope.substr(0, envelope.size() - tag_bytes + keep);
    result[result.size() - keep - 1] = static_cast<char>(keep);
    for (const size_t header : {size_t{0}, size_t{4 + 13}, size_t{4 + 13 + 4}}) {
        EXPECT_EQ(static_cast<uint8_t>(result[header + 1]), 0x82) << "not a two-byte length at " << header;
        const size_t length =
            (static_cast<uint8_t>(result[header + 2]) << 8 | static_cast<uint8_t>(result[header + 3])) - cut;
        result[header + 2] = static_cast<char>(length >> 8);
        result[header + 3] = static_cast<char>(length & 0xFF);
    }
    return result;
}

TEST_F(SmimeTamper, ShortenedTagIsRefused)
{
    // OpenSSL checks a GCM tag of any length the envelope gives: a one-byte
    // tag would let an altered body through once in 256 tries.
    for (const size_t keep : {size_t{1}, size_t{4}, size_t{12}}) {
        auto inner = identity_->decrypt(outer_.content_type, with_short_tag(outer_.body, keep));
        ASSERT_FALSE(inner.ok()) << keep;
        EXPECT_EQ(inner.error().code, ErrorCode::malformed_input) << inner.error().message;
        EXPECT_NE(inner.error().message.find("not 16 bytes"), std::string::npos) << inner.error().message;
    }
}

TEST_F(SmimeTamper, EveryTruncationIsRefused)
{
    for (size_t length = 1; length < outer_.body.size(); ++length) {
        auto inner = identity_->decrypt(outer_.content_type, outer_.body.substr(0, length));
        ASSERT_FALSE(inner.ok()) << "cut to " << length;
        EXPECT_EQ(inner.error().code, ErrorCode::malformed_input) << length << ": " << inner.error().message;
    }
}

TEST_F(SmimeTamper, BytesAfterTheEnvelopeAreRefused)
{
    auto inner = identity_->decrypt(outer_.content_type, outer_.body + "trailing");
    ASSERT_FALSE(inner.ok());
    EXPECT_EQ(inner.error().code, ErrorCode::malformed_input) << inner.error().message;
}

TEST_F(SmimeTamper, CbcEnvelopedDataIsRefusedAsNotIntegrityProtected)
{
    const std::string envelope = openssl_envelope("Content-Type: text/plain\r\n\r\nhi", bob_, "aes-128-cbc");
    for (const char *type : {auth_enveloped_type, "application/pkcs7-mime; smime-type=enveloped-data"}) {
        auto inner = identity_->decrypt(type, envelope);
        ASSERT_FALSE(inner.ok());
        EXPECT_EQ(inner.error().code, ErrorCode::unsupported);
        EXPECT_NE(inner.error().message.find("not integrity protected"), std::string::npos) << inner.error().message;
    }
}

TEST_F(SmimeTamper, ContentNotUnderAesGcmIsRefused)
{
    // OpenSSL decrypts AuthEnvelopedData under any cipher it names and checks
    // the mac only for an AEAD one: under AES key wrap, any mac was taken.
    auto inner =
        identity_->decrypt(auth_enveloped_type, key_wrapped_auth_envelope("Content-Type: text/plain\r\n\r\nhi", bob_));
    ASSERT_FALSE(inner.ok()) << "delivered without its tag checked: " << inner->body;
    EXPECT_EQ(inner.error().code, ErrorCode::malformed_input) << inner.error().message;
    EXPECT_NE(inner.error().message.find("not encrypted with AES-GCM"), std::string::npos) << inner.error().message;
}

TEST_F(SmimeTamper, OuterContentTypesOtherThanAuthEnvelopedAreRefused)
{
    struct Case {
        const char *type;
        ErrorCode code;
    };
    for (const Case &c :
         {Case{"text/plain", ErrorCode::unsupported}, Case{"application/pkcs7-mime", ErrorCode::unsupported},
          Case{"application/pkcs7-mime; smime-type=signed-data", ErrorCode::unsupported},
          Case{"application/pkcs7-signature", ErrorCode::unsupported},
          Case{"application/pkcs7-mime; smime-type=authEnveloped-data; smime-type=authEnveloped-data",
               ErrorCode::malformed_input},
          Case{"application/pkcs7-mime; smime-type", ErrorCode::malformed_input},
          Case{"application/pkcs7-mime; name=\"unterminated", ErrorCode::malformed_input},
          Case{"application/pkcs7-mime smime-type=authEnveloped-data", ErrorCode::malformed_input},
          Case{"application/pkcs7-mime;\r\nsmime-type=authEnveloped-data", ErrorCode::malformed_input},
          Case{"pkcs7-mime", ErrorCode::malformed_input}}) {
        auto inner = identity_->decrypt(c.type, outer_.body);
        ASSERT_FALSE(inner.ok()) << c.type;
        EXPECT_EQ(inner.error().code, c.code) << c.type << ": " << inner.error().message;
    }
}

TEST_F(SmimeTamper, ContentTypeSpellingsOfAuthEnvelopedAreTaken)
{
    for (const char *type : {auth_enveloped_type, "APPLICATION/PKCS7-MIME;SMIME-TYPE=authenveloped-data",
                             "application/pkcs7-mime ; name=smime.p7m ; smime-type=authEnveloped-data ",
                             "application/pkcs7-mime;name=\"smime.p7m\";smime-type=\"authEnveloped-data\""}) {
        auto inner = identity_->decrypt(type, outer_.body);
        ASSERT_TRUE(inner.ok()) << type << ": " << inner.error().message;
        EXPECT_EQ(inner->body, message);
    }
}

TEST_F(SmimeTamper, ArbitraryBytesAreMalformed)
{
    for (const std::string &body : {std::string("hello"), std::string(1, '\0'), std::string(4096, '\x30')}) {
        auto inner = identity_->decrypt(auth_enveloped_type, body);
        ASSERT_FALSE(inner.ok());
        EXPECT_EQ(inner.error().code, ErrorCode::malformed_input) << inner.error().message;
    }
}

// The envelope with its one occurrence of the DER bytes from changed to to,
// which is as long: no length changes.
std::string with_bytes_changed(std::string envelope, const std::string &from, const std::string &to)
{
    EXPECT_EQ(from.size(), to.size());
    size_t changed = 0;
    for (size_t at = envelope.find(from); at != std::string::npos; at = envelope.find(from, at + to.size())) {
        envelope.replace(at, from.size(), to);
        ++changed;
    }
    EXPECT_EQ(changed, 1u);
    return envelope;
}

// RFC 5649's padded key wrap in a key agreement recipient: when its check
// fails, OpenSSL 3.0 clears 8 bytes past the heap block it unwraps into
// (what made fuzz_cms_envelope's ASan abort in its quarantine). Any key
// wrap but RFC 3394 AES is refused before OpenSSL decrypts, whether the
// sender chose it or a proxy changed the wrap's OID (so the KEK no longer
// matches and the unwrap fails: the bytes past the block).
TEST(SmimeKeyWrap, KeyWrapOtherThanAesIsRefused)
{
    auto loaded = load_smime_plugin();
    ASSERT_NE(loaded->plugin, nullptr);
    const PemIdentity bob = make_smime_identity(smime_spec(KeyType::ec_p256));
    auto identity = loaded->plugin->create_identity(bob.certificate, bob.key);
    ASSERT_TRUE(identity.ok()) << identity.error().message;
    const std::string entity = "Content-Type: text/plain\r\n\r\nhi";

    // The DER of id-aes256-wrap and id-aes256-wrap-pad (2.16.840.1.101.3.4.1.45 and .48).
    const std::string aes256_wrap("\x06\x09\x60\x86\x48\x01\x65\x03\x04\x01\x2d", 11);
    const std::string aes256_wrap_pad("\x06\x09\x60\x86\x48\x01\x65\x03\x04\x01\x30", 11);
    const std::string changed =
        with_bytes_changed(openssl_envelope(entity, bob, "aes-256-gcm"), aes256_wrap, aes256_wrap_pad);
    for (const std::string &envelope : {openssl_envelope(entity, bob, "aes-128-gcm", "id-aes128-wrap-pad"),
                                        openssl_envelope(entity, bob, "aes-256-gcm", "id-aes256-wrap-pad"), changed,
                                        openssl_envelope(entity, bob, "aes-128-gcm", "id-smime-alg-CMS3DESwrap")}) {
        auto inner = (*identity)->decrypt(auth_enveloped_type, envelope);
        ASSERT_FALSE(inner.ok());
        EXPECT_EQ(inner.error().code, ErrorCode::malformed_input) << inner.error().message;
        EXPECT_NE(inner.error().message.find("AES key wrap"), std::string::npos) << inner.error().message;
    }
    for (const char *wrap : {"id-aes128-wrap", "id-aes192-wrap", "id-aes256-wrap"}) {
        auto inner = (*identity)->decrypt(auth_enveloped_type, openssl_envelope(entity, bob, "aes-128-gcm", wrap));
        ASSERT_TRUE(inner.ok()) << wrap << ": " << inner.error().message;
        EXPECT_EQ(inner->body, "hi");
    }
}

} // namespace
} // namespace cordon::test
