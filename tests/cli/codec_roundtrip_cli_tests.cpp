// `cordon audio speech` and `cordon codec roundtrip`, run as a process.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "media/wav_file.hpp"
#include "tests/cli/cli_helpers.hpp"

namespace cordon::test {
namespace {

namespace fs = std::filesystem;

bool contains(const std::string &text, const std::string &fragment) { return text.find(fragment) != std::string::npos; }

class CliRoundtrip : public testing::Test {
protected:
    static void SetUpTestSuite()
    {
        scratch_ = new ScratchDirectory("roundtrip");
        const ProcessResult made = cordon({"audio", "speech", "--rate", "16000", "--seconds", "2", input().string()});
        ASSERT_EQ(made.exit_code, 0) << made.err;
    }
    static void TearDownTestSuite()
    {
        delete scratch_;
        scratch_ = nullptr;
    }
    static fs::path input() { return scratch_->path() / "speech.wav"; }
    static fs::path output(const std::string &name) { return scratch_->path() / (name + ".wav"); }

    static nlohmann::json roundtrip_json(const std::vector<std::string> &options, const std::string &name)
    {
        std::vector<std::string> arguments{"codec", "roundtrip", "--json"};
        arguments.insert(arguments.end(), options.begin(), options.end());
        arguments.push_back(input().string());
        arguments.push_back(output(name).string());
        const ProcessResult result = cordon(arguments);
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return result.exit_code == 0 ? nlohmann::json::parse(result.out) : nlohmann::json();
    }

    static ScratchDirectory *scratch_;
};

ScratchDirectory *CliRoundtrip::scratch_ = nullptr;

TEST_F(CliRoundtrip, PcmuRunsAt64kbitAndWritesAnAlignedFileAtTheInputRate)
{
    const auto report = roundtrip_json({"--codec", "PCMU"}, "pcmu");
    ASSERT_FALSE(report.is_null());
    EXPECT_EQ(report["codec"], "org.cordon.codec.g711");
    EXPECT_EQ(report["encoding"], "PCMU");
    EXPECT_EQ(report["sample_rate"], 8000); // the input is resampled to what G.711 takes
    EXPECT_DOUBLE_EQ(report["bitrate_bps"].get<double>(), 64000.0);
    EXPECT_EQ(report["delay_samples"], 0);
    EXPECT_GT(report["snr_db"].get<double>(), 30.0);

    auto written = media::read_wav(output("pcmu"));
    auto original = media::read_wav(input());
    ASSERT_TRUE(written && original);
    EXPECT_EQ(written->sample_rate, 16000u);
    EXPECT_EQ(written->frames(), original->frames());
}

TEST_F(CliRoundtrip, TheSandboxWritesTheSameFileAsInProcess)
{
    for (const char *codec : {"PCMU", "opus"}) {
        const std::string name = codec;
        const auto local = roundtrip_json({"--codec", codec, "--isolation", "in-process"}, name + "-local");
        const auto remote = roundtrip_json({"--codec", codec, "--isolation", "sandbox"}, name + "-sandbox");
        ASSERT_FALSE(local.is_null() || remote.is_null());
        EXPECT_EQ(local["isolation"], "in-process");
        EXPECT_EQ(remote["isolation"], "sandbox");
        EXPECT_EQ(local["bitrate_bps"], remote["bitrate_bps"]);
        auto a = media::read_wav(output(name + "-local"));
        auto b = media::read_wav(output(name + "-sandbox"));
        ASSERT_TRUE(a && b);
        EXPECT_EQ(a->samples, b->samples) << codec;
    }
}

TEST_F(CliRoundtrip, RefusesToRunAnUntrustedCodecInProcess)
{
    const fs::path untrusted = fs::path(CORDON_TEST_FIXTURE_DIR) / "good";
    const auto config =
        scratch_->write("untrusted.toml", "[plugins]\ndirectories = [\"" + untrusted.string() + "\"]\n");
    const ProcessResult refused =
        cordon({"--config", config.string(), "codec", "roundtrip", "--codec", "org.cordon.test.good", "--rate", "8000",
                "--isolation", "in-process", input().string(), output("refused").string()});
    EXPECT_EQ(refused.exit_code, 1) << refused.err;
    EXPECT_TRUE(contains(refused.err, "org.cordon.test.good is not trusted, so it runs only in the sandbox"))
        << refused.err;
    EXPECT_FALSE(fs::exists(output("refused")));

    const ProcessResult sandboxed =
        cordon({"--config", config.string(), "codec", "roundtrip", "--json", "--codec", "org.cordon.test.good",
                "--rate", "8000", input().string(), output("sandboxed").string()});
    ASSERT_EQ(sandboxed.exit_code, 0) << sandboxed.err;
    EXPECT_EQ(nlohmann::json::parse(sandboxed.out)["isolation"], "sandbox");
}

TEST_F(CliRoundtrip, EveryCodecReportsBitrateAndQuality)
{
    struct Case {
        std::vector<std::string> options;
        const char *encoding;
        double min_bitrate;
        double max_bitrate;
        double min_correlation;
    };
    const Case cases[] = {
        {{"--codec", "PCMA"}, "PCMA", 64000, 64000, 0.999},
        {{"--codec", "org.cordon.codec.opus", "--bitrate", "24000"}, "opus", 18000, 30000, 0.9},
        {{"--codec", "speex", "--rate", "8000"}, "speex", 10000, 20000, 0.7},
        {{"--codec", "speex", "--rate", "16000"}, "speex", 20000, 36000, 0.87},
    };
    int index = 0;
    for (const Case &c : cases) {
        const auto report = roundtrip_json(c.options, "codec" + std::to_string(index++));
        ASSERT_FALSE(report.is_null()) << c.encoding;
        EXPECT_EQ(report["encoding"], c.encoding);
        EXPECT_GE(report["bitrate_bps"].get<double>(), c.min_bitrate) << c.encoding;
        EXPECT_LE(report["bitrate_bps"].get<double>(), c.max_bitrate) << c.encoding;
        EXPECT_GE(report["correlation"].get<double>(), c.min_correlation) << c.encoding;
    }
}

TEST_F(CliRoundtrip, OpusWithFecConcealsDroppedPackets)
{
    const auto report = roundtrip_json({"--codec", "opus", "--bitrate", "32000", "--param", "useinbandfec=1",
                                        "--expected-loss", "10", "--drop-every", "10"},
                                       "fec");
    ASSERT_FALSE(report.is_null());
    EXPECT_EQ(report["dropped_frames"], 10); // 100 frames of 20 ms, every 10th
    EXPECT_GT(report["correlation"].get<double>(), 0.8);
}

TEST_F(CliRoundtrip, PrintsAReadableReportWithoutJson)
{
    const ProcessResult result =
        cordon({"codec", "roundtrip", "--codec", "PCMA", input().string(), output("text").string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    for (const char *line :
         {"codec     org.cordon.codec.g711 (PCMA/8000)", "bitrate   64.00 kbit/s", "quality   SNR", "wrote     "}) {
        EXPECT_TRUE(contains(result.out, line)) << line << "\n" << result.out;
    }
}

TEST_F(CliRoundtrip, ExplainsEveryWayARequestCanBeWrong)
{
    struct Case {
        std::vector<std::string> arguments;
        int exit_code;
        const char *fragment;
    };
    const std::string in = input().string();
    const std::string out = output("refused").string();
    const Case cases[] = {
        {{"--codec", "g729", in, out}, 1, "no codec plugin or encoding \"g729\""},
        {{"--codec", "opus", (scratch_->path() / "absent.wav").string(), out}, 1, "absent.wav"},
        {{"--codec", "opus", "--param", "nonsense=1", in, out}, 1, "unknown parameter \"nonsense\""},
        {{"--codec", "opus", "--param", "useinbandfec", in, out}, 1, "--param needs NAME=VALUE"},
        {{"--codec", "opus", "--param", "useinbandfec=maybe", in, out}, 1, "invalid argument"},
        {{"--codec", "PCMU", "--rate", "16000", in, out}, 1, "has no format"},
        {{"--codec", "opus", "--frame-ms", "30", in, out}, 1, "frame duration 30000 us not supported"},
        {{"--codec", "opus", "--bitrate", "0", in, out}, 2, "--bitrate"},
        {{"--codec", "opus", in}, 2, "OUT.wav"},
    };
    for (const Case &c : cases) {
        std::vector<std::string> arguments{"codec", "roundtrip"};
        arguments.insert(arguments.end(), c.arguments.begin(), c.arguments.end());
        const ProcessResult result = cordon(arguments);
        EXPECT_EQ(result.exit_code, c.exit_code) << c.fragment << "\n" << result.err;
        EXPECT_TRUE(contains(result.err, c.fragment)) << c.fragment << "\n" << result.err;
    }
}

} // namespace
} // namespace cordon::test
