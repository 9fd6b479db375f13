// Stream framing: whole messages out of arbitrary pieces, keep-alive CRLFs
// between them, and each way a hostile peer can break framing ending the
// stream at once instead of making the host wait or buffer without end.
#include <gtest/gtest.h>

#include "sip/received_message.hpp"
#include "sip/stream_framer.hpp"
#include "tests/sip/sip_test_message.hpp"

namespace cordon::sip::test {
namespace {

std::vector<std::string> messages_of(const std::vector<StreamItem> &items)
{
    std::vector<std::string> texts;
    for (const StreamItem &item : items) {
        if (item.kind == StreamItem::Kind::message) {
            texts.push_back(item.text);
        }
    }
    return texts;
}

std::string error_of(StreamFramer &framer, std::string_view bytes)
{
    auto items = framer.feed(bytes);
    return items ? std::string() : items.error().message;
}

TEST(StreamFramer, ReturnsAMessageOnlyOnceAllOfItHasArrivedByteByByte)
{
    const std::string text = message(request_line, headers_without_length, "v=0\r\n");
    StreamFramer framer;
    for (size_t index = 0; index + 1 < text.size(); ++index) {
        auto items = framer.feed(std::string_view(text).substr(index, 1));
        ASSERT_TRUE(items) << items.error().message;
        ASSERT_TRUE(items->empty()) << "a message before its last byte, at " << index;
    }
    auto items = framer.feed(std::string_view(text).substr(text.size() - 1));
    ASSERT_TRUE(items);
    EXPECT_EQ(messages_of(*items), std::vector<std::string>{text});
    EXPECT_EQ(framer.pending_bytes(), 0u);
    EXPECT_TRUE(parse_received_message(items->front().text).message);
}

TEST(StreamFramer, SplitsSeveralMessagesAndKeepAlivesInOnePiece)
{
    const std::string first = valid_request();
    const std::string second = message(request_line, headers_without_length, "hello");
    StreamFramer framer;
    auto items = framer.feed("\r\n\r\n" + first + "\r\n" + second + second.substr(0, 10));
    ASSERT_TRUE(items) << items.error().message;
    ASSERT_EQ(items->size(), 5u);
    EXPECT_EQ((*items)[0].kind, StreamItem::Kind::crlf);
    EXPECT_EQ((*items)[1].kind, StreamItem::Kind::crlf);
    EXPECT_EQ((*items)[2].text, first);
    EXPECT_EQ((*items)[3].kind, StreamItem::Kind::crlf);
    EXPECT_EQ((*items)[4].text, second);
    EXPECT_EQ(framer.pending_bytes(), 10u);
    auto rest = framer.feed(second.substr(10));
    ASSERT_TRUE(rest);
    EXPECT_EQ(messages_of(*rest), std::vector<std::string>{second});
}

TEST(StreamFramer, ReadsTheCompactFormAndAnyCase)
{
    const std::string text = request_line + "\r\n" + headers_without_length + "l: 2\r\n\r\nok";
    StreamFramer framer;
    auto items = framer.feed(replaced(text, "l: 2", "l :2"));
    ASSERT_TRUE(items) << items.error().message;
    EXPECT_EQ(messages_of(*items).size(), 1u);
    StreamFramer upper;
    auto shouted = upper.feed(replaced(valid_request(), "Content-Length", "CONTENT-LENGTH"));
    ASSERT_TRUE(shouted) << shouted.error().message;
    EXPECT_EQ(messages_of(*shouted).size(), 1u);
}

TEST(StreamFramer, EndsTheStreamOnEachFramingError)
{
    struct Case {
        std::string bytes;
        std::string reason;
    };
    const std::string no_length = request_line + "\r\n" + headers_without_length + "\r\n";
    const std::vector<Case> cases = {
        {no_length, "without Content-Length"},
        {replaced(valid_request(), "Content-Length: 0", "Content-Length: -1"), "not a non-negative decimal"},
        {replaced(valid_request(), "Content-Length: 0", "Content-Length: +0"), "not a non-negative decimal"},
        {replaced(valid_request(), "Content-Length: 0", "Content-Length: 99999999999999999999999"),
         "larger than the largest message"},
        {replaced(valid_request(), "Content-Length: 0", "Content-Length: 0\r\nl: 0"), "more than one Content-Length"},
        // Announced bigger than the cap: refused at once, not waited for.
        {replaced(valid_request(), "Content-Length: 0", "Content-Length: 65535"), "larger than the limit"},
        // A header section that never ends: refused once it outgrows the cap.
        {request_line + "\r\n" + "X-Flood: " + std::string(max_header_section_bytes, 'a'), "no end of the header"},
    };
    for (const Case &bad : cases) {
        StreamFramer framer;
        const std::string reason = error_of(framer, bad.bytes);
        EXPECT_NE(reason.find(bad.reason), std::string::npos) << "got: '" << reason << "' for: " << bad.reason;
        // The stream stays failed: later bytes cannot resynchronise it.
        EXPECT_EQ(error_of(framer, valid_request()), reason);
        EXPECT_EQ(framer.pending_bytes(), 0u);
    }
}

TEST(StreamFramer, WaitsWithoutBufferingPastTheHeaderCap)
{
    StreamFramer framer;
    const std::string partial = request_line + "\r\n" + "Subject: " + std::string(1000, 's');
    auto items = framer.feed(partial);
    ASSERT_TRUE(items);
    EXPECT_TRUE(items->empty());
    EXPECT_EQ(framer.pending_bytes(), partial.size());
    const std::string more(max_header_section_bytes, 's');
    EXPECT_FALSE(framer.feed(more));
}

} // namespace
} // namespace cordon::sip::test
