#include <gtest/gtest.h>

#include "plugin_checker/export_check.hpp"
#include "plugin_checker/symbol_reader.hpp"

namespace cordon::plugin_check {
namespace {

TEST(UnexpectedExports, LeaveOutTheEntryAndTheToolchainNames)
{
    const std::vector<std::string> symbols = {
        "cordon_plugin_entry", "_init",        "_fini", "__bss_start", "_edata", "_end", "vendor_helper",
        "_ZN6vendor5debugEv",  "vendor_helper"};
    EXPECT_EQ(unexpected_exports(symbols), (std::vector<std::string>{"_ZN6vendor5debugEv", "vendor_helper"}));
    EXPECT_TRUE(unexpected_exports({"cordon_plugin_entry"}).empty());
}

TEST(ExportsVerdict, PassesWithTheEntryAlone)
{
    const CheckResult result = exports_verdict(std::vector<std::string>{"cordon_plugin_entry", "_init"});
    EXPECT_EQ(result.verdict, Verdict::pass);
    EXPECT_FALSE(result.required);
}

TEST(ExportsVerdict, WarnsNamingTheExtrasAndCountingThePastTheList)
{
    std::vector<std::string> symbols = {"cordon_plugin_entry"};
    for (size_t i = 0; i < max_listed_exports + 3; ++i) {
        symbols.push_back("extra_" + std::to_string(100 + i));
    }
    const CheckResult result = exports_verdict(symbols);
    EXPECT_EQ(result.verdict, Verdict::warn);
    EXPECT_NE(result.reason.find("extra_100, extra_101"), std::string::npos) << result.reason;
    EXPECT_NE(result.reason.find("and 3 more"), std::string::npos) << result.reason;
    ASSERT_EQ(result.figures.size(), 1u);
    EXPECT_EQ(result.figures[0].value, static_cast<double>(max_listed_exports + 3));
}

TEST(ExportsVerdict, WarnsWhenNothingCanBeListed)
{
    EXPECT_EQ(exports_verdict(std::vector<std::string>{}).verdict, Verdict::warn);
    const CheckResult failed = exports_verdict(Error{ErrorCode::malformed_input, "reader crashed"});
    EXPECT_EQ(failed.verdict, Verdict::warn);
    EXPECT_NE(failed.reason.find("reader crashed"), std::string::npos);
}

TEST(SymbolList, DropsEmptyAndOverlongNames)
{
    const std::string overlong(max_symbol_name_bytes + 1, 'x');
    EXPECT_EQ(split_symbol_list("a\n\nb\n" + overlong + "\nc"), (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_TRUE(split_symbol_list("").empty());
}

TEST(SymbolReader, AFileThatIsNotElfIsAnErrorNotACrash)
{
    const auto symbols = read_defined_symbols("/proc/self/cmdline");
    EXPECT_FALSE(symbols);
}

} // namespace
} // namespace cordon::plugin_check
