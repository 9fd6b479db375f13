// The probe's report lines are written by a process a plugin shares: the
// checker reads back exactly what the probe wrote, and nothing else.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "plugin_checker/probe_report.hpp"

namespace cordon::plugin_check {
namespace {

TEST(ProbeReport, AResultAndItsFiguresReadBackAsWritten)
{
    CheckResult result = result_of("conformance.capacities", Verdict::fail, "PCMU/8000, 1 ch, 20 ms: wrote\tpast\nit");
    result.figures.push_back({"configurations", 3, ""});
    result.figures.push_back({"lowest_snr", 37.25, "dB"});
    const std::string lines = result_lines(result);
    std::vector<ProbeLine> parsed;
    size_t start = 0;
    for (size_t end = lines.find('\n'); end != std::string::npos; start = end + 1, end = lines.find('\n', start)) {
        auto line = parse_probe_line(std::string_view(lines).substr(start, end - start));
        ASSERT_TRUE(line) << lines.substr(start, end - start);
        parsed.push_back(*line);
    }
    ASSERT_EQ(parsed.size(), 3u);
    EXPECT_EQ(parsed[0].kind, ProbeLine::Kind::result);
    EXPECT_EQ(parsed[0].verdict, Verdict::fail);
    EXPECT_EQ(parsed[0].text, "PCMU/8000, 1 ch, 20 ms: wrote past it"); // tab and newline flattened
    EXPECT_EQ(parsed[2].kind, ProbeLine::Kind::figure);
    EXPECT_EQ(parsed[2].text, "lowest_snr");
    EXPECT_DOUBLE_EQ(parsed[2].value, 37.25);
    EXPECT_EQ(parsed[2].unit, "dB");
    auto begin =
        parse_probe_line(begin_line("conformance.reset").substr(0, begin_line("conformance.reset").size() - 1));
    ASSERT_TRUE(begin);
    EXPECT_EQ(begin->kind, ProbeLine::Kind::begin);
    EXPECT_EQ(begin->check_name, "conformance.reset");
}

TEST(ProbeReport, AnythingElseIsRefused)
{
    const std::vector<std::string> refused = {"",
                                              "begin",
                                              "begin\t",
                                              "begin\tConformance.Reset",
                                              "begin\tconformance.reset\textra",
                                              "result\tconformance.reset\tpassed\tok",
                                              "result\tconformance.reset\tpass",
                                              "result\tconformance.reset\tpass\ta\x01"
                                              "b",
                                              "figure\tconformance.reset\tconfigurations\t3",
                                              "figure\tconformance.reset\tconfigurations\tnan\t",
                                              "figure\tconformance.reset\tconfigurations\t3x\t",
                                              "figure\tconformance.reset\tBad Name\t3\t",
                                              "verdict\tconformance.reset\tpass\tok",
                                              std::string("result\tconformance.reset\tpass\t") +
                                                  std::string(3000, 'a')};
    for (const std::string &line : refused) {
        EXPECT_FALSE(parse_probe_line(line)) << line;
    }
}

} // namespace
} // namespace cordon::plugin_check
