// What was checked is what gets loaded: the file is opened once, every
// directory on the way walked without following links, and the loader is
// given that open file, never the path again.
#include <unistd.h>

#include <filesystem>

#include <gtest/gtest.h>

#include "cordon/host/plugins.hpp"
#include "plugin_loading/loaded_plugin.hpp"
#include "plugin_loading/plugin_trust.hpp"
#include "plugin_loading/trusted_plugin_file.hpp"
#include "tests/plugins/capturing_logger.hpp"
#include "tests/plugins/trust_scratch.hpp"

namespace cordon {
namespace {

namespace fs = std::filesystem;

fs::path located(const fs::path &file)
{
    std::error_code error;
    const fs::path path = plugin_location(file, error);
    EXPECT_FALSE(error) << error.message();
    return path;
}

TEST(TrustedPluginFile, LoadsTheCheckedFileEvenIfAnotherIsRenamedOverItsPath)
{
    test::TrustScratch scratch("open-once-swap");
    const fs::path path = scratch.plugin("good", "plugins/plugin.so");
    const fs::path other = scratch.plugin("newer_minor", "plugins/other.so.part");

    auto checked = TrustedPluginFile::open(located(path));
    ASSERT_TRUE(checked) << checked.error().message;
    fs::rename(other, path); // the swap, after the check and before the load

    DescriptorFields fields;
    auto plugin = LoadedPlugin::open(std::move(checked.value()), fields);
    ASSERT_TRUE(plugin) << plugin.error().message;
    EXPECT_EQ(fields.id, "org.cordon.test.good");
}

TEST(TrustedPluginFile, StopsWhereADirectoryWasReplacedByALinkAfterThePathWasResolved)
{
    test::TrustScratch scratch("open-once-directory-swap");
    const fs::path path = scratch.plugin("good", "vendor/plugins/good.so");
    scratch.plugin("newer_minor", "elsewhere/plugins/good.so");
    const fs::path resolved = located(path);

    fs::rename(scratch.root() / "vendor", scratch.root() / "vendor.old");
    fs::create_symlink(scratch.root() / "elsewhere", scratch.root() / "vendor");

    auto checked = TrustedPluginFile::open(resolved);
    ASSERT_FALSE(checked);
    EXPECT_NE(checked.error().message.find((scratch.root() / "vendor").string() + " is no longer a directory"),
              std::string::npos)
        << checked.error().message;
}

TEST(TrustedPluginFile, RefusesALinkAsTheFileItself)
{
    test::TrustScratch scratch("open-once-link");
    const fs::path target = scratch.plugin("good", "plugins/good.so");
    const fs::path link = target.parent_path() / "linked.so";
    fs::create_symlink(target, link);

    auto checked = TrustedPluginFile::open(located(link));
    ASSERT_FALSE(checked);
    EXPECT_NE(checked.error().message.find(link.string() + " is a symbolic link"), std::string::npos)
        << checked.error().message;
}

// The loader knows a library by the name it was opened with
// (/proc/self/fd/N). One that stays mapped after unloading (linked
// -z nodelete) must not be handed back for a later file that got the same
// descriptor number.
TEST(TrustedPluginFile, ALibraryThatStaysMappedIsNotHandedBackForTheNextFile)
{
    test::TrustScratch scratch("open-once-nodelete");
    const fs::path sticky = scratch.plugin("nodelete", "plugins/nodelete.so");
    const fs::path good = scratch.plugin("good", "plugins/good.so");
    {
        DescriptorFields fields;
        auto first = LoadedPlugin::open(sticky, fields);
        ASSERT_TRUE(first) << first.error().message;
        ASSERT_EQ(fields.id, "org.cordon.test.nodelete");
    }
    DescriptorFields fields;
    auto second = LoadedPlugin::open(good, fields);
    ASSERT_TRUE(second) << second.error().message;
    EXPECT_EQ(fields.id, "org.cordon.test.good");
}

} // namespace
} // namespace cordon
