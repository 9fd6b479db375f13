#include <gtest/gtest.h>

#include "plugin_checker/loading_stages.hpp"

namespace cordon::plugin_check {
namespace {

struct RefusalCase {
    const char *reason; // as the sandbox or the host words it
    LoadingStage stage;
};

class Refusal : public testing::TestWithParam<RefusalCase> {};

TEST_P(Refusal, BelongsToItsStage) { EXPECT_EQ(stage_of_refusal(GetParam().reason), GetParam().stage); }

INSTANTIATE_TEST_SUITE_P(
    Reasons, Refusal,
    testing::Values(
        RefusalCase{"sandbox start failure: could not load the plugin (exited with status 5): /p.so exports no "
                    "cordon_plugin_entry",
                    LoadingStage::entry},
        RefusalCase{"no entry symbol \"cordon_plugin_entry\" (not a Cordon plugin, or built without exporting it)",
                    LoadingStage::entry},
        RefusalCase{"sandbox start failure: refused the plugin's descriptor (exited with status 6): /p.so: built for "
                    "plugin ABI 2.0, this host speaks 1.0 (the major versions must match)",
                    LoadingStage::abi},
        RefusalCase{"... refused the plugin's descriptor ...: the entry function returned no descriptor (NULL)",
                    LoadingStage::descriptor},
        RefusalCase{"... refused the plugin's descriptor ...: unknown plugin kind 99", LoadingStage::descriptor},
        RefusalCase{"untrusted, so it may run only in the codec sandbox, which refused it: ... /p.so is not a codec "
                    "plugin; the sandbox serves codecs only",
                    LoadingStage::descriptor},
        RefusalCase{"... refused the plugin's descriptor ...: id \"Org..x\" has an empty label", LoadingStage::strings},
        RefusalCase{"... refused the plugin's descriptor ...: name is not valid UTF-8", LoadingStage::strings},
        RefusalCase{"... refused the plugin's descriptor ...: version is empty", LoadingStage::strings},
        RefusalCase{"... required function get_interface is missing (NULL)", LoadingStage::functions},
        RefusalCase{"sandbox start failure: ...: DESCRIBE reply: codec interface: required codec function encode is "
                    "missing (NULL)",
                    LoadingStage::functions},
        RefusalCase{"... codec interface: format 0 (L16): sample rate 0 is outside 8000..384000",
                    LoadingStage::functions},
        RefusalCase{"sandbox start failure: the plugin's init failed (exited with status 7): /p.so: init failed: "
                    "internal error",
                    LoadingStage::functions},
        RefusalCase{"sandbox crash: killed by signal 11 (Segmentation fault) during describe", LoadingStage::library},
        RefusalCase{"not a loadable shared library: /p.so: invalid ELF header", LoadingStage::library}));

TEST(LoadingRefused, PassesTheStagesBeforeFailsItsOwnAndSkipsTheRest)
{
    const auto results = loading_refused("... version is empty");
    ASSERT_EQ(results.size(), loading_stages.size());
    EXPECT_EQ(results[0].name, "loading.library");
    EXPECT_EQ(results[0].verdict, Verdict::pass);
    EXPECT_EQ(results[3].verdict, Verdict::pass);
    EXPECT_EQ(results[4].name, "loading.strings");
    EXPECT_EQ(results[4].verdict, Verdict::fail);
    EXPECT_EQ(results[4].reason, "... version is empty");
    EXPECT_EQ(results[5].verdict, Verdict::skip);
    EXPECT_FALSE(passed(results));
}

TEST(LoadingPassed, WarnsOnlyAboutANewerMinor)
{
    LoadedSummary summary;
    summary.abi = "1.0";
    EXPECT_TRUE(passed(loading_passed(summary)));
    for (const CheckResult &result : loading_passed(summary)) {
        EXPECT_EQ(result.verdict, Verdict::pass) << result.name;
    }
    summary.newer_minor = true;
    const auto results = loading_passed(summary);
    EXPECT_EQ(results[2].name, "loading.abi");
    EXPECT_EQ(results[2].verdict, Verdict::warn);
    EXPECT_TRUE(passed(results));
}

} // namespace
} // namespace cordon::plugin_check
