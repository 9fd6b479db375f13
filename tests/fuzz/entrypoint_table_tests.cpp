// Every entry point that takes outside input has a fuzz target, and every
// fuzz target covers an entry point of fuzz/entrypoints.txt. The first test
// checks the real repository; the others show that the comparison catches
// each kind of disagreement.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <sstream>

#include "tests/fuzz/entrypoint_table.hpp"

namespace cordon::fuzz_table {
namespace {

std::set<std::string> built_targets()
{
    std::set<std::string> targets;
    std::istringstream list(CORDON_FUZZ_TARGETS); // "a,b,c", from tests/fuzz/CMakeLists.txt
    for (std::string target; std::getline(list, target, ',');) {
        targets.insert(target);
    }
    return targets;
}

std::string join(const std::vector<std::string> &lines)
{
    std::string text;
    for (const std::string &line : lines) {
        text += line + "\n";
    }
    return text;
}

TEST(FuzzEntrypoints, TableMatchesTheTargetsBuilt)
{
    std::ifstream file(std::string(CORDON_SOURCE_DIR) + "/fuzz/entrypoints.txt");
    ASSERT_TRUE(file) << "cannot read fuzz/entrypoints.txt";
    const std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    const Table table = parse_table(text);
    ASSERT_FALSE(table.rows.empty());
    ASSERT_FALSE(built_targets().empty());
    const auto problems = compare(table, read_repository(CORDON_SOURCE_DIR, built_targets()));
    EXPECT_TRUE(problems.empty()) << join(problems);
}

// A made-up repository in which everything agrees with table_text below.
Repository agreeing_repository()
{
    Repository repository;
    repository.built_targets = {"settings", "codec_decode_opus"};
    repository.fuzzer_sources = {"settings_fuzzer.cpp", "codec_decode_fuzzer.cpp"};
    repository.seeded_targets = {"settings", "codec_decode_opus"};
    repository.code_exists = [](const std::string &) { return false; };
    return repository;
}

constexpr const char *table_text = "# comment\n"
                                   "parse_settings  settings           settings_fuzzer.cpp\n"
                                   "\n"
                                   "opus:decode     codec_decode_opus  codec_decode_fuzzer.cpp  # shared source\n"
                                   "opus:create     codec_decode_opus  codec_decode_fuzzer.cpp\n"
                                   "sip:message     sip_message        planned:host/src/sip\n";

std::vector<std::string> problems_with(const Repository &repository, const std::string &text = table_text)
{
    return compare(parse_table(text), repository);
}

bool mentions(const std::vector<std::string> &problems, const std::string &words)
{
    for (const std::string &problem : problems) {
        if (problem.find(words) != std::string::npos) {
            return true;
        }
    }
    return false;
}

TEST(FuzzEntrypoints, AgreeingRepositoryHasNoProblem)
{
    const auto problems = problems_with(agreeing_repository());
    EXPECT_TRUE(problems.empty()) << join(problems);
}

TEST(FuzzEntrypoints, EntrypointWithoutTargetIsReported)
{
    Repository repository = agreeing_repository();
    repository.built_targets.erase("settings");
    const auto problems = problems_with(repository);
    EXPECT_TRUE(mentions(problems, "parse_settings has no fuzz target")) << join(problems);
}

TEST(FuzzEntrypoints, TargetNotInTableIsReported)
{
    Repository repository = agreeing_repository();
    repository.built_targets.insert("sdp_parser");
    const auto problems = problems_with(repository);
    EXPECT_TRUE(mentions(problems, "fuzz target sdp_parser covers no entry point")) << join(problems);
}

TEST(FuzzEntrypoints, FuzzerSourceInNoRowIsReported)
{
    Repository repository = agreeing_repository();
    repository.fuzzer_sources.insert("sdp_fuzzer.cpp");
    const auto problems = problems_with(repository);
    EXPECT_TRUE(mentions(problems, "fuzz/sdp_fuzzer.cpp is the source of no row")) << join(problems);
}

TEST(FuzzEntrypoints, MissingSourceAndSeedsAreReported)
{
    Repository repository = agreeing_repository();
    repository.fuzzer_sources.erase("settings_fuzzer.cpp");
    repository.seeded_targets.erase("settings");
    const auto problems = problems_with(repository);
    EXPECT_TRUE(mentions(problems, "fuzz/settings_fuzzer.cpp does not exist")) << join(problems);
    EXPECT_TRUE(mentions(problems, "corpus/settings/ holds no seed")) << join(problems);
}

TEST(FuzzEntrypoints, PlannedEntrypointWhoseCodeExistsIsReported)
{
    Repository repository = agreeing_repository();
    repository.code_exists = [](const std::string &prefix) { return prefix == "host/src/sip"; };
    const auto problems = problems_with(repository);
    EXPECT_TRUE(mentions(problems, "code for sip:message exists under host/src/sip")) << join(problems);
}

TEST(FuzzEntrypoints, PlannedEntrypointWhoseTargetIsBuiltIsReported)
{
    Repository repository = agreeing_repository();
    repository.built_targets.insert("sip_message");
    const auto problems = problems_with(repository);
    EXPECT_TRUE(mentions(problems, "target sip_message is built")) << join(problems);
}

TEST(FuzzEntrypoints, MalformedAndDuplicateRowsAreReported)
{
    const auto problems =
        problems_with(agreeing_repository(), std::string(table_text) + "lonely_entrypoint settings\n"
                                                                       "parse_settings settings settings_fuzzer.cpp\n");
    EXPECT_TRUE(mentions(problems, ":7: expected three columns")) << join(problems);
    EXPECT_TRUE(mentions(problems, "parse_settings is listed twice")) << join(problems);
}

} // namespace
} // namespace cordon::fuzz_table
