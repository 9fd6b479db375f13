// Framing rules: limits checked before parsing, header syntax, duplicates and
// Content-Length, each with the hostile input it refuses.
#include <gtest/gtest.h>

#include "sip/limits.hpp"
#include "tests/sip/sip_test_message.hpp"

namespace cordon::sip::test {
namespace {

bool mentions(const std::string &reason, const std::string &fragment)
{
    return reason.find(fragment) != std::string::npos;
}

TEST(SipFraming, AcceptsTheBaseMessage) { EXPECT_EQ(rejection(valid_request()), ""); }

TEST(SipFraming, RefusesAMessageOverTheSizeLimit)
{
    const std::string body(max_message_bytes, 'x');
    EXPECT_TRUE(mentions(rejection(message(request_line, headers_without_length, body)), "larger than the limit"));
}

TEST(SipFraming, RefusesTooManyHeaderFields)
{
    std::string headers = headers_without_length;
    for (std::size_t i = 0; i < max_header_fields; ++i) {
        headers += "X-Filler: " + std::to_string(i) + "\r\n";
    }
    EXPECT_TRUE(mentions(rejection(message(request_line, headers)), "header fields"));
}

TEST(SipFraming, RefusesAnOverlongHeaderFieldEvenWhenFolded)
{
    const std::string chunk(max_header_field_bytes / 4, 'a');
    const std::string folded = "Subject: " + chunk + "\r\n " + chunk + "\r\n " + chunk + "\r\n " + chunk + "\r\n";
    EXPECT_TRUE(mentions(rejection(message(request_line, headers_without_length + folded)), "longer than"));
}

TEST(SipFraming, AcceptsAFoldedHeaderField)
{
    EXPECT_EQ(rejection(message(request_line, headers_without_length + "Subject: one\r\n  two\r\n")), "");
}

TEST(SipFraming, RefusesAMessageWithoutAnEmptyLine)
{
    EXPECT_TRUE(mentions(rejection(request_line + "\r\n" + headers_without_length), "empty line"));
}

TEST(SipFraming, RefusesAHeaderLineWithoutAColon)
{
    EXPECT_TRUE(mentions(rejection(message(request_line, headers_without_length + "Foobar roobar\r\n")), "no colon"));
}

TEST(SipFraming, RefusesANonTokenHeaderName)
{
    EXPECT_TRUE(
        mentions(rejection(message(request_line, headers_without_length + "Bad\x01Name: x\r\n")), "not a token"));
}

TEST(SipFraming, RefusesABareLineFeedInTheHeader)
{
    EXPECT_TRUE(mentions(rejection(message(request_line, headers_without_length + "Subject: a\nInjected: b\r\n")),
                         "bare CR or LF"));
}

TEST(SipFraming, RefusesAControlCharacterOutsideAQuotedString)
{
    EXPECT_TRUE(mentions(rejection(message(request_line, headers_without_length + "Subject: a\x1b[2Jb\r\n")),
                         "control character"));
    EXPECT_TRUE(mentions(rejection(replaced(valid_request(), "Bob <", "B\x07ob <")), "control character"));
}

TEST(SipFraming, AcceptsAnEscapedControlCharacterInADisplayName)
{
    EXPECT_EQ(rejection(replaced(valid_request(), "\"Alice\"", std::string("\"A\\\0\\\x07lice\"", 11))), "");
}

TEST(SipFraming, RefusesAnUnterminatedQuotedString)
{
    EXPECT_TRUE(mentions(rejection(replaced(valid_request(), "\"Alice\"", "\"Alice")), "not terminated"));
    // An escaped closing quote does not close the string.
    EXPECT_TRUE(mentions(rejection(replaced(valid_request(), "\"Alice\"", "\"Alice\\\"")), "not terminated"));
}

TEST(SipFraming, RefusesARepeatedSingleValueField)
{
    for (const std::string extra : {"Call-ID: other@example.com\r\n", "i: other@example.com\r\n",
                                    "t: <sip:carol@example.com>\r\n", "CSeq: 1 OPTIONS\r\n", "Max-Forwards: 5\r\n"}) {
        EXPECT_TRUE(mentions(rejection(message(request_line, headers_without_length + extra)), "only once")) << extra;
    }
}

TEST(SipFraming, RefusesContentLengthsThatAreNotPlainNumbers)
{
    for (const std::string value : {"-999", "+5", "0x10", "1 0", "", "99999999999999999999999"}) {
        const std::string bytes =
            request_line + "\r\n" + headers_without_length + "Content-Length: " + value + "\r\n\r\n";
        EXPECT_TRUE(mentions(rejection(bytes), "Content-Length")) << value;
    }
}

TEST(SipFraming, RefusesTwoContentLengths)
{
    const std::string bytes = request_line + "\r\n" + headers_without_length + "Content-Length: 3\r\nl: 5\r\n\r\nabcde";
    EXPECT_TRUE(mentions(rejection(bytes), "only once"));
}

TEST(SipFraming, RefusesAContentLengthLongerThanTheBody)
{
    const std::string bytes = request_line + "\r\n" + headers_without_length + "Content-Length: 9999\r\n\r\nshort";
    EXPECT_TRUE(mentions(rejection(bytes), "larger than the 5 body bytes"));
}

TEST(SipFraming, TakesExactlyContentLengthBytesAndIgnoresTheRest)
{
    const std::string bytes = request_line + "\r\n" + headers_without_length + "Content-Length: 3\r\n\r\nabcdef";
    const auto outcome = parse_received_message(bytes);
    ASSERT_TRUE(outcome.message.ok()) << outcome.message.error().message;
    EXPECT_EQ(outcome.message->body, "abc");
}

TEST(SipFraming, WithoutContentLengthTheBodyIsTheRestOfTheDatagram)
{
    const auto outcome = parse_received_message(request_line + "\r\n" + headers_without_length + "\r\nhello");
    ASSERT_TRUE(outcome.message.ok()) << outcome.message.error().message;
    EXPECT_EQ(outcome.message->body, "hello");
}

TEST(SipFraming, KeepsABodyWithNulBytes)
{
    const std::string body("a\0b\r\n\0", 6);
    const auto outcome = parse_received_message(message(request_line, headers_without_length, body));
    ASSERT_TRUE(outcome.message.ok()) << outcome.message.error().message;
    EXPECT_EQ(outcome.message->body, body);
}

} // namespace
} // namespace cordon::sip::test
