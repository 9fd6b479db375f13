// Every built-in plugin passes `cordon plugin check`: the codecs through the
// sandbox, the others in process (the built-in directory is trusted).
#include <algorithm>
#include <filesystem>

#include "check_report.hpp"

namespace cordon::test {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> builtin_plugins()
{
    std::vector<std::string> names;
    std::error_code error;
    for (const auto &entry : fs::directory_iterator(CORDON_BUILTIN_PLUGIN_DIR, error)) {
        if (entry.path().extension() == ".so") {
            names.push_back(entry.path().stem().string());
        }
    }
    std::sort(names.begin(), names.end());
    return names;
}

class BuiltinPlugin : public testing::TestWithParam<std::string> {};

TEST_P(BuiltinPlugin, PassesEveryRequiredCheck)
{
    const fs::path file = fs::path(CORDON_BUILTIN_PLUGIN_DIR) / (GetParam() + ".so");
    // The deadline relaxed as in the other tests: this asserts the plugins
    // pass, not that this machine is idle (timing_memory_tests has the rule).
    const CheckRun run = check_plugin(file.string(), {}, true);
    ASSERT_EQ(run.process.exit_code, 0) << run.process.out << run.process.err;
    ASSERT_TRUE(run.report.is_object()) << run.process.out;
    EXPECT_TRUE(run.report["passed"].get<bool>());
    EXPECT_TRUE(run.report["plugin"]["trusted"].get<bool>());
    EXPECT_FALSE(run.report["plugin"]["id"].is_null());
    for (const auto &result : run.report["results"]) {
        EXPECT_FALSE(result["required"].get<bool>() && result["verdict"] == "fail") << result.dump();
    }
    EXPECT_EQ(run.result("loading.exports")["verdict"], "pass") << run.result("loading.exports").dump();
    const bool codec = run.report["plugin"]["kind"] == "codec";
    for (const char *name :
         {"sandbox.compatibility", "conformance.configurations", "conformance.foreign-configurations",
          "conformance.capacities", "conformance.small-buffers", "conformance.arguments", "conformance.reset",
          "conformance.concealment", "conformance.malformed-packets", "conformance.quality", "robustness.decode",
          "robustness.encode", "memory.peak"}) {
        EXPECT_EQ(run.result(name)["verdict"], codec ? "pass" : "skip") << run.result(name).dump();
    }
    // A sanitizer build's timing may only warn (timing_check.cpp).
    const std::string timing = run.result("timing.realtime")["verdict"];
    EXPECT_TRUE(codec ? timing == "pass" || timing == "warn" : timing == "skip") << timing;
    if (codec) {
        EXPECT_GT(run.result("robustness.decode")["figures"][0]["value"].get<double>(), 0.0);
    }
}

TEST(BuiltinPlugins, AreAllThere) { EXPECT_GE(builtin_plugins().size(), 3u); }

INSTANTIATE_TEST_SUITE_P(Builtin, BuiltinPlugin, testing::ValuesIn(builtin_plugins()),
                         [](const testing::TestParamInfo<std::string> &param) {
                             std::string name = param.param;
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

} // namespace
} // namespace cordon::test
