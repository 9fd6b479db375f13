// Rules on header fields that libosip2 accepts and RFC 3261 does not.
#include <gtest/gtest.h>

#include "tests/sip/sip_test_message.hpp"

namespace cordon::sip::test {
namespace {

std::string with_headers(const std::string &headers) { return message(request_line, headers); }

std::string without(std::string_view line) { return with_headers(replaced(headers_without_length, line, "")); }

TEST(SipHeaderRules, RefusesAMissingMandatoryField)
{
    for (const char *line :
         {"Via: SIP/2.0/UDP host.example.com;branch=z9hG4bK776asdhds\r\n", "To: Bob <sip:bob@example.com>\r\n",
          "From: \"Alice\" <sip:alice@example.com>;tag=1928301774\r\n", "Call-ID: a84b4c76e66710@pc33.example.com\r\n",
          "CSeq: 314159 OPTIONS\r\n"}) {
        const std::string reason = rejection(without(line));
        EXPECT_NE(reason.find("missing"), std::string::npos) << line << " -> " << reason;
    }
}

TEST(SipHeaderRules, AcceptsAMissingMaxForwardsFromRfc2543Peers)
{
    EXPECT_EQ(rejection(without("Max-Forwards: 70\r\n")), "");
}

TEST(SipHeaderRules, RefusesACSeqNumberAbove31Bits)
{
    EXPECT_NE(rejection(with_headers(replaced(headers_without_length, "314159", "2147483648"))), "");
    EXPECT_NE(rejection(with_headers(replaced(headers_without_length, "314159", "36893488147419103232"))), "");
    EXPECT_EQ(rejection(with_headers(replaced(headers_without_length, "314159", "2147483647"))), "");
}

TEST(SipHeaderRules, RefusesACSeqMethodThatDiffersFromTheRequest)
{
    const std::string reason = rejection(with_headers(replaced(headers_without_length, "314159 OPTIONS", "1 INVITE")));
    EXPECT_NE(reason.find("does not match"), std::string::npos) << reason;
}

TEST(SipHeaderRules, RefusesMaxForwardsAbove255)
{
    EXPECT_NE(rejection(with_headers(replaced(headers_without_length, "Max-Forwards: 70", "Max-Forwards: 256"))), "");
    EXPECT_NE(rejection(with_headers(replaced(headers_without_length, "Max-Forwards: 70", "Max-Forwards: -1"))), "");
}

TEST(SipHeaderRules, RefusesAnExpiresBeyond32Bits)
{
    EXPECT_NE(rejection(with_headers(headers_without_length + "Expires: 4294967296\r\n")), "");
    EXPECT_EQ(rejection(with_headers(headers_without_length + "Expires: 3600\r\n")), "");
}

TEST(SipHeaderRules, RefusesADateNotInGmt)
{
    EXPECT_NE(rejection(with_headers(headers_without_length + "Date: Fri, 01 Jan 2010 16:00:00 EST\r\n")), "");
    EXPECT_EQ(rejection(with_headers(headers_without_length + "Date: Sat, 13 Nov 2010 23:29:00 GMT\r\n")), "");
}

TEST(SipHeaderRules, RefusesUriHeadersOutsideAngleBrackets)
{
    EXPECT_NE(rejection(with_headers(headers_without_length +
                                     "Contact: sip:user@example.com?Route=%3Csip:sip.example.com%3E\r\n")),
              "");
    EXPECT_EQ(rejection(with_headers(headers_without_length +
                                     "Contact: <sip:user@example.com?Route=%3Csip:sip.example.com%3E>\r\n")),
              "");
}

TEST(SipHeaderRules, RefusesAViaOfAnotherVersion)
{
    EXPECT_NE(rejection(with_headers(replaced(headers_without_length, "SIP/2.0/UDP", "SIP/7.0/UDP"))), "");
}

TEST(SipHeaderRules, RefusesABadHostInFromOrTo)
{
    EXPECT_NE(rejection(with_headers(replaced(headers_without_length, "<sip:bob@example.com>", "<sip:bob@[::1::2]>"))),
              "");
}

TEST(SipHeaderRules, RefusesWhatLibosip2CannotParse)
{
    const std::string reason =
        rejection(with_headers(replaced(headers_without_length, "Bob <sip:bob@example.com>", "<>")));
    EXPECT_NE(reason, "");
}

} // namespace
} // namespace cordon::sip::test
