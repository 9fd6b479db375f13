// `cordon` options, exit codes, `plugins` and `config`, run as a process.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>

#include "tests/cli/cli_helpers.hpp"

namespace cordon::test {
namespace {

namespace fs = std::filesystem;

const fs::path fixture_root = CORDON_TEST_FIXTURE_DIR;

bool contains(const std::string &text, const std::string &fragment) { return text.find(fragment) != std::string::npos; }

TEST(Cli, HelpListsEveryCommand)
{
    const ProcessResult result = cordon({"--help"});
    EXPECT_EQ(result.exit_code, 0);
    for (const char *command : {"plugins", "codec", "audio", "config", "--config", "--log-level"}) {
        EXPECT_TRUE(contains(result.out, command)) << command;
    }
}

TEST(Cli, PrintsItsVersion)
{
    const ProcessResult result = cordon({"--version"});
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_TRUE(contains(result.out, "cordon 0.")) << result.out;
}

TEST(Cli, AWrongCommandLineExitsWithTwoAndSaysWhy)
{
    const ProcessResult none = cordon({});
    EXPECT_EQ(none.exit_code, 2);
    EXPECT_TRUE(contains(none.err, "subcommand")) << none.err;

    const ProcessResult unknown = cordon({"plugins", "--no-such-option"});
    EXPECT_EQ(unknown.exit_code, 2);
    EXPECT_TRUE(contains(unknown.err, "--no-such-option")) << unknown.err;

    const ProcessResult bad_level = cordon({"--log-level", "loud", "plugins"});
    EXPECT_EQ(bad_level.exit_code, 2);
}

TEST(CliPlugins, ListsTheBuiltInPluginsAsJson)
{
    const ProcessResult result = cordon({"plugins", "--json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto list = nlohmann::json::parse(result.out);
    ASSERT_TRUE(list.is_array());
    std::set<std::string> codecs;
    std::set<std::string> auths;
    std::set<std::string> transports;
    std::set<std::string> encryptions;
    for (const auto &plugin : list) {
        for (const char *key : {"id", "kind", "abi", "version", "path", "status", "reason"}) {
            EXPECT_TRUE(plugin.contains(key)) << key;
        }
        EXPECT_EQ(plugin["status"], "loaded") << plugin.dump();
        EXPECT_EQ(plugin["abi"], "1.1");
        EXPECT_TRUE(plugin["reason"].is_null());
        EXPECT_TRUE(fs::exists(plugin["path"].get<std::string>()));
        if (plugin["kind"] == "codec") {
            EXPECT_FALSE(plugin.value("formats", nlohmann::json()).empty()) << plugin.dump();
            codecs.insert(plugin["id"].get<std::string>());
        } else if (plugin["kind"] == "auth") {
            EXPECT_TRUE(plugin["scheme"] == "Digest" || plugin["scheme"] == "Basic") << plugin.dump();
            auths.insert(plugin["id"].get<std::string>());
        } else if (plugin["kind"] == "encryption") {
            const bool media = plugin["id"] == "org.cordon.encryption.srtp";
            EXPECT_EQ(plugin["serves"], nlohmann::json::array({media ? "media" : "bodies"})) << plugin.dump();
            EXPECT_EQ(plugin.contains("sdp_profile"), media) << plugin.dump();
            if (media) {
                EXPECT_EQ(plugin["sdp_profile"], "RTP/SAVP") << plugin.dump();
            }
            encryptions.insert(plugin["id"].get<std::string>());
        } else {
            EXPECT_EQ(plugin["kind"], "transport") << plugin.dump();
            EXPECT_TRUE(plugin.contains("protocol")) << plugin.dump();
            transports.insert(plugin["id"].get<std::string>() + " " + plugin.value("protocol", ""));
        }
    }
    EXPECT_EQ(codecs,
              (std::set<std::string>{"org.cordon.codec.g711", "org.cordon.codec.opus", "org.cordon.codec.speex"}));
    EXPECT_EQ(auths, (std::set<std::string>{"org.cordon.auth.basic", "org.cordon.auth.digest"}));
    EXPECT_EQ(encryptions, (std::set<std::string>{"org.cordon.encryption.smime", "org.cordon.encryption.srtp"}));
    EXPECT_EQ(transports, (std::set<std::string>{"org.cordon.transport.tcp TCP", "org.cordon.transport.tls TLS",
                                                 "org.cordon.transport.udp UDP"}));
}

TEST(CliPlugins, ShowsARejectedPluginWithItsReason)
{
    ScratchDirectory scratch("rejected");
    const fs::path broken = fixture_root / "null_descriptor";
    const auto config = scratch.write("cordon.toml", "[plugins]\ntrusted = [\"" + broken.string() + "\"]\n");

    const ProcessResult json =
        cordon({"--config", config.string(), "plugins", "--json", "--plugin-dir", broken.string()});
    ASSERT_EQ(json.exit_code, 0) << json.err;
    const auto list = nlohmann::json::parse(json.out);
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0]["status"], "rejected");
    EXPECT_TRUE(contains(list[0]["reason"].get<std::string>(), "returned no descriptor"));
    EXPECT_EQ(list[0]["path"], (broken / "null_descriptor.so").string());
    EXPECT_TRUE(contains(json.err, "refused plugin " + (broken / "null_descriptor.so").string()));

    const ProcessResult table = cordon({"--config", config.string(), "plugins", "--plugin-dir", broken.string()});
    ASSERT_EQ(table.exit_code, 0);
    EXPECT_TRUE(contains(table.out, "rejected"));
    EXPECT_TRUE(contains(table.out, "reason: the entry function returned no descriptor"));
}

TEST(CliPlugins, RunsAnUntrustedCodecInTheSandboxAndSaysSo)
{
    const fs::path good = fixture_root / "good";
    const ProcessResult result = cordon({"plugins", "--json", "--plugin-dir", good.string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto list = nlohmann::json::parse(result.out);
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0]["status"], "loaded") << list.dump();
    EXPECT_EQ(list[0]["trusted"], false);
    EXPECT_EQ(list[0]["isolation"], "sandbox");
    EXPECT_EQ(list[0]["id"], "org.cordon.test.good");
}

TEST(CliPlugins, RejectsAnUntrustedPluginOfAnotherKind)
{
    const fs::path transport = fixture_root / "transport_kind";
    const ProcessResult result = cordon({"plugins", "--json", "--plugin-dir", transport.string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto list = nlohmann::json::parse(result.out);
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0]["status"], "rejected");
    EXPECT_TRUE(list[0]["isolation"].is_null());
    EXPECT_TRUE(contains(list[0]["reason"].get<std::string>(), "untrusted")) << list.dump();
}

TEST(CliPlugins, TakesItsSettingsFromCordonConfig)
{
    ScratchDirectory scratch("environment");
    const fs::path good = fixture_root / "good";
    const auto config = scratch.write("cordon.toml", "[plugins]\ntrusted = [\"" + good.string() + "\"]\n");
    const ProcessResult result =
        cordon({"plugins", "--json", "--plugin-dir", good.string()}, {"CORDON_CONFIG=" + config.string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto list = nlohmann::json::parse(result.out);
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0]["status"], "loaded") << list.dump();
    EXPECT_EQ(list[0]["id"], "org.cordon.test.good");
    EXPECT_EQ(list[0]["isolation"], "in-process");
}

TEST(CliPlugins, StartsNothingWithAHalfReadConfiguration)
{
    ScratchDirectory scratch("bad-config");
    const auto config = scratch.write("cordon.toml", "[log]\nlevel = \"debug\"\n\n[plugins]\ntrusted = 5\n");
    const ProcessResult result = cordon({"--config", config.string(), "plugins"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_TRUE(result.out.empty()) << result.out;
    EXPECT_TRUE(contains(result.err, config.string() + ":5:")) << result.err;
    EXPECT_TRUE(contains(result.err, "plugins.trusted")) << result.err;
}

TEST(CliConfig, ExplainsEverySettingWithItsSecurityNote)
{
    const ProcessResult result = cordon({"config", "explain"});
    ASSERT_EQ(result.exit_code, 0);
    for (const char *key : {"auth.refuse_md5", "log.level", "plugins.directories", "plugins.trusted", "security:"}) {
        EXPECT_TRUE(contains(result.out, key)) << key;
    }
}

TEST(CliConfig, ChecksAFileAndReportsEveryProblem)
{
    ScratchDirectory scratch("check");
    const auto good = scratch.write("good.toml", "[log]\nlevel = \"warning\"\n");
    const ProcessResult ok = cordon({"config", "check", good.string()});
    EXPECT_EQ(ok.exit_code, 0) << ok.err;
    EXPECT_TRUE(contains(ok.out, "ok"));

    const auto bad = scratch.write("bad.toml", "[log]\nlevle = \"warning\"\n[plugins]\ndirectories = \"x\"\n");
    const ProcessResult refused = cordon({"config", "check", bad.string()});
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_TRUE(contains(refused.err, bad.string() + ":2:")) << refused.err;
    EXPECT_TRUE(contains(refused.err, "log.level")) << refused.err; // the suggestion
    EXPECT_TRUE(contains(refused.err, bad.string() + ":4:")) << refused.err;

    const ProcessResult missing = cordon({"config", "check", (scratch.path() / "absent.toml").string()});
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_TRUE(contains(missing.err, "absent.toml")) << missing.err;
}

} // namespace
} // namespace cordon::test
