// The pieces of `cordon demo` that need no Kamailio: reading /proc figures,
// noticing the digest algorithm answered, and the checks that decide
// whether the call passed.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "demo/demo_call.hpp"
#include "demo/demo_checks.hpp"
#include "demo/digest_watch.hpp"
#include "demo/process_memory.hpp"

namespace cordon::demo {
namespace {

TEST(ProcessMemory, ReadsKibFieldsOfAStatusFile)
{
    const std::string status = "Name:\tcordon\nVmPeak:\t  20000 kB\nVmHWM:\t    7412 kB\nVmRSS:\t    7000 kB\n";
    EXPECT_EQ(status_field_kib(status, "VmHWM"), 7412u);
    EXPECT_EQ(status_field_kib(status, "VmRSS"), 7000u);
    EXPECT_FALSE(status_field_kib(status, "VmSwap"));
    EXPECT_FALSE(status_field_kib(status, "Vm")) << "a prefix of a field is not the field";
    EXPECT_FALSE(status_field_kib("VmHWM:\t12x kB\n", "VmHWM"));
    EXPECT_FALSE(status_field_kib("VmHWM:\t12 MB\n", "VmHWM"));
    EXPECT_FALSE(status_field_kib("VmHWM:\t99999999999999999999999 kB\n", "VmHWM")) << "overflow";
}

TEST(ProcessMemory, OwnFiguresAreThoseOfARunningProcess)
{
    const auto memory = own_process_memory();
    ASSERT_TRUE(memory);
    EXPECT_GT(memory->resident_kib, 0u);
    EXPECT_GE(memory->peak_resident_kib, memory->resident_kib);
    ASSERT_TRUE(memory->proportional_kib) << "Linux has had smaps_rollup since 4.14";
    ASSERT_TRUE(memory->anonymous_kib);
    EXPECT_GT(*memory->proportional_kib, 0u);
    EXPECT_LE(*memory->proportional_kib, memory->resident_kib + 64) << "a share of what is resident";
    EXPECT_GT(*memory->anonymous_kib, 0u);
    EXPECT_LE(*memory->anonymous_kib, memory->resident_kib + 64);
    EXPECT_FALSE(process_memory(-1));
}

class Recorder final : public Logger {
public:
    void write(LogLevel, std::string_view, std::string_view message) override { lines.emplace_back(message); }
    std::vector<std::string> lines;
};

TEST(DigestWatch, NotesTheAlgorithmsAnsweredAndPassesEveryLineOn)
{
    EXPECT_EQ(answered_digest_algorithm("digest: answered realm \"cordon.test\" with SHA-256, qop auth"), "SHA-256");
    EXPECT_EQ(answered_digest_algorithm("digest: answered realm \"a \\\" with X, b\" with MD5, qop none"), "MD5");
    EXPECT_EQ(answered_digest_algorithm("digest: challenge 0 not used: SHA-256, unsupported"), "");
    EXPECT_EQ(answered_digest_algorithm("digest: answered realm \"cordon.test\" with SHA-256"), "")
        << "a line cut short names nothing";

    Recorder next;
    DigestWatch watch(next);
    watch.write(LogLevel::debug, "org.cordon.auth.digest", "digest: answered realm \"x\" with SHA-256, qop auth");
    watch.write(LogLevel::info, "host", "registered");
    watch.write(LogLevel::debug, "org.cordon.auth.digest", "digest: answered realm \"x\" with SHA-256, qop auth");
    EXPECT_EQ(watch.algorithms_answered(), std::set<std::string>{"SHA-256"});
    EXPECT_EQ(next.lines.size(), 3u);
}

MediaStats good_media()
{
    MediaStats media;
    media.codec = "opus";
    media.codec_isolation = "sandbox";
    media.encryption = "AES_CM_128_HMAC_SHA1_80";
    media.packets_sent = 300;
    media.packets_received = 299;
    return media;
}

DirectionQuality good_quality()
{
    DirectionQuality quality;
    quality.figures.correlation = 0.95;
    quality.windows.median_correlation = 0.98;
    quality.windows.matched_share = 1.0;
    quality.passed = true;
    return quality;
}

DemoReport good_report()
{
    DemoReport report;
    report.digest_algorithms = {"SHA-256"};
    for (DemoParty *party : {&report.alice, &report.bob}) {
        party->signalling = FlowInfo{{}, {}, "TLSv1.3", "TLS_AES_256_GCM_SHA384", ""};
        party->media = good_media();
    }
    report.alice.user = "alice";
    report.bob.user = "bob";
    report.sandbox = SandboxStats{};
    report.alice_to_bob = {"alice", "bob", good_quality(), {}};
    report.bob_to_alice = {"bob", "alice", good_quality(), {}};
    return report;
}

std::vector<std::string> failures_of(DemoReport report)
{
    append_failures(report);
    return report.failures;
}

bool mentions(const std::vector<std::string> &failures, const std::string &text)
{
    for (const auto &failure : failures) {
        if (failure.find(text) != std::string::npos) {
            return true;
        }
    }
    return false;
}

TEST(DemoChecks, AGoodCallPasses) { EXPECT_TRUE(failures_of(good_report()).empty()); }

TEST(DemoChecks, EachBrokenPromiseIsNamed)
{
    auto plain = good_report();
    plain.bob.media->encryption.clear();
    EXPECT_TRUE(mentions(failures_of(plain), "bob's media was not encrypted"));

    auto md5 = good_report();
    md5.digest_algorithms = {"MD5", "SHA-256"};
    EXPECT_TRUE(mentions(failures_of(md5), "not only SHA-256"));

    auto none_answered = good_report();
    none_answered.digest_algorithms.clear();
    EXPECT_TRUE(mentions(failures_of(none_answered), "not only SHA-256"));

    auto clear_signalling = good_report();
    clear_signalling.alice.signalling->protocol_version.clear();
    EXPECT_TRUE(mentions(failures_of(clear_signalling), "alice's signalling did not run over TLS"));

    auto in_process = good_report();
    in_process.alice.media->codec_isolation = "in-process";
    EXPECT_TRUE(mentions(failures_of(in_process), "not in the sandbox"));

    auto silent = good_report();
    silent.bob.media->packets_received = 0;
    EXPECT_TRUE(mentions(failures_of(silent), "no packets flowed from alice to bob"));

    auto lossy = good_report();
    lossy.alice.media->packets_received = 250;
    lossy.alice.media->packets_lost = 50;
    const auto lossy_failures = failures_of(lossy);
    EXPECT_TRUE(mentions(lossy_failures, "bob to alice: 250 of 300 packets arrived"));
    EXPECT_TRUE(mentions(lossy_failures, "50 packets lost"));

    auto forged = good_report();
    forged.alice.media->packets_unprotect_failed = 3;
    EXPECT_TRUE(mentions(failures_of(forged), "failed SRTP authentication"));

    auto restarted = good_report();
    restarted.sandbox->restarts = 1;
    EXPECT_TRUE(mentions(failures_of(restarted), "the sandbox failed during the call"));

    auto garbled = good_report();
    garbled.bob_to_alice.quality->windows.median_correlation = min_median_correlation - 0.01;
    garbled.bob_to_alice.quality->windows.matched_share = min_matched_share - 0.01;
    const auto garbled_failures = failures_of(garbled);
    EXPECT_TRUE(mentions(garbled_failures, "what alice heard of bob: median window correlation"));
    EXPECT_TRUE(mentions(garbled_failures, "of the speech matched"));

    auto unmeasured = good_report();
    unmeasured.alice_to_bob.quality.reset();
    unmeasured.alice_to_bob.quality_problem = "the reference is silent";
    EXPECT_TRUE(mentions(failures_of(unmeasured), "could not be measured: the reference is silent"));
}

} // namespace
} // namespace cordon::demo
