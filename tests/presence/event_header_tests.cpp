// Event header values (RFC 6665 sections 7.2.1, 8.2.1, 8.4), and one
// hostile value next to each check.
#include <gtest/gtest.h>

#include "presence/event_header.hpp"

namespace cordon::presence {
namespace {

EventHeader read_ok(std::string_view value)
{
    auto event = read_event_header(value);
    EXPECT_TRUE(event.ok()) << value << ": " << (event.ok() ? "" : event.error().message);
    return event.ok() ? *event : EventHeader{};
}

void expect_refused(std::string_view value, std::string_view message_part)
{
    const auto event = read_event_header(value);
    ASSERT_FALSE(event.ok()) << "accepted: " << value;
    EXPECT_EQ(event.error().code, ErrorCode::malformed_input);
    EXPECT_NE(event.error().message.find(message_part), std::string::npos)
        << "message: " << event.error().message << "\nexpected to contain: " << message_part;
}

TEST(EventHeader, PresenceWithoutId)
{
    const EventHeader event = read_ok("presence");
    EXPECT_EQ(event.type, "presence");
    EXPECT_FALSE(event.id.has_value());
    EXPECT_TRUE(event.parameters.empty());
    EXPECT_EQ(event_package(event), "presence");
}

TEST(EventHeader, IdParameterNameIgnoresCaseButItsValueIsKeptExactly)
{
    const EventHeader event = read_ok(" presence ; ID = Ab12 ");
    EXPECT_EQ(event.type, "presence");
    EXPECT_EQ(event.id, "Ab12");
    EXPECT_EQ(to_header_value(event), "presence;id=Ab12");
}

TEST(EventHeader, TemplatesAndOtherParameters)
{
    const EventHeader event = read_ok("presence.winfo;id=1;vendor=\"x y\";flag");
    EXPECT_EQ(event.type, "presence.winfo");
    EXPECT_EQ(event_package(event), "presence");
    ASSERT_EQ(event.parameters.size(), 2u);
    EXPECT_EQ(event.parameters[0], (HeaderParameter{"vendor", "\"x y\""}));
    EXPECT_EQ(event.parameters[1], (HeaderParameter{"flag", std::nullopt}));
    EXPECT_EQ(read_ok(to_header_value(event)), event);
}

TEST(EventHeader, MatchingIsByteByByteOnTypeAndIdOnly)
{
    EXPECT_TRUE(same_event(read_ok("presence"), read_ok("presence;vendor=1")));
    EXPECT_TRUE(same_event(read_ok("presence;id=7"), read_ok("presence;ID=7;x=y")));
    EXPECT_FALSE(same_event(read_ok("presence"), read_ok("Presence"))) << "event types compare case-sensitively";
    EXPECT_FALSE(same_event(read_ok("presence;id=a"), read_ok("presence;id=A")));
    EXPECT_FALSE(same_event(read_ok("presence;id=7"), read_ok("presence"))) << "an id never matches no id";
    EXPECT_FALSE(same_event(read_ok("presence"), read_ok("presence.winfo")));
}

TEST(EventHeader, TypeMustBeDotSeparatedTokens)
{
    for (const char *value : {"presence..winfo", ".presence", "presence.", "."}) {
        expect_refused(value, "is not an event type");
    }
    expect_refused("", "does not start with a token");
    expect_refused("pres ence", "unexpected 'e'");
    expect_refused("presence/winfo", "unexpected '/'");
    expect_refused("\"presence\"", "does not start with a token");
}

TEST(EventHeader, IdNeedsOneTokenValue)
{
    expect_refused("presence;id", "id needs a token value");
    expect_refused("presence;id=", "has '=' but no valid value");
    expect_refused("presence;id=\"7\"", "id needs a token value");
    expect_refused("presence;id=[::1]", "id needs a token value");
    expect_refused("presence;id=1;id=2", "parameter 'id' appears twice");
    expect_refused("presence;id=1;Id=1", "appears twice");
}

TEST(EventHeader, Caps)
{
    expect_refused(std::string(max_event_header_value_bytes + 1, 'p'), "more than the limit of 1024");
    std::string many = "presence";
    for (std::size_t i = 0; i <= max_event_header_parameters; ++i) {
        many += ";p" + std::to_string(i);
    }
    expect_refused(many, "more than 16 parameters");
}

} // namespace
} // namespace cordon::presence
