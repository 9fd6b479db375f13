// The owner and mode rule on one status, every case a bit or owner decides.
#include <gtest/gtest.h>

#include "plugin_loading/strict_modes.hpp"

namespace cordon {
namespace {

constexpr uid_t you = 1000;

struct stat status_of(mode_t mode, uid_t owner)
{
    struct stat status {};
    status.st_mode = mode;
    status.st_uid = owner;
    return status;
}

std::string violation(mode_t mode, uid_t owner)
{
    return strict_modes_violation("/opt/plugins", status_of(mode, owner), you).value_or("");
}

TEST(StrictModes, AcceptsWhatOnlyRootOrYouCanWrite)
{
    EXPECT_EQ(violation(S_IFDIR | 0755, 0), "");
    EXPECT_EQ(violation(S_IFDIR | 0700, you), "");
    EXPECT_EQ(violation(S_IFREG | 0644, you), "");
}

TEST(StrictModes, RefusesAnOwnerWhoIsNeitherRootNorYou)
{
    EXPECT_EQ(
        violation(S_IFDIR | 0755, 1234).rfind("/opt/plugins is owned by uid 1234, neither root nor you (uid 1000)", 0),
        0u);
}

TEST(StrictModes, RefusesGroupWriteAndSaysHowToFixIt)
{
    const std::string text = violation(S_IFDIR | 0775, you);
    EXPECT_EQ(text.rfind("/opt/plugins is writable by group (mode 775)", 0), 0u) << text;
    EXPECT_NE(text.find("chmod g-w /opt/plugins"), std::string::npos) << text;
}

TEST(StrictModes, RefusesWriteByOthers)
{
    const std::string text = violation(S_IFREG | 0646, 0);
    EXPECT_EQ(text.rfind("/opt/plugins is writable by others (mode 646)", 0), 0u) << text;
    EXPECT_NE(text.find("chmod o-w /opt/plugins"), std::string::npos) << text;
}

TEST(StrictModes, RefusesAStickyDirectoryOthersCanWrite)
{
    const std::string text = violation(S_IFDIR | 01777, 0);
    EXPECT_EQ(text.rfind("/opt/plugins is writable by group and others (mode 1777)", 0), 0u) << text;
    EXPECT_NE(text.find("like /tmp"), std::string::npos) << text;
}

} // namespace
} // namespace cordon
