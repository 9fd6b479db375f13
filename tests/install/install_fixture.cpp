#include "install_fixture.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

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

// In the build tree, not /tmp: the installed built-in plugins are trusted
// only if no directory above them is writable by others (sticky or not).
fs::path tree_root() { return fs::path(CORDON_BUILD_DIR) / ("install-test-" + std::to_string(getpid())); }

InstalledTree make_installed_tree()
{
    InstalledTree tree;
    tree.root = tree_root();
    fs::remove_all(tree.root);
    fs::create_directories(tree.root);
    tree.prefix = tree.root / "prefix";
    tree.vendor_build = tree.root / "vendor-codec";
    tree.embed_build = tree.root / "embed";
    (void)(step(tree, CORDON_CMAKE_COMMAND, {"--install", CORDON_BUILD_DIR, "--prefix", tree.prefix.string()}) &&
           build_example(tree, "vendor-codec", tree.vendor_build) && build_example(tree, "embed", tree.embed_build));
    return tree;
}

// Leaves the tree in place for a look when a test failed.
class RemoveTreeWhenPassed : public testing::Environment {
public:
    void TearDown() override
    {
        if (testing::UnitTest::GetInstance()->Passed()) {
            std::error_code ignored;
            fs::remove_all(tree_root(), ignored);
        }
    }
};

const testing::Environment *const remove_tree = testing::AddGlobalTestEnvironment(new RemoveTreeWhenPassed);

} // namespace

const InstalledTree &installed_tree()
{
    static const InstalledTree tree = make_installed_tree();
    return tree;
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
