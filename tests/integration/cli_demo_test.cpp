// `cordon demo` as a user runs it: one process that starts Kamailio, makes a
// secure call between two agents and prints one JSON object with its
// figures; and the clear refusal when Kamailio is missing.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "media/wav_file.hpp"
#include "tests/support/process/spawned_process.hpp"

namespace cordon {
namespace {

namespace fs = std::filesystem;

constexpr int demo_seconds = 3;
// What the demo's checks promise (demo/demo_checks.hpp, call_quality.hpp),
// repeated here so that loosening them there shows up as a failing test.
constexpr double min_median_correlation = 0.8;
constexpr double min_matched_share = 0.8;
constexpr double max_loss_share = 0.02;

class CliDemo : public ::testing::Test {
protected:
    void SetUp() override
    {
        directory_ = fs::temp_directory_path() /
                     ("cordon-demo-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                      ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(directory_);
    }
    void TearDown() override
    {
        if (!HasFailure()) {
            fs::remove_all(directory_);
        }
    }

    fs::path directory_;
};

void expect_direction(const nlohmann::json &direction, const std::string &from, const std::string &to)
{
    SCOPED_TRACE(from + " -> " + to);
    EXPECT_EQ(direction["from"], from);
    EXPECT_EQ(direction["to"], to);
    const auto sent = direction["packets_sent"].get<double>();
    const auto received = direction["packets_received"].get<double>();
    // 50 packets a second of speech, both ways.
    EXPECT_GE(sent, demo_seconds * 50.0 * 0.9);
    EXPECT_GE(received, sent * 0.9);
    EXPECT_LE(direction["packets_lost"].get<double>(), max_loss_share * (received + 1.0));
    const auto &quality = direction["quality"];
    EXPECT_TRUE(quality["passed"].get<bool>());
    EXPECT_GE(quality["median_window_correlation"].get<double>(), min_median_correlation);
    EXPECT_GE(quality["matched_share"].get<double>(), min_matched_share);
    EXPECT_GT(quality["windows_compared"].get<int>(), 0);

    const auto recording = media::read_wav(direction["recording"].get<std::string>());
    ASSERT_TRUE(recording.ok()) << recording.error().message;
    EXPECT_EQ(recording->sample_rate, 48000u);
    EXPECT_EQ(recording->channels, 1u);
    EXPECT_GE(recording->duration_seconds(), demo_seconds * 0.9);
    const auto source = media::read_wav(direction["source"].get<std::string>());
    ASSERT_TRUE(source.ok()) << source.error().message;
    EXPECT_NEAR(source->duration_seconds(), demo_seconds, 0.01);
}

TEST_F(CliDemo, MakesASecureCallWithSpeechBothWaysAndReportsIt)
{
    const auto run = test::run_process(
        CORDON_BINARY, {"demo", "--json", "--seconds", std::to_string(demo_seconds), "--keep", directory_.string()});
    ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
    const auto report = nlohmann::json::parse(run.out);
    EXPECT_TRUE(report["passed"].get<bool>());
    EXPECT_TRUE(report["failures"].empty()) << report["failures"].dump();
    EXPECT_EQ(report["run_directory"], fs::absolute(directory_).string());

    EXPECT_EQ(report["signalling"]["transport"], "tls");
    EXPECT_EQ(report["signalling"]["tls_version"].get<std::string>().rfind("TLSv1.", 0), 0u);
    EXPECT_FALSE(report["signalling"]["cipher"].get<std::string>().empty());
    EXPECT_EQ(report["digest_algorithms"], nlohmann::json::array({"SHA-256"}));

    EXPECT_EQ(report["media"]["codec"], "opus");
    EXPECT_EQ(report["media"]["isolation"], "sandbox");
    EXPECT_FALSE(report["media"]["encryption"].get<std::string>().empty());
    for (const char *agent : {"alice", "bob"}) {
        const auto &media = report["agents"][agent]["media"];
        EXPECT_EQ(media["codec"], "opus") << agent;
        EXPECT_EQ(media["codec_isolation"], "sandbox") << agent;
        EXPECT_EQ(media["encryption"], report["media"]["encryption"]) << agent;
        EXPECT_EQ(media["packets_unprotect_failed"], 0) << agent;
    }

    EXPECT_GT(report["sandbox"]["pid"].get<int>(), 0);
    EXPECT_GT(report["sandbox"]["round_trips"].get<int>(), 0);
    EXPECT_EQ(report["sandbox"]["restarts"], 0);
    EXPECT_EQ(report["sandbox"]["faults"], 0);

    EXPECT_GT(report["setup"]["registration_ms"].get<double>(), 0.0);
    EXPECT_GT(report["setup"]["call_setup_ms"].get<double>(), 0.0);
    EXPECT_GT(report["memory"]["host"]["peak_resident_kib"].get<double>(), 0.0);
    EXPECT_GT(report["memory"]["sandbox"]["peak_resident_kib"].get<double>(), 0.0);
    for (const char *process : {"host", "sandbox"}) {
        const auto &memory = report["memory"][process];
        EXPECT_GT(memory["proportional_kib"].get<double>(), 0.0) << process;
        EXPECT_LE(memory["proportional_kib"].get<double>(), memory["peak_resident_kib"].get<double>()) << process;
        EXPECT_GT(memory["anonymous_kib"].get<double>(), 0.0) << process;
    }

    ASSERT_EQ(report["directions"].size(), 2u);
    expect_direction(report["directions"][0], "alice", "bob");
    expect_direction(report["directions"][1], "bob", "alice");
}

TEST_F(CliDemo, MissingKamailioIsRefusedWithTheWayToInstallIt)
{
    const auto run = test::run_process(CORDON_BINARY, {"demo", "--seconds", "1", "--keep", directory_.string()},
                                       {"CORDON_KAMAILIO=" + (directory_ / "no-such-kamailio").string()});
    EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
    EXPECT_NE(run.err.find("kamailio not found"), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("scripts/install-deps.sh"), std::string::npos) << run.err;
}

} // namespace
} // namespace cordon
