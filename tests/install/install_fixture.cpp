#include "tests/install/install_fixture.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>

namespace cordon::test {

namespace fs = std::filesystem;

namespace {

std::string describe(const std::string &program, const std::vector<std::string> &arguments, const ProcessResult &result)
{
    std::string text = program;
    for (const std::string &argument : arguments) {
        text += ' ' + argument;
    }
    return text + "\n  exit " + std::to_string(result.exit_code) + "\n  stdout: " + result.out +
           "\n  stderr: " + result.err;
}

// Runs one step of the set-up; false (and tree.failure set) when it failed.
bool step(InstalledTree &tree, const std::string &program, const std::vector<std::string> &arguments)
{
    const ProcessResult result = run_process(program, arguments);
    if (result.exit_code != 0) {
        tree.failure = describe(program, arguments, result);
    }
    return result.exit_code == 0;
}

// Configures and builds one example against the prefix only, with the
// compilers (and sanitizer flags) of this build and warnings as errors.
bool build_example(InstalledTree &tree, const std::string &name, const fs::path &build)
{
    const std::string flags = std::string(CORDON_SANITIZE_FLAGS) + " -Werror";
    return step(tree, CORDON_CMAKE_COMMAND,
                {"-S", (fs::path(CORDON_SOURCE_DIR) / "examples" / name).string(), "-B", build.string(), "-G", "Ninja",
                 "-DCMAKE_BUILD_TYPE=RelWithDebInfo", "-DCMAKE_PREFIX_PATH=" + tree.prefix.string(),
                 "-DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF", std::string("-DCMAKE_C_COMPILER=") + CORDON_C_COMPILER,
                 std::string("-DCMAKE_CXX_COMPILER=") + CORDON_CXX_COMPILER, "-DCMAKE_C_FLAGS=" + flags,
                 "-DCMAKE_CXX_FLAGS=" + flags}) &&
           step(tree, CORDON_CMAKE_COMMAND, {"--build", build.string()});
}

// Under ctest the tree is made once, by the install_tree test (a CTest
// fixture), in the directory CORDON_INSTALL_TREE names, and the install
// tests share it: the install and the example builds are the slow part.
std::optional<fs::path> shared_tree_root()
{
    const char *root = std::getenv("CORDON_INSTALL_TREE");
    return root != nullptr && *root != '\0' ? std::optional<fs::path>(root) : std::nullopt;
}

// In the build tree, not /tmp: the installed built-in plugins are trusted
// only if no directory above them is writable by others (sticky or not).
fs::path tree_root()
{
    return shared_tree_root().value_or(fs::path(CORDON_BUILD_DIR) / ("install-test-" + std::to_string(getpid())));
}

// What the fixture left: "made", or the step that failed.
fs::path outcome_file(const fs::path &root) { return root / "outcome.txt"; }

InstalledTree tree_at(const fs::path &root)
{
    InstalledTree tree;
    tree.root = root;
    tree.prefix = tree.root / "prefix";
    tree.vendor_build = tree.root / "vendor-codec";
    tree.embed_build = tree.root / "embed";
    return tree;
}

InstalledTree make_installed_tree()
{
    InstalledTree tree = tree_at(tree_root());
    fs::remove_all(tree.root);
    fs::create_directories(tree.root);
    (void)(step(tree, CORDON_CMAKE_COMMAND, {"--install", CORDON_BUILD_DIR, "--prefix", tree.prefix.string()}) &&
           build_example(tree, "vendor-codec", tree.vendor_build) && build_example(tree, "embed", tree.embed_build));
    return tree;
}

// The tree the install_tree fixture made; its failure when it failed or
// never ran.
InstalledTree shared_tree(const fs::path &root)
{
    InstalledTree tree = tree_at(root);
    std::ifstream in(outcome_file(root));
    const std::string outcome{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (outcome.empty()) {
        tree.failure = "no install tree in " + root.string() + ": the install_tree test did not run";
    } else if (outcome != "made") {
        tree.failure = outcome;
    }
    return tree;
}

// Leaves the tree in place for a look when a test failed; a shared tree
// stays for the tests that share it (the fixture makes it afresh each run).
class RemoveTreeWhenPassed : public testing::Environment {
public:
    void TearDown() override
    {
        if (!shared_tree_root() && testing::UnitTest::GetInstance()->Passed()) {
            std::error_code ignored;
            fs::remove_all(tree_root(), ignored);
        }
    }
};

const testing::Environment *const remove_tree = testing::AddGlobalTestEnvironment(new RemoveTreeWhenPassed);

} // namespace

const InstalledTree &installed_tree()
{
    static const InstalledTree tree = shared_tree_root() ? shared_tree(*shared_tree_root()) : make_installed_tree();
    return tree;
}

// The install_tree fixture: makes the tree the install tests share and
// records how that went for them.
TEST(InstalledTreeFixture, MakesTheTreeTheInstallTestsShare)
{
    if (!shared_tree_root()) {
        GTEST_SKIP() << "only ctest shares a tree (CORDON_INSTALL_TREE); run alone, the tests make their own";
    }
    const InstalledTree tree = make_installed_tree();
    std::ofstream(outcome_file(tree.root)) << (tree.failure.empty() ? "made" : tree.failure);
    EXPECT_TRUE(tree.failure.empty()) << tree.failure;
}

ProcessResult run_tool(const std::string &program, const std::vector<std::string> &arguments,
                       const std::vector<std::string> &environment)
{
    ProcessResult result = run_process(program, arguments, environment);
    EXPECT_EQ(result.exit_code, 0) << describe(program, arguments, result);
    return result;
}

std::vector<std::string> words(const std::string &text)
{
    std::istringstream in(text);
    std::vector<std::string> found;
    for (std::string word; in >> word;) {
        found.push_back(word);
    }
    return found;
}

} // namespace cordon::test
