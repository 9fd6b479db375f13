// Where the host finds its built-in plugins and cordon-sandbox, from the file
// that holds its code (install_layout.hpp), for every shape of install.
#include <gtest/gtest.h>

#include "cordon/host/plugins.hpp"
#include "plugin_loading/host_module.hpp"
#include "plugin_loading/install_layout.hpp"

namespace cordon {
namespace {

const InstallDirs plain{"bin", "lib", "lib/cordon/plugins"};
const InstallDirs multiarch{"bin", "lib/x86_64-linux-gnu", "lib/x86_64-linux-gnu/cordon/plugins"};

TEST(InstallLayout, TheCliInAPrefixFindsPluginsAndSandboxBesideItsBin)
{
    const HostLocations found = host_locations("/opt/cordon/bin/cordon", HostModuleKind::executable, plain);
    EXPECT_EQ(found.plugin_directory, "/opt/cordon/lib/cordon/plugins");
    EXPECT_EQ(found.sandbox_executable, "/opt/cordon/bin/cordon-sandbox");
}

TEST(InstallLayout, TheSharedLibraryFindsThePrefixAboveItsLibdir)
{
    const HostLocations found =
        host_locations("/home/me/sdk/lib/libcordon-host.so.0", HostModuleKind::shared_library, plain);
    EXPECT_EQ(found.plugin_directory, "/home/me/sdk/lib/cordon/plugins");
    EXPECT_EQ(found.sandbox_executable, "/home/me/sdk/bin/cordon-sandbox");
}

TEST(InstallLayout, AMultiarchLibdirIsClimbedOneLevelPerComponent)
{
    const HostLocations found =
        host_locations("/usr/lib/x86_64-linux-gnu/libcordon-host.so.0", HostModuleKind::shared_library, multiarch);
    EXPECT_EQ(found.plugin_directory, "/usr/lib/x86_64-linux-gnu/cordon/plugins");
    EXPECT_EQ(found.sandbox_executable, "/usr/bin/cordon-sandbox");
    // The executable's side of the same install is unchanged by the libdir's depth.
    EXPECT_EQ(host_locations("/usr/bin/cordon", HostModuleKind::executable, multiarch).plugin_directory,
              "/usr/lib/x86_64-linux-gnu/cordon/plugins");
}

TEST(InstallLayout, DotsInTheModulePathAreResolvedLexically)
{
    const HostLocations found = host_locations("/srv/build/./sub/../bin/cordon", HostModuleKind::executable, plain);
    EXPECT_EQ(found.plugin_directory, "/srv/build/lib/cordon/plugins");
    EXPECT_EQ(found.sandbox_executable, "/srv/build/bin/cordon-sandbox");
}

TEST(InstallLayout, AnUnknownModuleGivesNoLocations)
{
    const HostLocations found = host_locations({}, HostModuleKind::shared_library, plain);
    EXPECT_TRUE(found.plugin_directory.empty());
    EXPECT_TRUE(found.sandbox_executable.empty());
}

TEST(InstallLayout, ThisTestLinksTheHostStaticallySoTheModuleIsItsExecutable)
{
    const HostModule module = current_host_module();
    EXPECT_EQ(module.kind, HostModuleKind::executable);
    EXPECT_EQ(module.path.filename(), "plugin_tests");
    // The test binary sits in bin/ of the build tree, next to cordon-sandbox.
    EXPECT_EQ(builtin_sandbox_executable(), module.path.parent_path() / "cordon-sandbox");
    EXPECT_TRUE(std::filesystem::is_directory(builtin_plugin_directory())) << builtin_plugin_directory();
}

} // namespace
} // namespace cordon
