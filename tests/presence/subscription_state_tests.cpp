// Subscription-State values (RFC 6665 section 8.4) as notifiers send them,
// and one hostile value next to each check.
#include <gtest/gtest.h>

#include "presence/subscription_state.hpp"

namespace cordon::presence {
namespace {

SubscriptionState read_ok(std::string_view value)
{
    auto state = read_subscription_state(value);
    EXPECT_TRUE(state.ok()) << value << ": " << (state.ok() ? "" : state.error().message);
    return state.ok() ? *state : SubscriptionState{};
}

void expect_refused(std::string_view value, std::string_view message_part)
{
    const auto state = read_subscription_state(value);
    ASSERT_FALSE(state.ok()) << "accepted: " << value;
    EXPECT_EQ(state.error().code, ErrorCode::malformed_input);
    EXPECT_NE(state.error().message.find(message_part), std::string::npos)
        << "message: " << state.error().message << "\nexpected to contain: " << message_part;
}

TEST(SubscriptionState, ActiveWithExpires)
{
    const SubscriptionState state = read_ok("active;expires=3600");
    EXPECT_EQ(state.state, SubscriptionStateValue::active);
    EXPECT_EQ(state.expires, 3600u);
    EXPECT_EQ(state.reason, TerminationReason::none);
    EXPECT_FALSE(state.retry_after.has_value());
    EXPECT_TRUE(state.parameters.empty());
}

TEST(SubscriptionState, TokensAndParameterNamesIgnoreCase)
{
    const SubscriptionState state = read_ok("PENDING;Expires=60");
    EXPECT_EQ(state.state, SubscriptionStateValue::pending);
    EXPECT_EQ(state.expires, 60u);
    EXPECT_EQ(read_ok("terminated;REASON=Rejected").reason, TerminationReason::rejected);
}

TEST(SubscriptionState, LinearWhitespaceAndFolding)
{
    const SubscriptionState state = read_ok(" active \t; expires = 5 ;\r\n\tmax-rate = 10 ");
    EXPECT_EQ(state.state, SubscriptionStateValue::active);
    EXPECT_EQ(state.expires, 5u);
    ASSERT_EQ(state.parameters.size(), 1u);
    EXPECT_EQ(state.parameters[0], (HeaderParameter{"max-rate", "10"}));
    // A line break is whitespace only when the next line starts with whitespace.
    expect_refused("active;\r\nexpires=5", "not followed by a parameter name");
    expect_refused("active;expires=5\n", "unexpected");
    expect_refused("active\r;expires=5", "unexpected");
}

TEST(SubscriptionState, TerminatedWithEveryRegisteredReason)
{
    const std::pair<const char *, TerminationReason> reasons[] = {
        {"deactivated", TerminationReason::deactivated}, {"probation", TerminationReason::probation},
        {"rejected", TerminationReason::rejected},       {"timeout", TerminationReason::timeout},
        {"giveup", TerminationReason::giveup},           {"noresource", TerminationReason::noresource},
        {"invariant", TerminationReason::invariant},
    };
    for (const auto &[text, reason] : reasons) {
        const SubscriptionState state = read_ok(std::string("terminated;reason=") + text);
        EXPECT_EQ(state.state, SubscriptionStateValue::terminated);
        EXPECT_EQ(state.reason, reason) << text;
        EXPECT_TRUE(state.extension_reason.empty());
        EXPECT_EQ(to_header_value(state), std::string("terminated;reason=") + text);
    }
}

TEST(SubscriptionState, RetryAfterWithProbation)
{
    const SubscriptionState state = read_ok("terminated;reason=probation;retry-after=30");
    EXPECT_EQ(state.reason, TerminationReason::probation);
    EXPECT_EQ(state.retry_after, 30u);
}

TEST(SubscriptionState, UnknownStateAndReasonAreKept)
{
    const SubscriptionState state = read_ok("deferred;reason=moved-away;expires=10");
    EXPECT_EQ(state.state, SubscriptionStateValue::other);
    EXPECT_EQ(state.extension_state, "deferred");
    EXPECT_EQ(state.reason, TerminationReason::other);
    EXPECT_EQ(state.extension_reason, "moved-away");
    EXPECT_EQ(to_header_value(state), "deferred;reason=moved-away;expires=10");
}

TEST(SubscriptionState, OtherParametersKeptInOrderWithQuotedValues)
{
    const SubscriptionState state =
        read_ok("active;expires=60;min-rate=1;x-flag;x-note=\"a; b=\\\"c\\\"\";host=[2001:db8::1]");
    ASSERT_EQ(state.parameters.size(), 4u);
    EXPECT_EQ(state.parameters[0], (HeaderParameter{"min-rate", "1"}));
    EXPECT_EQ(state.parameters[1], (HeaderParameter{"x-flag", std::nullopt}));
    EXPECT_EQ(state.parameters[2], (HeaderParameter{"x-note", "\"a; b=\\\"c\\\"\""}));
    EXPECT_EQ(state.parameters[3], (HeaderParameter{"host", "[2001:db8::1]"}));
    EXPECT_EQ(read_ok(to_header_value(state)), state);
}

TEST(SubscriptionState, HugeNumbersAreCappedWithoutOverflow)
{
    EXPECT_EQ(read_ok("active;expires=4294967295").expires, max_delta_seconds);
    EXPECT_EQ(read_ok("active;expires=4294967296").expires, max_delta_seconds);
    EXPECT_EQ(read_ok("active;expires=18446744073709551616").expires, max_delta_seconds); // 2**64
    EXPECT_EQ(read_ok("active;expires=" + std::string(500, '9')).expires, max_delta_seconds);
    EXPECT_EQ(read_ok("terminated;retry-after=99999999999999999999").retry_after, max_delta_seconds);
    EXPECT_EQ(read_ok("active;expires=0007").expires, 7u);
    EXPECT_EQ(read_ok("active;expires=0").expires, 0u);
}

TEST(SubscriptionState, BadNumbersAreRefused)
{
    for (const char *value : {"active;expires=-1", "active;expires=+5", "active;expires=0x10", "active;expires=1.5",
                              "active;expires=5s", "active;expires=\"5\"", "terminated;retry-after=-30"}) {
        expect_refused(value, "is not a number of seconds");
    }
    expect_refused("active;expires", "expires needs a number of seconds");
    expect_refused("active;expires=", "has '=' but no valid value");
    expect_refused("terminated;retry-after", "retry-after needs a number of seconds");
}

TEST(SubscriptionState, DuplicateParametersAreRefused)
{
    expect_refused("active;expires=1;expires=2", "parameter 'expires' appears twice");
    expect_refused("active;expires=1;EXPIRES=2", "parameter 'EXPIRES' appears twice");
    expect_refused("terminated;reason=timeout;reason=rejected", "parameter 'reason' appears twice");
    expect_refused("terminated;retry-after=1;Retry-After=2", "appears twice");
    expect_refused("active;x=1;x", "parameter 'x' appears twice");
}

TEST(SubscriptionState, ReasonMustBeAToken)
{
    expect_refused("terminated;reason=\"timeout\"", "is not a token");
    expect_refused("terminated;reason", "is not a token");
    expect_refused("terminated;reason=[::1]", "is not a token");
}

TEST(SubscriptionState, MalformedShapes)
{
    expect_refused("", "does not start with a token");
    expect_refused("   ", "does not start with a token");
    expect_refused(";expires=5", "does not start with a token");
    expect_refused("active expires=5", "unexpected 'e'");
    expect_refused("active,pending", "unexpected ','");
    expect_refused("active;", "not followed by a parameter name");
    expect_refused("active;;expires=5", "not followed by a parameter name");
    expect_refused("active;=5", "not followed by a parameter name");
    expect_refused("active;x=\"unterminated", "no valid value");
    expect_refused("active;x=\"bell\x07\"", "no valid value");
    expect_refused("active;x=a b", "unexpected 'b'");
    expect_refused("active\x01", "unexpected '?'");
}

TEST(SubscriptionState, CapsOnLengthAndParameterCount)
{
    expect_refused("active;x=" + std::string(max_event_header_value_bytes, 'a'), "more than the limit of 1024");
    std::string many = "active";
    for (std::size_t i = 0; i <= max_event_header_parameters; ++i) {
        many += ";p" + std::to_string(i);
    }
    expect_refused(many, "more than 16 parameters");
}

TEST(SubscriptionState, WriterOrderAndRoundTrip)
{
    SubscriptionState state;
    state.state = SubscriptionStateValue::terminated;
    state.reason = TerminationReason::giveup;
    state.expires = 0;
    state.retry_after = 120;
    state.parameters.push_back({"x", "y"});
    EXPECT_EQ(to_header_value(state), "terminated;reason=giveup;expires=0;retry-after=120;x=y");
    EXPECT_EQ(read_ok(to_header_value(state)), state);
    EXPECT_EQ(to_header_value(SubscriptionState{}), "active");
}

} // namespace
} // namespace cordon::presence
