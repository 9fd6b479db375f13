// The fixture's config generation, without running Kamailio.
#include "tests/integration/kamailio_fixture.hpp"

#include <gtest/gtest.h>

namespace cordon::test {
namespace {

TEST(KamailioTemplateTest, FillsEveryPlaceholder)
{
    const auto filled = fill_template("listen=udp:127.0.0.1:{{PORT}} # {{PORT}}", {{"PORT", "5070"}});

    ASSERT_TRUE(filled) << filled.error().message;
    EXPECT_EQ(*filled, "listen=udp:127.0.0.1:5070 # 5070");
}

TEST(KamailioTemplateTest, PlaceholderWithoutValueIsAnErrorNamingIt)
{
    const auto filled = fill_template("listen=udp:127.0.0.1:{{PROT}}", {{"PORT", "5070"}});

    ASSERT_FALSE(filled);
    EXPECT_NE(filled.error().message.find("{{PROT}}"), std::string::npos) << filled.error().message;
}

TEST(KamailioTemplateTest, UnterminatedPlaceholderIsAnError)
{
    EXPECT_FALSE(fill_template("listen={{PORT", {{"PORT", "5070"}}));
}

TEST(BasicCredentialsTest, MatchesRfc7617Example)
{
    EXPECT_EQ(basic_credentials({"Aladdin", "open sesame"}), "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
}

TEST(KamailioFilesTest, UserNameThatCouldEscapeTheConfigIsRefused)
{
    const KamailioLayout layout(std::filesystem::temp_directory_path() / "cordon-kamailio-never-created");
    KamailioOptions options;
    options.users = {{"eve\"; exit; #", "x"}};

    const auto written = write_kamailio_files(layout, options, {}, {});

    ASSERT_FALSE(written);
    EXPECT_NE(written.error().message.find("letters, digits"), std::string::npos) << written.error().message;
    EXPECT_FALSE(std::filesystem::exists(layout.root));
}

} // namespace
} // namespace cordon::test
