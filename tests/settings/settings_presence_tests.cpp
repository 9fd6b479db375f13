// The presence.* settings: each read into UserAgentOptions, each range
// checked with a message naming the range, each documented.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/settings/settings_test_support.hpp"

namespace cordon {
namespace {

using test::error_lines;
using ::testing::ElementsAre;

struct IntegerKey {
    std::string key;
    std::int64_t minimum;
    std::int64_t maximum;
};

const std::vector<IntegerKey> presence_integer_keys = {
    {"presence.max_subscriptions", 1, 10000},
    {"presence.max_queued_updates", 1, 10000},
    {"presence.max_watchers", 0, 1000},
    {"presence.max_pending_notifies", 1, 1000},
    {"presence.max_subscribes_in_flight", 1, 1000},
    {"presence.subscription_expires_s", 60, 86400},
    {"presence.publication_expires_s", 60, 86400},
};

const SettingDoc *find_doc(std::string_view key)
{
    for (const SettingDoc &doc : settings_schema())
        if (doc.key == key)
            return &doc;
    return nullptr;
}

TEST(PresenceSettings, EveryOneIsReadIntoTheUserAgentOptions)
{
    const Result<Settings> result = parse_settings(R"(
[presence]
max_subscriptions = 500
max_queued_updates = 40
max_watchers = 0
max_pending_notifies = 3
max_subscribes_in_flight = 2
subscription_expires_s = 3600
publication_expires_s = 120
watchers = ["sip:bob@example.com", "sips:carol@example.org"]
)",
                                                   test::test_origin);
    ASSERT_TRUE(result.ok()) << result.error().message;
    const UserAgentOptions &options = result->user_agent;
    EXPECT_EQ(options.presence.max_subscriptions, 500u);
    EXPECT_EQ(options.presence.max_queued_updates, 40u);
    EXPECT_EQ(options.presence.max_watchers, 0u);
    EXPECT_EQ(options.presence.max_pending_notifies, 3u);
    EXPECT_EQ(options.presence.max_subscribes_in_flight, 2u);
    EXPECT_EQ(options.presence.subscription_expires_s, 3600u);
    EXPECT_EQ(options.presence.publication_expires_s, 120u);
    EXPECT_EQ(options.presence_watchers, (std::vector<std::string>{"sip:bob@example.com", "sips:carol@example.org"}));
}

TEST(PresenceSettings, WithoutThemTheEmbeddingApisDefaultsHoldAndNobodyMayWatch)
{
    const Result<Settings> result = parse_settings("", test::test_origin);
    ASSERT_TRUE(result.ok()) << result.error().message;
    const PresenceLimits built_in;
    const PresenceLimits &read = result->user_agent.presence;
    EXPECT_EQ(read.max_subscriptions, built_in.max_subscriptions);
    EXPECT_EQ(read.max_queued_updates, built_in.max_queued_updates);
    EXPECT_EQ(read.max_watchers, built_in.max_watchers);
    EXPECT_EQ(read.max_pending_notifies, built_in.max_pending_notifies);
    EXPECT_EQ(read.max_subscribes_in_flight, built_in.max_subscribes_in_flight);
    EXPECT_EQ(read.subscription_expires_s, built_in.subscription_expires_s);
    EXPECT_EQ(read.publication_expires_s, built_in.publication_expires_s);
    EXPECT_TRUE(result->user_agent.presence_watchers.empty());
}

TEST(PresenceSettings, TheBoundsAreAcceptedAndOneBeyondIsRefusedWithTheRange)
{
    for (const IntegerKey &limit : presence_integer_keys) {
        for (const std::int64_t accepted : {limit.minimum, limit.maximum}) {
            EXPECT_TRUE(error_lines(limit.key + " = " + std::to_string(accepted) + "\n").empty())
                << limit.key << " = " << accepted;
        }
        const std::string range =
            "must be from " + std::to_string(limit.minimum) + " to " + std::to_string(limit.maximum);
        const std::string column = std::to_string(limit.key.size() + 4);
        for (const std::int64_t refused : {limit.minimum - 1, limit.maximum + 1}) {
            EXPECT_THAT(error_lines(limit.key + " = " + std::to_string(refused) + "\n"),
                        ElementsAre("/etc/cordon/settings.toml:1:" + column + ": " + limit.key + ": " + range +
                                    ", found " + std::to_string(refused)));
        }
    }
}

TEST(PresenceSettings, WrongTypesAndBadWatcherEntriesAreRefused)
{
    EXPECT_THAT(error_lines("presence.max_watchers = \"many\"\n"),
                ElementsAre("/etc/cordon/settings.toml:1:25: presence.max_watchers: expected an integer, found a "
                            "string"));
    EXPECT_THAT(error_lines("presence.watchers = \"sip:bob@example.com\"\n"),
                ElementsAre("/etc/cordon/settings.toml:1:21: presence.watchers: expected an array of strings, "
                            "found a string"));
    EXPECT_THAT(error_lines("presence.watchers = [\"sip:bob@example.com\", 7]\n"),
                ElementsAre("/etc/cordon/settings.toml:1:45: presence.watchers: entry 2: expected a string, found "
                            "an integer"));
    EXPECT_THAT(error_lines("presence.watchers = [\"sip:bob@example.com\\u0000sip:eve@example.com\"]\n"),
                ElementsAre("/etc/cordon/settings.toml:1:22: presence.watchers: entry 1: contains a control "
                            "character, which no setting accepts"));
}

TEST(PresenceSettings, EachIsDocumentedWithItsDefaultAndASecurityNoteForEveryLimit)
{
    const PresenceLimits built_in;
    const std::vector<std::pair<std::string, std::size_t>> documented_defaults = {
        {"presence.max_subscriptions", built_in.max_subscriptions},
        {"presence.max_queued_updates", built_in.max_queued_updates},
        {"presence.max_watchers", built_in.max_watchers},
        {"presence.max_pending_notifies", built_in.max_pending_notifies},
        {"presence.max_subscribes_in_flight", built_in.max_subscribes_in_flight},
        {"presence.subscription_expires_s", built_in.subscription_expires_s},
        {"presence.publication_expires_s", built_in.publication_expires_s},
    };
    for (const auto &[key, value] : documented_defaults) {
        const SettingDoc *doc = find_doc(key);
        ASSERT_NE(doc, nullptr) << key;
        EXPECT_EQ(doc->type, "integer") << key;
        EXPECT_EQ(doc->default_value, std::to_string(value)) << key;
        EXPECT_GT(doc->description.size(), 40u) << key;
    }
    for (const IntegerKey &limit : presence_integer_keys) {
        if (limit.key.starts_with("presence.max_")) {
            EXPECT_GT(find_doc(limit.key)->security_note.size(), 40u) << limit.key;
        }
    }
    const SettingDoc *watchers = find_doc("presence.watchers");
    ASSERT_NE(watchers, nullptr);
    EXPECT_EQ(watchers->type, "array of strings");
    EXPECT_EQ(watchers->default_value, "[]");
    EXPECT_NE(watchers->description.find("Empty: nobody"), std::string::npos) << watchers->description;
    EXPECT_NE(watchers->security_note.find("denied by default"), std::string::npos) << watchers->security_note;
}

} // namespace
} // namespace cordon
