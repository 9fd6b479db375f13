// What encryption-smime writes is standard CMS, and what the standard tool
// writes it reads: the `openssl cms` command decrypts the plugin's envelopes
// and makes envelopes the plugin decrypts, for RSA and EC recipients.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

#include "tests/encryption/smime_test_support.hpp"
#include "tests/support/tls/test_certificates.hpp"

namespace cordon::test {
namespace {

namespace fs = std::filesystem;

void write_file(const fs::path &path, const std::string &bytes)
{
    std::ofstream out(path, std::ios::binary);
    out << bytes;
}

std::string read_file(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Runs an openssl command line (every path is a scratch path without
// spaces); its output goes to log.
int openssl(const std::string &arguments, const fs::path &log)
{
    const std::string command = "openssl " + arguments + " >" + log.string() + " 2>&1";
    return std::system(command.c_str());
}

class SmimeOpensslCli : public ::testing::TestWithParam<KeyType> {
protected:
    void SetUp() override
    {
        loaded_ = load_smime_plugin();
        ASSERT_NE(loaded_->plugin, nullptr);
        bob_ = make_smime_identity(smime_spec(GetParam()));
        write_file(scratch_.path() / "bob.crt", bob_.certificate);
        write_file(scratch_.path() / "bob.key", bob_.key);
    }

    fs::path file(const char *name) const { return scratch_.path() / name; }

    ScratchDirectory scratch_{"smime-cli"};
    std::unique_ptr<SmimePlugin> loaded_;
    PemIdentity bob_;
};

TEST_P(SmimeOpensslCli, OpensslDecryptsWhatThePluginEncrypts)
{
    const std::string body = "Alice to Bob: the plugin's envelope.";
    auto outer = loaded_->plugin->encrypt("text/plain", body, bob_.certificate);
    ASSERT_TRUE(outer.ok()) << outer.error().message;
    write_file(file("envelope.der"), outer->body);
    ASSERT_EQ(openssl("cms -decrypt -binary -inform DER -in " + file("envelope.der").string() + " -recip " +
                          file("bob.crt").string() + " -inkey " + file("bob.key").string() + " -out " +
                          file("inner.txt").string(),
                      file("decrypt.log")),
              0)
        << read_file(file("decrypt.log"));
    EXPECT_EQ(read_file(file("inner.txt")), "Content-Type: text/plain\r\n\r\n" + body);
    ASSERT_EQ(openssl("cms -cmsout -print -inform DER -in " + file("envelope.der").string(), file("print.txt")), 0);
    const std::string printed = read_file(file("print.txt"));
    EXPECT_NE(printed.find("id-smime-ct-authEnvelopedData"), std::string::npos) << printed;
    EXPECT_NE(printed.find("aes-128-gcm"), std::string::npos) << printed;
    EXPECT_NE(printed.find(GetParam() == KeyType::ec_p256 ? "d.kari" : "d.ktri"), std::string::npos) << printed;
}

TEST_P(SmimeOpensslCli, PluginDecryptsWhatOpensslEncrypts)
{
    const std::string entity = "Content-Type: text/plain\r\n\r\nBob, from openssl cms.";
    write_file(file("entity.txt"), entity);
    for (const char *cipher : {"-aes-128-gcm", "-aes-256-gcm"}) {
        ASSERT_EQ(openssl(std::string("cms -encrypt -binary ") + cipher + " -outform DER -in " +
                              file("entity.txt").string() + " -out " + file("envelope.der").string() + " " +
                              file("bob.crt").string(),
                          file("encrypt.log")),
                  0)
            << read_file(file("encrypt.log"));
        auto identity = loaded_->plugin->create_identity(bob_.certificate, bob_.key);
        ASSERT_TRUE(identity.ok()) << identity.error().message;
        auto inner = (*identity)->decrypt(auth_enveloped_type, read_file(file("envelope.der")));
        ASSERT_TRUE(inner.ok()) << cipher << ": " << inner.error().message;
        EXPECT_EQ(inner->content_type, "text/plain");
        EXPECT_EQ(inner->body, "Bob, from openssl cms.");
    }
}

INSTANTIATE_TEST_SUITE_P(Keys, SmimeOpensslCli, ::testing::Values(KeyType::rsa_2048, KeyType::ec_p256),
                         [](const auto &key) { return key.param == KeyType::rsa_2048 ? "rsa" : "ec"; });

} // namespace
} // namespace cordon::test
