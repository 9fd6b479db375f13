// The loader's broken fixtures fail (or warn in) the loading check that
// matches what is broken; the others go on to the checks that run them.
#include <filesystem>

#include "tests/plugin_check/check_report.hpp"

namespace cordon::test {
namespace {

namespace fs = std::filesystem;

struct FixtureCase {
    const char *name;
    const char *check;
    const char *verdict;
    const char *reason_part; // found in the check's reason
    int exit_code = 1;
    bool trusted = false; // checked with --trusted
};

void PrintTo(const FixtureCase &fixture, std::ostream *out) { *out << fixture.name; }

class Fixture : public testing::TestWithParam<FixtureCase> {};

TEST_P(Fixture, ShowsInTheRightCheck)
{
    const FixtureCase &fixture = GetParam();
    const fs::path file = fs::path(CORDON_TEST_FIXTURE_DIR) / fixture.name / (std::string(fixture.name) + ".so");
    const CheckRun run = check_plugin(
        file.string(), fixture.trusted ? std::vector<std::string>{"--trusted"} : std::vector<std::string>{}, true);
    EXPECT_EQ(run.process.exit_code, fixture.exit_code) << run.process.out << run.process.err;
    ASSERT_TRUE(run.report.is_object()) << run.process.out;
    EXPECT_EQ(run.report["passed"].get<bool>(), fixture.exit_code == 0);
    const auto result = run.result(fixture.check);
    ASSERT_FALSE(result.is_null()) << run.process.out;
    EXPECT_EQ(result["verdict"], fixture.verdict) << result.dump();
    EXPECT_NE(result["reason"].get<std::string>().find(fixture.reason_part), std::string::npos) << result.dump();
}

INSTANTIATE_TEST_SUITE_P(
    Loader, Fixture,
    testing::Values(FixtureCase{"good", "loading.exports", "pass", "nothing else", 0},
                    FixtureCase{"extra_export", "loading.exports", "warn",
                                "test_plugin_debug_counter, test_plugin_debug_dump", 0},
                    FixtureCase{"newer_minor", "loading.abi", "warn", "newer than this host's", 0},
                    FixtureCase{"no_entry", "loading.entry", "fail", "cordon_plugin_entry"},
                    FixtureCase{"null_descriptor", "loading.descriptor", "fail", "no descriptor"},
                    FixtureCase{"struct_too_small", "loading.descriptor", "fail", "struct_size"},
                    FixtureCase{"unknown_kind", "loading.descriptor", "fail", "unknown plugin kind 99"},
                    FixtureCase{"major_mismatch", "loading.abi", "fail", "built for plugin ABI 2."},
                    FixtureCase{"empty_id", "loading.strings", "fail", "id is empty"},
                    FixtureCase{"overlong_id", "loading.strings", "fail", "id is longer than"},
                    FixtureCase{"bad_id_syntax", "loading.strings", "fail", "Org.Cordon..Test"},
                    FixtureCase{"bad_utf8_name", "loading.strings", "fail", "name is not valid UTF-8"},
                    FixtureCase{"empty_version", "loading.strings", "fail", "version is empty"},
                    FixtureCase{"null_get_interface", "loading.functions", "fail", "get_interface"},
                    // The sandbox child refuses these in DESCRIBE without naming the
                    // function or the field ("plugin interface or descriptor refused").
                    FixtureCase{"null_encode", "loading.functions", "fail", "interface"},
                    FixtureCase{"init_fails", "loading.functions", "fail", "init failed"},
                    FixtureCase{"no_codec_interface", "loading.functions", "fail", "interface"},
                    FixtureCase{"bad_format", "loading.functions", "fail", "interface"},
                    FixtureCase{"transport_kind", "loading.descriptor", "fail", "untrusted"},
                    FixtureCase{"bad_instance_info", "sandbox.compatibility", "fail", "create"},
                    FixtureCase{"lies_encoded", "sandbox.compatibility", "fail", "contract violation"},
                    FixtureCase{"auth_honest", "loading.descriptor", "fail", "serves codecs only"},
                    FixtureCase{"auth_honest", "loading.functions", "pass", "auth interface", 0, true}),
    [](const testing::TestParamInfo<FixtureCase> &param) {
        return std::string(param.param.name) + (param.param.trusted ? "_trusted" : "");
    });

} // namespace
} // namespace cordon::test
