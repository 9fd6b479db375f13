// The schema and `config explain`: every setting documented, from the same
// table the parser reads.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "tests/settings/settings_test_support.hpp"

namespace cordon {
namespace {

// Every setting Settings holds today; a new one must be added here and to the table.
const std::vector<std::string> all_keys = {"auth.refuse_md5",
                                           "log.level",
                                           "plugins.directories",
                                           "plugins.trusted",
                                           "plugins.sandboxed",
                                           "sandbox.call_deadline_ms",
                                           "sandbox.real_time_limit_percent",
                                           "sandbox.startup_deadline_ms",
                                           "sandbox.memory_limit_mb",
                                           "sandbox.max_failures",
                                           "sandbox.failure_window_s",
                                           "profile.identity",
                                           "profile.display_name",
                                           "profile.registrar",
                                           "profile.outbound_proxy",
                                           "profile.transport",
                                           "profile.username",
                                           "profile.password",
                                           "profile.local_address",
                                           "profile.register_expires_s",
                                           "profile.tls_server_name",
                                           "tls.ca_file",
                                           "tls.verify",
                                           "tls.min_version",
                                           "tls.certificate_file",
                                           "tls.private_key_file",
                                           "sip.max_transactions",
                                           "sip.max_calls",
                                           "sip.ring_timeout_s",
                                           "sip.keepalive_interval_s",
                                           "sip.listen_port",
                                           "sip.listen_allow",
                                           "media.encryption",
                                           "media.codecs",
                                           "media.inactivity_timeout_s",
                                           "presence.max_subscriptions",
                                           "presence.max_queued_updates",
                                           "presence.max_watchers",
                                           "presence.max_pending_notifies",
                                           "presence.max_subscribes_in_flight",
                                           "presence.subscription_expires_s",
                                           "presence.publication_expires_s",
                                           "presence.watchers",
                                           "encryption.body_mode",
                                           "encryption.certificate_file",
                                           "encryption.private_key_file",
                                           "encryption.peer_certificates"};
const std::vector<std::string> security_relevant_keys = {"auth.refuse_md5",
                                                         "plugins.directories",
                                                         "plugins.trusted",
                                                         "plugins.sandboxed",
                                                         "sandbox.call_deadline_ms",
                                                         "sandbox.real_time_limit_percent",
                                                         "sandbox.memory_limit_mb",
                                                         "sandbox.max_failures",
                                                         "profile.transport",
                                                         "profile.password",
                                                         "profile.local_address",
                                                         "tls.ca_file",
                                                         "tls.verify",
                                                         "tls.min_version",
                                                         "tls.private_key_file",
                                                         "sip.max_transactions",
                                                         "sip.listen_port",
                                                         "sip.listen_allow",
                                                         "sip.max_calls",
                                                         "media.encryption",
                                                         "media.codecs",
                                                         "presence.max_subscriptions",
                                                         "sip.ring_timeout_s",
                                                         "media.inactivity_timeout_s",
                                                         "presence.max_queued_updates",
                                                         "presence.max_watchers",
                                                         "presence.max_pending_notifies",
                                                         "presence.max_subscribes_in_flight",
                                                         "presence.watchers",
                                                         "encryption.body_mode",
                                                         "encryption.certificate_file",
                                                         "encryption.private_key_file",
                                                         "encryption.peer_certificates"};

const SettingDoc *find_doc(std::string_view key)
{
    const auto &schema = settings_schema();
    const auto has_key = [&](const SettingDoc &doc) { return doc.key == key; };
    const auto found = std::find_if(schema.begin(), schema.end(), has_key);
    return found == schema.end() ? nullptr : &*found;
}

std::string explained()
{
    std::ostringstream out;
    explain_settings(out);
    return out.str();
}

TEST(SettingsDocs, SchemaHasEverySettingOnceWithADescription)
{
    ASSERT_EQ(settings_schema().size(), all_keys.size());
    for (const std::string &key : all_keys) {
        const SettingDoc *doc = find_doc(key);
        ASSERT_NE(doc, nullptr) << key;
        EXPECT_FALSE(doc->type.empty()) << key;
        EXPECT_FALSE(doc->default_value.empty()) << key;
        EXPECT_GT(doc->description.size(), 20U) << key;
    }
}

TEST(SettingsDocs, SecurityRelevantSettingsCarryTheirNote)
{
    for (const std::string &key : security_relevant_keys) {
        const SettingDoc *doc = find_doc(key);
        ASSERT_NE(doc, nullptr) << key;
        EXPECT_GT(doc->security_note.size(), 40U) << key;
    }
    EXPECT_NE(find_doc("plugins.trusted")->security_note.find("not sandboxed"), std::string::npos);
    EXPECT_NE(find_doc("plugins.directories")->security_note.find("writable only by their owner"), std::string::npos);
    EXPECT_TRUE(find_doc("log.level")->security_note.empty());
}

TEST(SettingsDocs, SchemaDescribesTypesDefaultsAndAllowedValues)
{
    EXPECT_EQ(find_doc("log.level")->type, "string");
    EXPECT_EQ(find_doc("log.level")->default_value, "\"info\"");
    EXPECT_EQ(find_doc("log.level")->constraints, "one of \"error\", \"warning\", \"info\", \"debug\"");
    EXPECT_EQ(find_doc("plugins.directories")->default_value, "[]");
    EXPECT_EQ(find_doc("plugins.trusted")->type, "array of paths (strings)");
    EXPECT_EQ(find_doc("auth.refuse_md5")->type, "boolean");
    EXPECT_EQ(find_doc("auth.refuse_md5")->default_value, "false");
}

// The documented defaults are what an empty file gives, and every documented
// value is accepted: docs and parser read one table.
TEST(SettingsDocs, DocumentedDefaultsParseToTheDefaults)
{
    std::string text;
    for (const SettingDoc &doc : settings_schema()) {
        if (doc.default_value != "not set") { // a path without a default is a key left out
            text += doc.key + " = " + doc.default_value + "\n";
        }
    }
    const Result<Settings> documented = parse_settings(text, test::test_origin);
    ASSERT_TRUE(documented.ok()) << documented.error().message;
    const Result<Settings> empty = parse_settings("", test::test_origin);
    ASSERT_TRUE(empty.ok());
    EXPECT_EQ(documented->profile.refuse_md5, empty->profile.refuse_md5);
    EXPECT_EQ(documented->log_level, empty->log_level);
    EXPECT_EQ(documented->plugin_directories, empty->plugin_directories);
    EXPECT_EQ(documented->trusted_plugins, empty->trusted_plugins);
    EXPECT_EQ(documented->sandboxed_plugins, empty->sandboxed_plugins);
    EXPECT_EQ(documented->sandbox.call_deadline, empty->sandbox.call_deadline);
    EXPECT_EQ(documented->sandbox.startup_deadline, empty->sandbox.startup_deadline);
    EXPECT_EQ(documented->sandbox.memory_limit_bytes, empty->sandbox.memory_limit_bytes);
    EXPECT_EQ(documented->sandbox.max_failures, empty->sandbox.max_failures);
    EXPECT_EQ(documented->sandbox.failure_window, empty->sandbox.failure_window);
    EXPECT_EQ(documented->profile.transport, empty->profile.transport);
    EXPECT_EQ(documented->profile.register_expires_s, empty->profile.register_expires_s);
    EXPECT_EQ(documented->profile.tls.verify, empty->profile.tls.verify);
    EXPECT_EQ(documented->profile.tls.min_version, empty->profile.tls.min_version);
    EXPECT_EQ(documented->user_agent.max_transactions, empty->user_agent.max_transactions);
    EXPECT_EQ(documented->user_agent.keep_alive_interval, empty->user_agent.keep_alive_interval);
    EXPECT_EQ(documented->user_agent.listen_port, 0);
    EXPECT_EQ(documented->user_agent.max_calls, empty->user_agent.max_calls);
    EXPECT_EQ(documented->user_agent.ring_timeout, empty->user_agent.ring_timeout);
    EXPECT_EQ(documented->user_agent.media_inactivity_timeout, empty->user_agent.media_inactivity_timeout);
    EXPECT_TRUE(documented->user_agent.listen_allow.empty());
    EXPECT_EQ(documented->user_agent.presence.max_subscriptions, empty->user_agent.presence.max_subscriptions);
    EXPECT_EQ(documented->user_agent.presence.subscription_expires_s,
              empty->user_agent.presence.subscription_expires_s);
    EXPECT_TRUE(documented->user_agent.presence_watchers.empty());
    const Settings built_in; // the defaults Settings has before any file is read
    EXPECT_EQ(empty->profile.refuse_md5, built_in.profile.refuse_md5);
    EXPECT_EQ(empty->log_level, built_in.log_level);
    EXPECT_EQ(empty->plugin_directories, built_in.plugin_directories);
    EXPECT_EQ(empty->trusted_plugins, built_in.trusted_plugins);
    EXPECT_EQ(empty->sandbox.call_deadline, built_in.sandbox.call_deadline);
    EXPECT_EQ(empty->sandbox.startup_deadline, built_in.sandbox.startup_deadline);
    EXPECT_EQ(empty->sandbox.memory_limit_bytes, built_in.sandbox.memory_limit_bytes);
    EXPECT_EQ(empty->sandbox.max_failures, built_in.sandbox.max_failures);
    EXPECT_EQ(empty->sandbox.failure_window, built_in.sandbox.failure_window);
    EXPECT_EQ(empty->profile.transport, built_in.profile.transport);
    EXPECT_EQ(empty->profile.register_expires_s, built_in.profile.register_expires_s);
    EXPECT_TRUE(empty->profile.tls.verify);
    EXPECT_EQ(empty->profile.tls.min_version, built_in.profile.tls.min_version);
    EXPECT_EQ(empty->user_agent.max_transactions, built_in.user_agent.max_transactions);
    EXPECT_EQ(empty->user_agent.keep_alive_interval, built_in.user_agent.keep_alive_interval);
    EXPECT_EQ(empty->user_agent.ring_timeout, built_in.user_agent.ring_timeout);
    EXPECT_EQ(empty->user_agent.media_inactivity_timeout, built_in.user_agent.media_inactivity_timeout);
}

// One block per setting, blocks apart by an empty line, each opening with its key.
std::vector<std::string> explained_blocks()
{
    const std::string text = explained();
    std::vector<std::string> blocks;
    for (std::size_t start = 0; start < text.size();) {
        const std::size_t end = std::min(text.find("\n\n", start), text.size());
        blocks.push_back(text.substr(start, end - start));
        start = end + 2;
    }
    return blocks;
}

TEST(SettingsDocs, ExplainListsEveryKeyWithItsDefaultAndNote)
{
    const std::vector<std::string> blocks = explained_blocks();
    ASSERT_EQ(blocks.size(), all_keys.size()) << explained();
    for (const std::string &key : all_keys) {
        const auto block =
            std::find_if(blocks.begin(), blocks.end(), [&](const std::string &b) { return b.starts_with(key + "\n"); });
        ASSERT_NE(block, blocks.end()) << key << " missing from:\n" << explained();
        const SettingDoc *doc = find_doc(key);
        EXPECT_NE(block->find("\n    type:     " + doc->type), std::string::npos) << *block;
        EXPECT_NE(block->find("\n    default:  " + doc->default_value + "\n"), std::string::npos) << *block;
        EXPECT_EQ(block->find("\n    security: ") != std::string::npos, !doc->security_note.empty()) << *block;
    }
}

TEST(SettingsDocs, ExplainIsWrappedForATerminal)
{
    const std::string text = explained();
    for (const std::string &line : test::lines_of(text)) {
        const auto chars = std::count_if(line.begin(), line.end(), [](char c) { return (c & 0xC0) != 0x80; });
        EXPECT_LE(chars, 80) << line;
    }
    // Wrapping loses no words: the whole note is there, spaces aside.
    std::string unwrapped;
    for (const std::string &line : test::lines_of(text))
        unwrapped += line + " ";
    const auto squeeze = [](std::string s) {
        s.erase(std::unique(s.begin(), s.end(), [](char a, char b) { return a == ' ' && b == ' '; }), s.end());
        return s;
    };
    EXPECT_NE(squeeze(unwrapped).find(find_doc("plugins.trusted")->security_note), std::string::npos);
}

} // namespace
} // namespace cordon
