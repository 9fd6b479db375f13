// Cordon installed into a temporary prefix, with the two out-of-tree examples
// configured and built against that prefix alone. Made once per test run
// (under ctest, once for all the install tests: the install_tree fixture);
// a step that fails is kept as the reason every test reports.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/process/spawned_process.hpp"

namespace cordon::test {

struct InstalledTree {
    std::filesystem::path root;         // everything below is removed when every test passed (unless shared)
    std::filesystem::path prefix;       // what `cmake --install --prefix` was given
    std::filesystem::path vendor_build; // examples/vendor-codec's build: com.example-dvi4.so
    std::filesystem::path embed_build;  // examples/embed's build: cordon-embed
    std::string failure;                // the first step that failed, with its output; empty when all worked

    std::filesystem::path bin(const std::string &program) const { return prefix / "bin" / program; }
    std::filesystem::path libdir() const { return prefix / CORDON_INSTALL_LIBDIR; }
    std::filesystem::path plugin_dir() const { return prefix / CORDON_PLUGIN_SUBDIR; }
    std::filesystem::path vendor_plugin() const { return vendor_build / "com.example-dvi4.so"; }
};

const InstalledTree &installed_tree();

// A tool's output, or a failure naming the command when it exits non-zero.
ProcessResult run_tool(const std::string &program, const std::vector<std::string> &arguments,
                       const std::vector<std::string> &environment = {});

// The words of a command's output (pkg-config flags), split at white space.
std::vector<std::string> words(const std::string &text);

} // namespace cordon::test
