// Every built-in plugin passes `cordon plugin check` with the verdict, and
// the reason, each check must give it: the codecs through the sandbox, the
// others in process (the built-in directory is trusted), where every codec
// check is skipped as "not a codec".
#include <algorithm>
#include <filesystem>
#include <map>

#include "tests/plugin_check/check_report.hpp"

namespace cordon::test {
namespace {

namespace fs = std::filesystem;

// Instrumented code runs several times slower: there the checker turns a
// timing failure into a warning (timing_check.cpp), and a codec may warn.
#if defined(CORDON_SANITIZER_RUNTIME)
constexpr bool sanitizer_build = true;
#else
constexpr bool sanitizer_build = false;
#endif

struct BuiltinExpectation {
    std::string id;
    std::string kind;
    std::string functions; // loading.functions' reason
};

// Every plugin the build puts in the built-in directory. A new one must be
// added here with what its checks are to say.
const std::map<std::string, BuiltinExpectation> &expected_builtins()
{
    static const std::map<std::string, BuiltinExpectation> plugins = {
        {"cordon-auth-basic", {"org.cordon.auth.basic", "auth", "auth interface validated by the host's registry"}},
        {"cordon-auth-digest", {"org.cordon.auth.digest", "auth", "auth interface validated by the host's registry"}},
        {"cordon-codec-g711",
         {"org.cordon.codec.g711", "codec", "codec interface validated: 2 format(s): PCMU/8000, PCMA/8000"}},
        {"cordon-codec-opus", {"org.cordon.codec.opus", "codec", "codec interface validated: 1 format(s): opus/48000"}},
        {"cordon-codec-speex",
         {"org.cordon.codec.speex", "codec",
          "codec interface validated: 3 format(s): speex/8000, speex/16000, speex/32000"}},
        {"cordon-encryption-smime",
         {"org.cordon.encryption.smime", "encryption", "encryption interface validated by the host's registry"}},
        {"cordon-encryption-srtp",
         {"org.cordon.encryption.srtp", "encryption", "encryption interface validated by the host's registry"}},
        {"cordon-transport-tcp",
         {"org.cordon.transport.tcp", "transport", "transport interface validated by the host's registry"}},
        {"cordon-transport-tls",
         {"org.cordon.transport.tls", "transport", "transport interface validated by the host's registry"}},
        {"cordon-transport-udp",
         {"org.cordon.transport.udp", "transport", "transport interface validated by the host's registry"}},
    };
    return plugins;
}

// Every check of the report, in its order.
const std::vector<std::string> loading_checks = {"loading.library",    "loading.entry",   "loading.abi",
                                                 "loading.descriptor", "loading.strings", "loading.functions",
                                                 "loading.exports"};
const std::vector<std::string> codec_checks = {"sandbox.compatibility",
                                               "conformance.configurations",
                                               "conformance.foreign-configurations",
                                               "conformance.capacities",
                                               "conformance.small-buffers",
                                               "conformance.arguments",
                                               "conformance.reset",
                                               "conformance.concealment",
                                               "conformance.malformed-packets",
                                               "conformance.quality",
                                               "robustness.decode",
                                               "robustness.encode",
                                               "timing.realtime",
                                               "memory.peak"};

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

// timing.realtime of a built-in codec: a pass in a plain build (each sustains
// far more than the 10x real time that would warn); in a sanitizer build a
// pass, or one of the two warnings the checker gives there, never a fail.
void expect_codec_timing(const nlohmann::json &timing)
{
    const std::string verdict = timing["verdict"];
    const std::string reason = timing["reason"];
    if (!sanitizer_build || verdict == "pass") {
        EXPECT_EQ(verdict, "pass") << timing.dump();
        EXPECT_TRUE(reason.starts_with("slowest: ")) << reason;
        return;
    }
    ASSERT_EQ(verdict, "warn") << timing.dump();
    const bool slow = reason.ends_with(", under the 10.0x a sandbox serving ten calls needs");
    const bool excused =
        reason.ends_with(" (not failed: a sanitizer build runs the host and the sandbox child several times slower)");
    EXPECT_TRUE(slow || excused) << reason;
}

class BuiltinPlugin : public testing::TestWithParam<std::string> {};

TEST_P(BuiltinPlugin, GivesItsExpectedVerdictForEveryCheck)
{
    const auto expected = expected_builtins().find(GetParam());
    ASSERT_NE(expected, expected_builtins().end()) << GetParam() << " is not in expected_builtins()";
    const BuiltinExpectation &plugin = expected->second;
    const bool codec = plugin.kind == "codec";

    const fs::path file = fs::path(CORDON_BUILTIN_PLUGIN_DIR) / (GetParam() + ".so");
    // The deadline relaxed as in the other tests: this asserts the plugins
    // pass, not that this machine is idle (timing_memory_tests has the rule).
    const CheckRun run = check_plugin(file.string(), {}, true);
    ASSERT_EQ(run.process.exit_code, 0) << run.process.out << run.process.err;
    ASSERT_TRUE(run.report.is_object()) << run.process.out;
    EXPECT_TRUE(run.report["passed"].get<bool>());
    EXPECT_TRUE(run.report["plugin"]["trusted"].get<bool>());
    EXPECT_EQ(run.report["plugin"]["id"], plugin.id);
    EXPECT_EQ(run.report["plugin"]["kind"], plugin.kind);
    EXPECT_EQ(run.report["plugin"]["vendor"], "Cordon project");

    std::vector<std::string> names;
    for (const auto &result : run.report["results"])
        names.push_back(result["name"]);
    std::vector<std::string> all = loading_checks;
    all.insert(all.end(), codec_checks.begin(), codec_checks.end());
    ASSERT_EQ(names, all);

    // Loading: every stage passes, as the host saw it; only the export list is optional.
    for (const std::string &name : loading_checks) {
        const nlohmann::json result = run.result(name);
        EXPECT_EQ(result["verdict"], "pass") << result.dump();
        EXPECT_EQ(result["evidence"], "host") << result.dump();
        EXPECT_EQ(result["required"].get<bool>(), name != "loading.exports") << result.dump();
    }
    EXPECT_EQ(run.result("loading.library")["reason"],
              codec ? "loaded by cordon-sandbox (its descriptor read in process first: the location is trusted)"
                    : "loaded in process (the location is trusted)");
    EXPECT_EQ(run.result("loading.functions")["reason"], plugin.functions);
    EXPECT_EQ(run.result("loading.exports")["reason"], "exports cordon_plugin_entry and nothing else of its own");

    if (!codec) {
        // Not one codec check runs, and each says why.
        for (const std::string &name : codec_checks) {
            const nlohmann::json result = run.result(name);
            EXPECT_EQ(result["verdict"], "skip") << result.dump();
            EXPECT_EQ(result["reason"], "not a codec: the " + plugin.kind +
                                            " plugin loaded in process, and only codecs run in the sandbox")
                << result.dump();
        }
        return;
    }

    // A codec: every check runs and passes (timing as expect_codec_timing says).
    for (const std::string &name : codec_checks) {
        const nlohmann::json result = run.result(name);
        EXPECT_TRUE(result["required"].get<bool>()) << result.dump();
        EXPECT_EQ(result["evidence"],
                  name.starts_with("conformance.") && name != "conformance.quality" ? "plugin_process" : "host")
            << result.dump();
        if (name == "timing.realtime") {
            expect_codec_timing(result);
        } else {
            EXPECT_EQ(result["verdict"], "pass") << result.dump();
        }
    }
    EXPECT_NE(run.result("sandbox.compatibility")["reason"].get<std::string>().find(
                  "under a lock-down verified by the host: seccomp filter mode with 1 filter, no_new_privs"),
              std::string::npos)
        << run.result("sandbox.compatibility").dump();
    EXPECT_GT(run.result("robustness.decode")["figures"][0]["value"].get<double>(), 0.0);
    EXPECT_GT(run.result("robustness.encode")["figures"][0]["value"].get<double>(), 0.0);
}

TEST(BuiltinPlugins, AreExactlyTheExpectedOnes)
{
    std::vector<std::string> expected;
    for (const auto &[name, plugin] : expected_builtins())
        expected.push_back(name);
    EXPECT_EQ(builtin_plugins(), expected);
}

INSTANTIATE_TEST_SUITE_P(Builtin, BuiltinPlugin, testing::ValuesIn(builtin_plugins()),
                         [](const testing::TestParamInfo<std::string> &param) {
                             std::string name = param.param;
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

} // namespace
} // namespace cordon::test
