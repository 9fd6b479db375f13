// conformance.quality on Cordon's codecs: each reaches its floor, and a floor
// set above what a codec can do fails it with the figures that fell short.
#include <gtest/gtest.h>

#include "cordon/host/plugins.hpp"
#include "plugin_checker/round_trip_quality.hpp"

namespace cordon::plugin_check {
namespace {

class SilentLogger final : public Logger {
public:
    void write(LogLevel, std::string_view, std::string_view) override {}
};

const PluginRegistry &builtin_registry()
{
    static SilentLogger logger;
    static const auto registry = [] {
        PluginSearch search;
        search.directories = {CORDON_BUILTIN_PLUGIN_DIR};
        search.trusted = search.directories;
        return PluginRegistry::load(search, logger);
    }();
    return *registry;
}

class BuiltinQuality : public testing::TestWithParam<const char *> {};

TEST_P(BuiltinQuality, ReachesTheFloorOfItsEncoding)
{
    const CodecPlugin *codec = builtin_registry().find_codec(GetParam());
    ASSERT_NE(codec, nullptr);
    const CheckResult result = check_round_trip_quality(*codec);
    EXPECT_EQ(result.name, "conformance.quality");
    EXPECT_EQ(result.verdict, Verdict::pass) << result.reason;
    ASSERT_EQ(result.figures.size(), 2u);
    EXPECT_EQ(result.figures[0].name, "lowest_snr");
    EXPECT_GT(result.figures[0].value, 1.0);
    EXPECT_GT(result.figures[1].value, 0.7);
}

INSTANTIATE_TEST_SUITE_P(Codecs, BuiltinQuality,
                         testing::Values("org.cordon.codec.g711", "org.cordon.codec.opus", "org.cordon.codec.speex"),
                         [](const testing::TestParamInfo<const char *> &param) {
                             std::string name = param.param;
                             return name.substr(name.rfind('.') + 1);
                         });

TEST(RoundTripQuality, AFloorAboveWhatTheCodecReachesFailsWithTheFigures)
{
    const CodecPlugin *codec = builtin_registry().find_codec("org.cordon.codec.opus");
    ASSERT_NE(codec, nullptr);
    QualityOverrides overrides;
    overrides.min_snr_db = 99.0;
    const CheckResult result = check_round_trip_quality(*codec, overrides);
    EXPECT_EQ(result.verdict, Verdict::fail);
    EXPECT_NE(result.reason.find("below the floor of 99.0 dB"), std::string::npos) << result.reason;
    EXPECT_NE(result.reason.find("opus/"), std::string::npos) << result.reason;
}

} // namespace
} // namespace cordon::plugin_check
