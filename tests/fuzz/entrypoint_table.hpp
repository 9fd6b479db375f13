// fuzz/entrypoints.txt read and compared with what the repository has: the
// fuzz targets CMake builds, the fuzz/*_fuzzer.cpp sources, the seed corpora
// and the code of planned entry points. Kept apart from the test so that the
// comparison itself can be tested on made-up repositories.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace cordon::fuzz_table {

struct Row {
    size_t line = 0;
    std::string entrypoint;
    std::string target;
    std::string source;                      // empty when planned
    std::optional<std::string> planned_path; // where the code will live
};

struct Table {
    std::vector<Row> rows;
    std::vector<std::string> problems; // lines that are not three columns
};

Table parse_table(std::string_view text);

// What the repository holds, as the comparison needs it.
struct Repository {
    std::set<std::string> built_targets;  // cordon_add_fuzz_target names
    std::set<std::string> fuzzer_sources; // file names of fuzz/*_fuzzer.cpp
    std::set<std::string> seeded_targets; // corpus/<target>/ holds a file
    // True when any path starts with the prefix (relative to the root).
    std::function<bool(const std::string &prefix)> code_exists;
};

// One line per disagreement, each naming what to fix; empty when they agree.
std::vector<std::string> compare(const Table &table, const Repository &repository);

// The repository on disk under root, with the targets CMake built.
Repository read_repository(const std::string &root, const std::set<std::string> &built_targets);

} // namespace cordon::fuzz_table
