// Each loader refusal, with a real broken shared library behind it.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "cordon/host/plugins.hpp"
#include "cordon/host/settings.hpp"
#include "cordon/plugin.h"
#include "tests/plugins/capturing_logger.hpp"

namespace cordon {
namespace {

namespace fs = std::filesystem;

const fs::path fixture_root = CORDON_TEST_FIXTURE_DIR;

struct Loaded {
    std::unique_ptr<PluginRegistry> registry;
    test::CapturingLogger logger;
};

// Loads the one plugin of a fixture directory, trusting that directory.
std::unique_ptr<Loaded> load_fixture(const std::string &name)
{
    auto loaded = std::make_unique<Loaded>();
    const fs::path directory = fixture_root / name;
    loaded->registry = PluginRegistry::load({{directory}, {directory}, {}, {}}, loaded->logger);
    return loaded;
}

struct RefusalCase {
    const char *fixture;
    const char *reason_fragment;
};

class PluginRefusal : public testing::TestWithParam<RefusalCase> {};

TEST_P(PluginRefusal, IsRefusedWithOneLineNamingFileAndReason)
{
    const RefusalCase &refusal = GetParam();
    auto loaded = load_fixture(refusal.fixture);
    const auto &records = loaded->registry->records();
    ASSERT_EQ(records.size(), 1u);
    const PluginRecord &record = records.front();
    EXPECT_FALSE(record.loaded);
    EXPECT_NE(record.reason.find(refusal.reason_fragment), std::string::npos) << record.reason;
    EXPECT_TRUE(loaded->registry->codecs().empty());

    const fs::path file = fixture_root / refusal.fixture / (std::string(refusal.fixture) + ".so");
    int refusal_lines = 0;
    for (const auto &line : loaded->logger.lines()) {
        if (line.level == LogLevel::warning && line.message.find("refused plugin") != std::string::npos) {
            ++refusal_lines;
            EXPECT_NE(line.message.find(file.string()), std::string::npos) << line.message;
            EXPECT_NE(line.message.find(record.reason), std::string::npos) << line.message;
            EXPECT_EQ(line.message.find('\n'), std::string::npos);
        }
    }
    EXPECT_EQ(refusal_lines, 1);
}

INSTANTIATE_TEST_SUITE_P(
    EveryCase, PluginRefusal,
    testing::Values(RefusalCase{"no_entry", "no entry symbol \"cordon_plugin_entry\""},
                    RefusalCase{"null_descriptor", "returned no descriptor"},
                    RefusalCase{"struct_too_small", "struct_size is 12 bytes"},
                    RefusalCase{"unknown_kind", "unknown plugin kind 99"},
                    RefusalCase{"major_mismatch", "built for plugin ABI 2.1, this host speaks 1.1"},
                    RefusalCase{"null_get_interface", "get_interface is missing"},
                    RefusalCase{"null_encode", "required codec function encode is missing"},
                    RefusalCase{"empty_id", "id is empty"}, RefusalCase{"overlong_id", "id is longer than 128 bytes"},
                    RefusalCase{"bad_id_syntax", "may contain only a-z"},
                    RefusalCase{"bad_utf8_name", "name is not valid UTF-8"},
                    RefusalCase{"empty_version", "version is empty"},
                    RefusalCase{"init_fails", "init failed: internal plugin error"},
                    RefusalCase{"no_codec_interface", "must provide interface \"cordon.codec/1\""},
                    RefusalCase{"bad_format", "sample rate 0 is outside"},
                    RefusalCase{"transport_kind", "must provide interface \"cordon.transport/1\""},
                    RefusalCase{"not_a_library", "not a loadable shared library"}),
    [](const testing::TestParamInfo<RefusalCase> &param) { return std::string(param.param.fixture); });

TEST(PluginRegistry, LoadsAGoodPluginWithItsDescriptor)
{
    auto loaded = load_fixture("good");
    ASSERT_EQ(loaded->registry->records().size(), 1u);
    const PluginRecord &record = loaded->registry->records().front();
    EXPECT_TRUE(record.loaded) << record.reason;
    EXPECT_TRUE(record.trusted);
    EXPECT_EQ(record.id, "org.cordon.test.good");
    EXPECT_EQ(record.name, "Test plugin");
    EXPECT_EQ(record.vendor, "Cordon tests");
    EXPECT_EQ(record.version, "1.0.0");
    EXPECT_EQ(record.kind, PluginKind::codec);
    EXPECT_EQ(record.abi_major, CORDON_ABI_MAJOR);
    ASSERT_NE(loaded->registry->find_codec("org.cordon.test.good"), nullptr);
    EXPECT_EQ(loaded->registry->find_codec("org.cordon.test.good")->formats().front().encoding_name, "L16");
}

TEST(PluginRegistry, LoadsAPluginBuiltForANewerMinorAndSaysSo)
{
    auto loaded = load_fixture("newer_minor");
    ASSERT_EQ(loaded->registry->records().size(), 1u);
    const PluginRecord &record = loaded->registry->records().front();
    EXPECT_TRUE(record.loaded) << record.reason;
    EXPECT_EQ(record.abi_minor, CORDON_ABI_MINOR + 1);
    bool told = false;
    for (const auto &line : loaded->logger.lines()) {
        told = told || (line.level == LogLevel::info &&
                        line.message.find("uses only what that version defines") != std::string::npos);
    }
    EXPECT_TRUE(told);
}

TEST(PluginRegistry, RefusesTheSecondPluginWithAnIdAlreadyLoaded)
{
    test::CapturingLogger logger;
    const std::vector<fs::path> directories{fixture_root / "good", fixture_root / "good_twin"};
    auto registry = PluginRegistry::load({directories, directories, {}, {}}, logger);
    ASSERT_EQ(registry->records().size(), 2u);
    EXPECT_TRUE(registry->records()[0].loaded);
    EXPECT_FALSE(registry->records()[1].loaded);
    EXPECT_NE(registry->records()[1].reason.find("duplicate id \"org.cordon.test.good\": already loaded from"),
              std::string::npos)
        << registry->records()[1].reason;
    EXPECT_EQ(registry->codecs().size(), 1u);
}

TEST(PluginRegistry, CarriesOnPastRefusalsToLoadTheRest)
{
    test::CapturingLogger logger;
    const std::vector<fs::path> directories{fixture_root / "null_descriptor", fixture_root / "not_a_library",
                                            fixture_root / "good", fixture_root / "major_mismatch",
                                            fixture_root / "newer_minor"};
    auto registry = PluginRegistry::load({directories, directories, {}, {}}, logger);
    ASSERT_EQ(registry->records().size(), 5u);
    EXPECT_EQ(registry->codecs().size(), 2u);
    EXPECT_NE(registry->find_codec("org.cordon.test.good"), nullptr);
    EXPECT_NE(registry->find_codec("org.cordon.test.newer"), nullptr);
}

// True when the dynamic loader mapped file into this process.
bool mapped_here(const fs::path &file)
{
    std::ifstream maps("/proc/self/maps");
    std::string line;
    while (std::getline(maps, line)) {
        if (line.find(file.string()) != std::string::npos) {
            return true;
        }
    }
    return false;
}

TEST(PluginRegistry, RunsAnUntrustedCodecOnlyInTheSandbox)
{
    test::CapturingLogger logger;
    const fs::path file = fixture_root / "good" / "good.so";
    auto registry = PluginRegistry::load({{fixture_root / "good"}, {}, {}, {}}, logger);
    ASSERT_EQ(registry->records().size(), 1u);
    const PluginRecord &record = registry->records().front();
    ASSERT_TRUE(record.loaded) << record.reason;
    EXPECT_FALSE(record.trusted);
    EXPECT_EQ(record.isolation, Isolation::sandbox);
    // What the sandbox child reported, validated like a trusted descriptor.
    EXPECT_EQ(record.id, "org.cordon.test.good");
    const CodecPlugin *codec = registry->find_codec("org.cordon.test.good");
    ASSERT_NE(codec, nullptr);
    EXPECT_EQ(codec->isolation(), Isolation::sandbox);
    ASSERT_TRUE(codec->sandbox_stats().has_value());
    EXPECT_GT(codec->sandbox_stats()->pid, 0);
    // Trust is decided before loading: the host never mapped the library.
    EXPECT_FALSE(mapped_here(fs::canonical(file)));
}

TEST(PluginRegistry, SaysSoWhenTheSandboxExecutableIsMissing)
{
    test::CapturingLogger logger;
    PluginSearch search{{fixture_root / "good"}, {}, {}, {}};
    search.sandbox.executable = "/nonexistent/cordon-sandbox";
    auto registry = PluginRegistry::load(search, logger);
    ASSERT_EQ(registry->records().size(), 1u);
    const PluginRecord &record = registry->records().front();
    EXPECT_FALSE(record.loaded);
    EXPECT_NE(record.reason.find("cannot start /nonexistent/cordon-sandbox"), std::string::npos) << record.reason;
    EXPECT_TRUE(registry->codecs().empty());
}

TEST(PluginRegistry, SendsATrustedCodecToTheSandboxWhenTheSettingsSaySo)
{
    test::CapturingLogger logger;
    const fs::path directory = fixture_root / "good";
    auto registry = PluginRegistry::load({{directory}, {directory}, {"org.cordon.test.good"}, {}}, logger);
    ASSERT_EQ(registry->records().size(), 1u);
    const PluginRecord &record = registry->records().front();
    ASSERT_TRUE(record.loaded) << record.reason;
    EXPECT_TRUE(record.trusted);
    EXPECT_EQ(record.isolation, Isolation::sandbox);
    // Its descriptor was read in process, then the library was unloaded.
    EXPECT_FALSE(mapped_here(fs::canonical(directory / "good.so")));
}

TEST(PluginRegistry, RefusesAnUntrustedPluginOfAKindTheSandboxDoesNotServe)
{
    test::CapturingLogger logger;
    auto registry = PluginRegistry::load({{fixture_root / "transport_kind"}, {}, {}, {}}, logger);
    ASSERT_EQ(registry->records().size(), 1u);
    const PluginRecord &record = registry->records().front();
    EXPECT_FALSE(record.loaded);
    EXPECT_NE(record.reason.find("untrusted"), std::string::npos) << record.reason;
    EXPECT_NE(record.reason.find("not a codec plugin"), std::string::npos) << record.reason;
    EXPECT_TRUE(registry->codecs().empty());
}

TEST(PluginRegistry, TrustsASingleListedFile)
{
    test::CapturingLogger logger;
    const fs::path file = fixture_root / "good" / "good.so";
    auto registry = PluginRegistry::load({{fixture_root / "good"}, {file}, {}, {}}, logger);
    ASSERT_EQ(registry->records().size(), 1u);
    EXPECT_TRUE(registry->records().front().loaded) << registry->records().front().reason;
}

TEST(PluginRegistry, ReportsAMissingDirectoryAndCarriesOn)
{
    test::CapturingLogger logger;
    const std::vector<fs::path> directories{fixture_root / "no-such-directory", fixture_root / "good"};
    auto registry = PluginRegistry::load({directories, directories, {}, {}}, logger);
    EXPECT_EQ(registry->codecs().size(), 1u);
    bool reported = false;
    for (const auto &line : logger.lines()) {
        reported = reported || line.message.find("no-such-directory") != std::string::npos;
    }
    EXPECT_TRUE(reported);
}

TEST(PluginSearch, StartsWithTheBuiltInDirectoryAndTrustsIt)
{
    Settings settings;
    settings.plugin_directories = {"/opt/vendor/plugins"};
    settings.trusted_plugins = {"/opt/vendor/plugins/trusted.so"};
    const PluginSearch search = plugin_search_from_settings(settings);
    ASSERT_EQ(search.directories.size(), 2u);
    EXPECT_EQ(search.directories[0], builtin_plugin_directory());
    EXPECT_EQ(search.directories[1], "/opt/vendor/plugins");
    ASSERT_EQ(search.trusted.size(), 2u);
    EXPECT_EQ(search.trusted[0], builtin_plugin_directory());
    EXPECT_EQ(builtin_plugin_directory().filename(), "plugins");
}

} // namespace
} // namespace cordon
