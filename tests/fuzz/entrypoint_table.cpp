#include "tests/fuzz/entrypoint_table.hpp"

#include <filesystem>
#include <map>
#include <sstream>

namespace cordon::fuzz_table {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view planned_prefix = "planned:";
constexpr std::string_view fuzzer_suffix = "_fuzzer.cpp";

std::string at_line(const Row &row) { return "fuzz/entrypoints.txt:" + std::to_string(row.line) + ": "; }

} // namespace

Table parse_table(std::string_view text)
{
    Table table;
    std::istringstream lines{std::string(text)};
    std::string line;
    for (size_t number = 1; std::getline(lines, line); ++number) {
        line = line.substr(0, line.find('#'));
        std::istringstream columns(line);
        std::vector<std::string> words;
        for (std::string word; columns >> word;) {
            words.push_back(word);
        }
        if (words.empty()) {
            continue;
        }
        if (words.size() != 3) {
            table.problems.push_back("fuzz/entrypoints.txt:" + std::to_string(number) +
                                     ": expected three columns: entry point, target, source or planned:<path>");
            continue;
        }
        Row row{number, words[0], words[1], words[2], std::nullopt};
        if (row.source.starts_with(planned_prefix)) {
            row.planned_path = row.source.substr(planned_prefix.size());
            row.source.clear();
        }
        table.rows.push_back(std::move(row));
    }
    return table;
}

std::vector<std::string> compare(const Table &table, const Repository &repository)
{
    std::vector<std::string> problems = table.problems;
    std::set<std::string> covered_targets;
    std::set<std::string> used_sources;
    std::map<std::string, size_t> first_line;
    for (const Row &row : table.rows) {
        if (const auto [seen, fresh] = first_line.emplace(row.entrypoint, row.line); !fresh) {
            problems.push_back(at_line(row) + row.entrypoint + " is listed twice (first on line " +
                               std::to_string(seen->second) + ")");
        }
        const bool built = repository.built_targets.contains(row.target);
        if (row.planned_path) {
            if (built) {
                problems.push_back(at_line(row) + "target " + row.target +
                                   " is built: replace planned:" + *row.planned_path + " with its source");
            } else if (repository.code_exists(*row.planned_path)) {
                problems.push_back(at_line(row) + "code for " + row.entrypoint + " exists under " + *row.planned_path +
                                   " but has no fuzz target: add " + row.target);
            }
            continue;
        }
        covered_targets.insert(row.target);
        used_sources.insert(row.source);
        if (!built) {
            problems.push_back(at_line(row) + row.entrypoint + " has no fuzz target: " + row.target +
                               " is not built by fuzz/CMakeLists.txt");
        }
        if (!repository.fuzzer_sources.contains(row.source)) {
            problems.push_back(at_line(row) + "fuzz/" + row.source + " does not exist");
        }
        if (!repository.seeded_targets.contains(row.target)) {
            problems.push_back(at_line(row) + "corpus/" + row.target + "/ holds no seed");
        }
    }
    for (const std::string &target : repository.built_targets) {
        if (!covered_targets.contains(target)) {
            problems.push_back("fuzz target " + target + " covers no entry point in fuzz/entrypoints.txt");
        }
    }
    for (const std::string &source : repository.fuzzer_sources) {
        if (!used_sources.contains(source)) {
            problems.push_back("fuzz/" + source + " is the source of no row in fuzz/entrypoints.txt");
        }
    }
    return problems;
}

Repository read_repository(const std::string &root, const std::set<std::string> &built_targets)
{
    Repository repository;
    repository.built_targets = built_targets;
    for (const auto &entry : fs::directory_iterator(fs::path(root) / "fuzz")) {
        const std::string name = entry.path().filename().string();
        if (entry.is_regular_file() && name.ends_with(fuzzer_suffix)) {
            repository.fuzzer_sources.insert(name);
        }
    }
    for (const auto &entry : fs::directory_iterator(fs::path(root) / "corpus")) {
        if (entry.is_directory() && !fs::is_empty(entry.path())) {
            repository.seeded_targets.insert(entry.path().filename().string());
        }
    }
    repository.code_exists = [root](const std::string &prefix) {
        const fs::path wanted = fs::path(root) / prefix;
        std::error_code ignored;
        if (!fs::is_directory(wanted.parent_path(), ignored)) {
            return false;
        }
        // A prefix: "host/src/media/rtp" matches rtp/, rtp_packet.cpp, ...
        for (const auto &entry : fs::directory_iterator(wanted.parent_path(), ignored)) {
            if (entry.path().filename().string().starts_with(wanted.filename().string())) {
                return true;
            }
        }
        return false;
    };
    return repository;
}

} // namespace cordon::fuzz_table
