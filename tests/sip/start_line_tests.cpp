// Request and status lines: Cordon reads them itself, strictly.
#include <gtest/gtest.h>

#include "tests/sip/sip_test_message.hpp"

namespace cordon::sip::test {
namespace {

std::string with_start(const std::string &start) { return message(start, headers_without_length); }

std::string response(const std::string &status_line) { return message(status_line, headers_without_length); }

TEST(SipStartLine, RefusesExtraSpaces)
{
    EXPECT_NE(rejection(with_start("OPTIONS  sip:bob@example.com SIP/2.0")), "");
    EXPECT_NE(rejection(with_start("OPTIONS sip:bob@example.com SIP/2.0 ")), "");
    EXPECT_NE(rejection(with_start(" OPTIONS sip:bob@example.com SIP/2.0")), "");
    EXPECT_NE(rejection(with_start("OPTIONS sip:bob@example.com\tSIP/2.0")), "");
}

TEST(SipStartLine, RefusesOtherVersionsAndAnswers505)
{
    const auto outcome = parse_received_message(with_start("OPTIONS sip:bob@example.com SIP/7.0"));
    ASSERT_FALSE(outcome.message.ok());
    EXPECT_NE(outcome.message.error().message.find("SIP/2.0"), std::string::npos);
    ASSERT_TRUE(outcome.reply.has_value());
    EXPECT_EQ(outcome.reply->status_code, 505);
    EXPECT_NE(rejection(response("SIP/3.0 200 OK")), "");
}

TEST(SipStartLine, RefusesANonTokenMethod)
{
    EXPECT_NE(rejection(with_start("OPT(IONS) sip:bob@example.com SIP/2.0")), "");
}

TEST(SipStartLine, AcceptsAnyTokenMethodWhoseCSeqMatches)
{
    const std::string method = "!odd-Method_*+`.%'~";
    const std::string bytes = message(method + " sip:bob@example.com SIP/2.0",
                                      replaced(headers_without_length, "314159 OPTIONS", "1 " + method));
    EXPECT_EQ(rejection(bytes), "");
}

TEST(SipStartLine, RefusesARequestUriInAngleBracketsOrWithoutScheme)
{
    EXPECT_NE(rejection(with_start("OPTIONS <sip:bob@example.com> SIP/2.0")), "");
    EXPECT_NE(rejection(with_start("OPTIONS bob@example.com SIP/2.0")), "");
    EXPECT_NE(rejection(with_start("OPTIONS 1sip:bob@example.com SIP/2.0")), "");
}

TEST(SipStartLine, AcceptsAnUnknownSchemeAsAnAbsoluteUri)
{
    EXPECT_EQ(rejection(with_start("OPTIONS soap.beep://192.0.2.103:3002 SIP/2.0")), "");
}

TEST(SipStartLine, RefusesHeadersInASipRequestUri)
{
    const std::string reason = rejection(with_start("OPTIONS sip:bob@example.com?Route=%3Csip:evil%3E SIP/2.0"));
    EXPECT_NE(reason.find("headers"), std::string::npos) << reason;
}

TEST(SipStartLine, RefusesBadHostsAndPortsInTheRequestUri)
{
    EXPECT_NE(rejection(with_start("OPTIONS sip:2001:db8::10 SIP/2.0")), "");
    EXPECT_NE(rejection(with_start("OPTIONS sip:bob@[2001:db8:::192.0.2.1] SIP/2.0")), "");
    EXPECT_NE(rejection(with_start("OPTIONS sip:bob@example.com:65536 SIP/2.0")), "");
    EXPECT_NE(rejection(with_start("OPTIONS sip:bob@example.com:5x60 SIP/2.0")), "");
    EXPECT_NE(rejection(with_start("OPTIONS sip:bob@exa_mple.com SIP/2.0")), "");
    EXPECT_EQ(rejection(with_start("OPTIONS sip:bob@[2001:db8::10]:5070 SIP/2.0")), "");
}

TEST(SipStartLine, RefusesStatusCodesOutsideTheRange)
{
    EXPECT_NE(rejection(response("SIP/2.0 4294967301 better not break the receiver")), "");
    EXPECT_NE(rejection(response("SIP/2.0 099 Too Low")), "");
    EXPECT_NE(rejection(response("SIP/2.0 700 Too High")), "");
    EXPECT_NE(rejection(response("SIP/2.0 2x0 OK")), "");
    EXPECT_NE(rejection(response("SIP/2.0 200")), "");
    EXPECT_EQ(rejection(response("SIP/2.0 200 ")), "");
}

TEST(SipStartLine, RefusesAControlCharacterInTheReasonPhrase)
{
    EXPECT_NE(rejection(response("SIP/2.0 200 O\x1bK")), "");
}

TEST(SipStartLine, NeverAnswersAResponse)
{
    const auto outcome = parse_received_message(response("SIP/2.0 700 Too High"));
    EXPECT_FALSE(outcome.message.ok());
    EXPECT_FALSE(outcome.reply.has_value());
}

TEST(SipStartLine, QuotesWireTextOnlyAsPrintableAscii)
{
    const auto outcome = parse_received_message(with_start("OPT\x1b[31mIONS sip:bob@example.com SIP/2.0"));
    ASSERT_FALSE(outcome.message.ok());
    EXPECT_EQ(outcome.message.error().message.find('\x1b'), std::string::npos);
    ASSERT_TRUE(outcome.reply.has_value());
    EXPECT_EQ(outcome.reply->reason_phrase.find('\x1b'), std::string::npos);
}

} // namespace
} // namespace cordon::sip::test
