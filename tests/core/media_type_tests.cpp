#include <gtest/gtest.h>

#include <string_view>

#include "core/media_type.h"

namespace cordon {
namespace {

using namespace std::string_view_literals;

bool is_value(std::string_view text) { return is_content_type_value(text.data(), text.size()); }

TEST(ContentTypeValue, IsTypeSlashSubtypeThenParameters)
{
    EXPECT_TRUE(is_value("text/plain"));
    EXPECT_TRUE(is_value("application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m"));
    EXPECT_TRUE(is_value("message/sip ;x=y"));
    EXPECT_TRUE(is_value("application/vnd.{x}"));
}

TEST(ContentTypeValue, RefusesWhatIsNotTypeSlashSubtype)
{
    EXPECT_FALSE(is_value(""));
    EXPECT_FALSE(is_value("text"));
    EXPECT_FALSE(is_value("text/"));
    EXPECT_FALSE(is_value("/plain"));
    EXPECT_FALSE(is_value("text/plain/extra"));
    EXPECT_FALSE(is_value("text/plain,other"));
    EXPECT_FALSE(is_value(" text/plain"));
    EXPECT_FALSE(is_value("te(x)t/plain"));
}

TEST(ContentTypeValue, RefusesBytesOutsidePrintableAscii)
{
    EXPECT_FALSE(is_value("text/plain\r\nX-Injected: 1"));
    EXPECT_FALSE(is_value("text/plain; name=\"caf\xC3\xA9\""));
    EXPECT_FALSE(is_value("text/plain\0"sv));
    EXPECT_FALSE(is_value("text/plain\x7F"));
    EXPECT_FALSE(is_value("text/plain\t;x=y")); // HTAB is a control here, as it was in both earlier copies
}

TEST(Rfc2045Token, LengthStopsAtTheFirstNonTokenByte)
{
    const std::string_view text = "pkcs7-mime; x";
    EXPECT_EQ(rfc2045_token_length(text.data(), text.size()), 10u);
    EXPECT_EQ(rfc2045_token_length(text.data(), 4), 4u); // never reads past length
    EXPECT_EQ(rfc2045_token_length("/x", 2), 0u);
    EXPECT_EQ(rfc2045_token_length("", 0), 0u);
}

} // namespace
} // namespace cordon
