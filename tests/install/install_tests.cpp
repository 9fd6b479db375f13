// What `cmake --install` puts in place, and the two out-of-tree examples built
// against it: the vendor codec loads untrusted and runs in the sandbox, the
// embedding application finds the built-in plugins from the installed
// library, pkg-config describes both halves.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "tests/install/install_fixture.hpp"

namespace cordon::test {
namespace {

namespace fs = std::filesystem;

constexpr const char *host_soname = "libcordon-host.so.0";
constexpr double min_dvi4_snr_db = 15.0; // IMA ADPCM measures about 25 dB on the speech signal

bool contains(const std::string &text, const std::string &fragment) { return text.find(fragment) != std::string::npos; }

class Install : public testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(tree().failure.empty()) << "setting up the install failed:\n" << tree().failure;
    }
    static const InstalledTree &tree() { return installed_tree(); }
    static std::string pkg_config(const std::vector<std::string> &arguments)
    {
        return run_tool(CORDON_PKG_CONFIG, arguments, {"PKG_CONFIG_PATH=" + (tree().libdir() / "pkgconfig").string()})
            .out;
    }
};

// The dynamic symbols a file defines, demangled, one per line ("T name").
std::vector<std::string> exported_symbols(const fs::path &file)
{
    std::istringstream lines(run_tool(CORDON_NM, {"-D", "--defined-only", "-C", file.string()}).out);
    std::vector<std::string> symbols;
    for (std::string line; std::getline(lines, line);) {
        const auto type = line.find(' ');
        if (type != std::string::npos && line.compare(type + 1, 2, "A ") != 0) { // "A": a version node
            symbols.push_back(line.substr(type + 1));
        }
    }
    return symbols;
}

TEST_F(Install, EveryProgramAndBuiltInPluginIsInPlace)
{
    std::istringstream programs(CORDON_INSTALLED_PROGRAMS);
    for (std::string program; std::getline(programs, program, ',');) {
        EXPECT_EQ(access(tree().bin(program).c_str(), X_OK), 0) << program << " not installed in " << tree().bin("");
    }
    const fs::path built_plugins = fs::path(CORDON_BUILD_DIR) / CORDON_PLUGIN_SUBDIR;
    size_t plugins = 0;
    for (const auto &entry : fs::directory_iterator(built_plugins)) {
        if (entry.path().extension() == ".so") {
            ++plugins;
            EXPECT_TRUE(fs::is_regular_file(tree().plugin_dir() / entry.path().filename()))
                << entry.path().filename() << " not installed in " << tree().plugin_dir();
        }
    }
    EXPECT_GT(plugins, 0u);
}

TEST_F(Install, TheHostLibraryHasItsSonameAndExportsOnlyCordonAndTheAsioStateItShares)
{
    const fs::path library = tree().libdir() / "libcordon-host.so";
    ASSERT_TRUE(fs::is_symlink(library)) << "no development link " << library;
    EXPECT_EQ(fs::read_symlink(library), host_soname);
    const std::string dynamic = run_tool(CORDON_READELF, {"-d", library.string()}).out;
    EXPECT_TRUE(contains(dynamic, std::string("Library soname: [") + host_soname + "]")) << dynamic;

    const auto symbols = exported_symbols(library);
    EXPECT_GT(symbols.size(), 100u);
    for (const std::string &symbol : symbols) {
        const std::string name = symbol.substr(2);
        const bool cordon = name.rfind("cordon::", 0) == 0 || name.rfind("typeinfo for cordon::", 0) == 0 ||
                            name.rfind("typeinfo name for cordon::", 0) == 0 ||
                            name.rfind("vtable for cordon::", 0) == 0 || name.rfind("VTT for cordon::", 0) == 0;
        // Shared with the application on purpose (cordon-host.map says why).
        const bool boost_state = name.rfind("boost::asio::", 0) == 0 || name.rfind("boost::system::", 0) == 0;
        EXPECT_TRUE(cordon || boost_state) << "exported: " << symbol;
    }
}

TEST_F(Install, EveryPluginExportsOnlyItsEntry)
{
    std::vector<fs::path> plugins{tree().vendor_plugin()};
    for (const auto &entry : fs::directory_iterator(tree().plugin_dir())) {
        plugins.push_back(entry.path());
    }
    for (const fs::path &plugin : plugins) {
        EXPECT_EQ(exported_symbols(plugin), std::vector<std::string>{"T cordon_plugin_entry"}) << plugin;
    }
}

TEST_F(Install, EachPublicHeaderCompilesAloneAgainstTheInstalledTree)
{
    const fs::path include = tree().prefix / "include";
    const auto compile_alone = [&](const fs::path &header, const std::string &compiler, const std::string &language,
                                   const std::string &standard) {
        const fs::path unit = tree().root / ("alone-" + header.filename().string() + "." + language);
        std::ofstream(unit) << "#include <" << fs::relative(header, include).string() << ">\n";
        run_tool(compiler, {"-std=" + standard, "-fsyntax-only", "-Wall", "-Wextra", "-Werror", "-I", include.string(),
                            unit.string()});
    };
    size_t headers = 0;
    for (const auto &entry : fs::directory_iterator(include / "cordon" / "host")) {
        compile_alone(entry.path(), CORDON_CXX_COMPILER, "cpp", "c++20");
        ++headers;
    }
    for (const auto &entry : fs::directory_iterator(include / "cordon")) {
        if (entry.path().extension() == ".h") {
            compile_alone(entry.path(), CORDON_C_COMPILER, "c", "c11");
            ++headers;
        }
    }
    EXPECT_GT(headers, 10u);
}

TEST_F(Install, TheInstalledCliLoadsTheVendorCodecUntrustedInTheSandbox)
{
    const ProcessResult listed =
        run_tool(tree().bin("cordon").string(), {"plugins", "--json", "--plugin-dir", tree().vendor_build.string()});
    const auto records = nlohmann::json::parse(listed.out);
    ASSERT_EQ(records.size(), 1u) << listed.out;
    EXPECT_EQ(records[0]["id"], "com.example.dvi4");
    EXPECT_EQ(records[0]["status"], "loaded") << records[0]["reason"];
    EXPECT_EQ(records[0]["trusted"], false);
    EXPECT_EQ(records[0]["isolation"], "sandbox");
    EXPECT_EQ(records[0]["vendor"], "Example Vendor");
}

TEST_F(Install, TheInstalledCliRoundTripsSpeechThroughTheVendorCodecInTheSandbox)
{
    const fs::path input = tree().root / "speech.wav";
    const fs::path output = tree().root / "dvi4.wav";
    const fs::path settings = tree().root / "vendor.toml";
    std::ofstream(settings) << "[plugins]\ndirectories = [\"" << tree().vendor_build.string() << "\"]\n";
    run_tool(tree().bin("cordon").string(), {"audio", "speech", "--rate", "8000", "--seconds", "1", input.string()});
    const ProcessResult roundtrip =
        run_tool(tree().bin("cordon").string(), {"--config", settings.string(), "codec", "roundtrip", "--codec",
                                                 "com.example.dvi4", "--json", input.string(), output.string()});
    ASSERT_EQ(roundtrip.exit_code, 0);
    const auto report = nlohmann::json::parse(roundtrip.out);
    EXPECT_EQ(report["codec"], "com.example.dvi4");
    EXPECT_EQ(report["isolation"], "sandbox");
    EXPECT_EQ(report["max_packet_bytes"], 84); // 4 bytes of state, 160 samples of 4 bits
    EXPECT_GT(report["snr_db"].get<double>(), min_dvi4_snr_db);
}

// The vendor's validator, as the vendor runs it from the install: every
// required check passes, conformance and sandbox included. A short fuzz and a
// call deadline of 2 s keep it steady on a loaded machine (the default
// deadline's timing is the built-in tests' to judge).
TEST_F(Install, TheVendorCodecPassesCordonPluginCheck)
{
    const fs::path settings = tree().root / "check.toml";
    std::ofstream(settings) << "[sandbox]\ncall_deadline_ms = 2000\n";
    const ProcessResult checked =
        run_tool(tree().bin("cordon").string(), {"--config", settings.string(), "plugin", "check", "--json",
                                                 "--fuzz-seconds", "2", tree().vendor_plugin().string()});
    ASSERT_EQ(checked.exit_code, 0) << checked.out << checked.err;
    const auto report = nlohmann::json::parse(checked.out);
    EXPECT_TRUE(report["passed"].get<bool>());
    EXPECT_EQ(report["plugin"]["trusted"], false);
    std::vector<std::string> passed;
    for (const auto &result : report["results"]) {
        if (result["verdict"] == "pass") {
            passed.push_back(result["name"]);
        }
    }
    for (const char *name : {"loading.exports", "sandbox.compatibility", "conformance.capacities",
                             "conformance.malformed-packets", "conformance.quality", "robustness.decode"}) {
        EXPECT_NE(std::find(passed.begin(), passed.end(), name), passed.end()) << name << " did not pass:\n"
                                                                               << checked.out;
    }
}

TEST_F(Install, TheEmbeddingExampleFindsTheBuiltInsFromTheInstalledLibrary)
{
    const ProcessResult run =
        run_tool((tree().embed_build / "cordon-embed").string(), {"--plugin-dir", tree().vendor_build.string()});
    // The library located itself in <prefix>/lib, so the built-in plugins are <prefix>'s.
    EXPECT_TRUE(contains(run.out, "built-in plugins: " + tree().plugin_dir().string() + "\n")) << run.out;
    EXPECT_TRUE(contains(run.out, "loaded  org.cordon.codec.opus kind=codec isolation=in-process trusted=yes"))
        << run.out;
    EXPECT_TRUE(contains(run.out, "loaded  org.cordon.transport.tls kind=transport isolation=in-process trusted=yes"))
        << run.out;
    EXPECT_TRUE(contains(run.out, "loaded  com.example.dvi4 kind=codec isolation=sandbox trusted=no")) << run.out;
    EXPECT_FALSE(contains(run.out, "refused ")) << run.out;
    // And it runs the installed library, not one of the build tree.
    const std::string dynamic = run_tool(CORDON_READELF, {"-d", (tree().embed_build / "cordon-embed").string()}).out;
    EXPECT_TRUE(contains(dynamic, std::string("Shared library: [") + host_soname + "]")) << dynamic;
    EXPECT_TRUE(contains(dynamic, tree().libdir().string())) << dynamic;
}

TEST_F(Install, PkgConfigDescribesTheHostAndTheSdk)
{
    const auto host = words(pkg_config({"--cflags", "--libs", "cordon-host"}));
    ASSERT_EQ(host.size(), 3u);
    EXPECT_TRUE(fs::equivalent(host[0].substr(2), tree().prefix / "include")) << host[0];
    EXPECT_TRUE(fs::equivalent(host[1].substr(2), tree().libdir())) << host[1];
    EXPECT_EQ(host[2], "-lcordon-host");
    EXPECT_EQ(words(pkg_config({"--modversion", "cordon-plugin"})), std::vector<std::string>{CORDON_VERSION_TEXT});
}

TEST_F(Install, AOneFilePluginBuildsWithOnlyThePkgConfigFlags)
{
    // A vendor without CMake: the example's source, the SDK's flags, a plain link.
    std::vector<std::string> arguments = words(pkg_config({"--cflags", "cordon-plugin"}));
    const fs::path plugin = tree().root / "one-file" / "dvi4.so";
    fs::create_directories(plugin.parent_path());
    for (const std::string &argument :
         {std::string("-std=c11"), std::string("-shared"), std::string("-fPIC"), std::string("-fvisibility=hidden"),
          std::string("-Werror"), (fs::path(CORDON_SOURCE_DIR) / "examples/vendor-codec/dvi4.c").string(),
          std::string("-o"), plugin.string()}) {
        arguments.push_back(argument);
    }
    run_tool(CORDON_C_COMPILER, arguments);
    const ProcessResult listed =
        run_tool(tree().bin("cordon").string(), {"plugins", "--json", "--plugin-dir", plugin.parent_path().string()});
    const auto records = nlohmann::json::parse(listed.out);
    ASSERT_EQ(records.size(), 1u) << listed.out;
    EXPECT_EQ(records[0]["status"], "loaded") << records[0]["reason"];
    EXPECT_EQ(records[0]["isolation"], "sandbox");
}

} // namespace
} // namespace cordon::test
