// Reading a presence NOTIFY: what is accepted, and the response that
// refuses each kind of broken or hostile NOTIFY.
#include <string>
#include <variant>

#include <gtest/gtest.h>

#include "sip/osip_handles.hpp"
#include "ua/presence_notify.hpp"

namespace cordon::ua {
namespace {

constexpr const char *pidf_body =
    "<?xml version=\"1.0\"?><presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:bob@example.com\">"
    "<tuple id=\"a\"><status><basic>open</basic></status><note>lunch</note></tuple></presence>";

std::string notify_text(const std::string &headers, const std::string &body = pidf_body,
                        const std::string &type = "application/pidf+xml")
{
    std::string text = "NOTIFY sip:alice@192.0.2.1:5060 SIP/2.0\r\n"
                       "Via: SIP/2.0/TCP 192.0.2.9;branch=z9hG4bKnotify1\r\n"
                       "Max-Forwards: 70\r\n"
                       "From: <sip:bob@example.com>;tag=n1\r\n"
                       "To: <sip:alice@example.com>;tag=s1\r\n"
                       "Call-ID: presence-1\r\n"
                       "CSeq: 2 NOTIFY\r\n";
    text += headers;
    if (!body.empty()) {
        text += "Content-Type: " + type + "\r\n";
    }
    return text + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

std::variant<PresenceNotify, NotifyRefusal> read(const std::string &text)
{
    sip::prepare_osip();
    auto message = sip::parse_osip_message(text);
    EXPECT_TRUE(message) << text;
    return read_presence_notify(*message);
}

int refused_with(const std::string &text)
{
    const auto read_result = read(text);
    const auto *refusal = std::get_if<NotifyRefusal>(&read_result);
    return refusal != nullptr ? refusal->status_code : 200;
}

TEST(PresenceNotify, AnActiveNotifyWithAPidfDocumentIsRead)
{
    const auto read_result = read(notify_text("Event: presence\r\nSubscription-State: active;expires=599\r\n"));
    const auto *notify = std::get_if<PresenceNotify>(&read_result);
    ASSERT_NE(notify, nullptr);
    EXPECT_EQ(notify->state.state, presence::SubscriptionStateValue::active);
    EXPECT_EQ(notify->state.expires, 599u);
    ASSERT_TRUE(notify->document);
    EXPECT_EQ(notify->document->entity, "sip:bob@example.com");
    EXPECT_EQ(notify->document->tuples.at(0).note, "lunch");
}

TEST(PresenceNotify, ACompactEventAndNoBodyAreFine)
{
    const auto read_result = read(notify_text("o: presence\r\nSubscription-State: pending\r\n", ""));
    const auto *notify = std::get_if<PresenceNotify>(&read_result);
    ASSERT_NE(notify, nullptr);
    EXPECT_EQ(notify->state.state, presence::SubscriptionStateValue::pending);
    EXPECT_FALSE(notify->document);
}

TEST(PresenceNotify, TheWrongOrAMissingEventIs489)
{
    EXPECT_EQ(refused_with(notify_text("Subscription-State: active\r\n")), 489);
    EXPECT_EQ(refused_with(notify_text("Event: dialog\r\nSubscription-State: active\r\n")), 489);
    EXPECT_EQ(refused_with(notify_text("Event: presence;id=7\r\nSubscription-State: active\r\n")), 489)
        << "our SUBSCRIBE had no id";
    EXPECT_EQ(refused_with(notify_text("Event: presence\r\nEvent: presence\r\nSubscription-State: active\r\n")), 489);
    EXPECT_EQ(refused_with(notify_text("Event: pres ence\r\nSubscription-State: active\r\n")), 400);
}

TEST(PresenceNotify, SubscriptionStateIsRequiredOnceAndWellFormed)
{
    EXPECT_EQ(refused_with(notify_text("Event: presence\r\n")), 400);
    EXPECT_EQ(refused_with(notify_text("Event: presence\r\nSubscription-State: active\r\n"
                                       "Subscription-State: terminated\r\n")),
              400);
    EXPECT_EQ(refused_with(notify_text("Event: presence\r\nSubscription-State: active;expires=-1\r\n")), 400);
    EXPECT_EQ(refused_with(notify_text("Event: presence\r\nSubscription-State: active;expires=1;expires=2\r\n")), 400);
}

TEST(PresenceNotify, ABodyMustBeAWellFormedPidfDocument)
{
    const std::string headers = "Event: presence\r\nSubscription-State: active\r\n";
    EXPECT_EQ(refused_with(notify_text(headers, "hello", "text/plain")), 415);
    EXPECT_EQ(refused_with(notify_text(headers, "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\">")), 400);
    EXPECT_EQ(refused_with(notify_text(headers, "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><presence/>")), 400);
    const std::string deep = std::string(5000, '<') + "x";
    EXPECT_EQ(refused_with(notify_text(headers, deep)), 400);
    const auto read_result = read(notify_text(headers, "hello", "text/plain"));
    const auto &refusal = std::get<NotifyRefusal>(read_result);
    ASSERT_EQ(refusal.headers.size(), 1u);
    EXPECT_EQ(refusal.headers[0].first, "Accept");
    EXPECT_EQ(refusal.headers[0].second, "application/pidf+xml");
}

} // namespace
} // namespace cordon::ua
