// A file in a trusted location loads in process only when it and every
// directory above it are owned by root or the running user and writable by
// neither group nor others (sshd's StrictModes); otherwise it is untrusted,
// and the reason names the path and the bit or owner at fault.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "cordon/host/plugins.hpp"
#include "tests/plugins/capturing_logger.hpp"
#include "tests/plugins/trust_scratch.hpp"

namespace cordon {
namespace {

namespace fs = std::filesystem;

constexpr uid_t nobody = 65534;

struct Loaded {
    test::CapturingLogger logger;
    std::unique_ptr<PluginRegistry> registry;

    const PluginRecord &only_record() const
    {
        EXPECT_EQ(registry->records().size(), 1u);
        return registry->records().front();
    }
};

std::unique_ptr<Loaded> load(const std::vector<fs::path> &directories, const std::vector<fs::path> &trusted)
{
    auto loaded = std::make_unique<Loaded>();
    loaded->registry = PluginRegistry::load({directories, trusted, {}, {}}, loaded->logger);
    return loaded;
}

bool mapped_here(const fs::path &file)
{
    std::ifstream maps("/proc/self/maps");
    std::string line;
    while (std::getline(maps, line)) {
        if (line.find(file.string()) != std::string::npos) {
            return true;
        }
    }
    return false;
}

bool contains(const std::string &text, const std::string &part) { return text.find(part) != std::string::npos; }

// The codec was not trusted, ran in the sandbox, and the reason, in the
// record and in one warning line, names the fault.
void expect_distrusted_codec(const Loaded &loaded, const fs::path &file, const std::string &fault)
{
    const PluginRecord &record = loaded.only_record();
    ASSERT_TRUE(record.loaded) << record.reason;
    EXPECT_FALSE(record.trusted);
    EXPECT_EQ(record.isolation, Isolation::sandbox);
    EXPECT_TRUE(contains(record.distrust_reason, fault)) << record.distrust_reason;
    EXPECT_FALSE(mapped_here(file));
    int warnings = 0;
    for (const auto &line : loaded.logger.lines()) {
        if (line.level == LogLevel::warning && contains(line.message, "not trusting plugin " + file.string())) {
            ++warnings;
            EXPECT_TRUE(contains(line.message, fault)) << line.message;
        }
    }
    EXPECT_EQ(warnings, 1);
}

TEST(TrustedLocation, LoadsInProcessWhenOnlyRootOrYouCanWriteEveryDirectory)
{
    test::TrustScratch scratch("trust-safe");
    const fs::path file = scratch.plugin("good", "plugins/good.so");

    auto loaded = load({file.parent_path()}, {file.parent_path()});
    const PluginRecord &record = loaded->only_record();
    ASSERT_TRUE(record.loaded) << record.reason;
    EXPECT_TRUE(record.trusted);
    EXPECT_EQ(record.isolation, Isolation::in_process);
    EXPECT_TRUE(record.distrust_reason.empty()) << record.distrust_reason;
}

TEST(TrustedLocation, DistrustsAGroupWritableTrustedDirectory)
{
    test::TrustScratch scratch("trust-group-dir");
    const fs::path file = scratch.plugin("good", "plugins/good.so");
    const fs::path directory = file.parent_path();
    fs::permissions(directory, fs::perms(0775));

    auto loaded = load({directory}, {directory});
    expect_distrusted_codec(*loaded, file, directory.string() + " is writable by group (mode 775)");
    EXPECT_TRUE(contains(loaded->only_record().distrust_reason, "chmod g-w " + directory.string()));
}

TEST(TrustedLocation, DistrustsAGroupWritableFile)
{
    test::TrustScratch scratch("trust-group-file");
    const fs::path file = scratch.plugin("good", "plugins/good.so");
    fs::permissions(file, fs::perms(0775));

    auto loaded = load({file.parent_path()}, {file.parent_path()});
    expect_distrusted_codec(*loaded, file, file.string() + " is writable by group (mode 775)");
}

TEST(TrustedLocation, DistrustsWhenADirectoryTwoLevelsUpIsGroupWritable)
{
    test::TrustScratch scratch("trust-group-above");
    const fs::path file = scratch.plugin("good", "vendor/lib/plugins/good.so");
    const fs::path two_up = scratch.root() / "vendor";
    fs::permissions(two_up, fs::perms(0775));

    auto loaded = load({file.parent_path()}, {file.parent_path()});
    expect_distrusted_codec(*loaded, file, two_up.string() + " is writable by group (mode 775)");
}

// /tmp's mode: the sticky bit keeps others from renaming what is there, not
// from adding to it, so it leads to no trusted code.
TEST(TrustedLocation, DistrustsWhenADirectoryTwoLevelsUpIsWritableByOthersEvenWithTheStickyBit)
{
    test::TrustScratch scratch("trust-sticky-above");
    const fs::path file = scratch.plugin("good", "shared/lib/plugins/good.so");
    const fs::path two_up = scratch.root() / "shared";
    fs::permissions(two_up, fs::perms(01777));

    auto loaded = load({file.parent_path()}, {file.parent_path()});
    expect_distrusted_codec(*loaded, file, two_up.string() + " is writable by group and others (mode 1777)");
}

TEST(TrustedLocation, DistrustsADirectoryOthersCanWrite)
{
    test::TrustScratch scratch("trust-others-dir");
    const fs::path file = scratch.plugin("good", "plugins/good.so");
    const fs::path directory = file.parent_path();
    fs::permissions(directory, fs::perms(0757));

    auto loaded = load({directory}, {directory});
    expect_distrusted_codec(*loaded, file, directory.string() + " is writable by others (mode 757)");
}

TEST(TrustedLocation, DistrustsADirectoryOwnedByAnotherUser)
{
    if (geteuid() != 0) {
        GTEST_SKIP() << "giving a directory to another user (nobody) needs root; the owner rule is also covered "
                        "by StrictModes.RefusesAnOwnerWhoIsNeitherRootNorYou";
    }
    test::TrustScratch scratch("trust-other-owner");
    const fs::path file = scratch.plugin("good", "plugins/good.so");
    const fs::path directory = file.parent_path();
    ASSERT_EQ(chown(directory.c_str(), nobody, nobody), 0);

    auto loaded = load({directory}, {directory});
    expect_distrusted_codec(*loaded, file, directory.string() + " is owned by uid 65534, neither root nor you");
}

TEST(TrustedLocation, RefusesAnUntrustedTransportAndSaysWhichBitWithdrewTrust)
{
    test::TrustScratch scratch("trust-transport");
    const fs::path file = scratch.plugin("transport_kind", "plugins/transport_kind.so");
    const fs::path directory = file.parent_path();
    fs::permissions(directory, fs::perms(0775));

    auto loaded = load({directory}, {directory});
    const PluginRecord &record = loaded->only_record();
    EXPECT_FALSE(record.loaded);
    EXPECT_FALSE(record.trusted);
    EXPECT_TRUE(contains(record.reason, "untrusted (" + directory.string() + " is writable by group (mode 775)"))
        << record.reason;
    EXPECT_TRUE(contains(record.reason, "not a codec plugin")) << record.reason;
    EXPECT_TRUE(loaded->registry->transports().empty());
}

// A link is a name anyone who can write its directory may re-point: it
// carries no trust into the directory it points to.
TEST(TrustedLocation, DoesNotFollowALinkFromAnUntrustedDirectoryIntoATrustedOne)
{
    test::TrustScratch scratch("trust-link-in");
    const fs::path target = scratch.plugin("good", "trusted/good.so");
    const fs::path vendor = scratch.directory("vendor");
    fs::create_symlink(target, vendor / "linked.so");

    auto loaded = load({vendor}, {target.parent_path()});
    const PluginRecord &record = loaded->only_record();
    ASSERT_TRUE(record.loaded) << record.reason;
    EXPECT_FALSE(record.trusted);
    EXPECT_EQ(record.isolation, Isolation::sandbox);
    EXPECT_FALSE(mapped_here(target));
}

TEST(TrustedLocation, DistrustsATrustedFileThatIsALink)
{
    test::TrustScratch scratch("trust-link-listed");
    const fs::path target = scratch.plugin("good", "elsewhere/good.so");
    const fs::path link = scratch.directory("plugins") / "linked.so";
    fs::create_symlink(target, link);

    auto loaded = load({link.parent_path()}, {link});
    expect_distrusted_codec(*loaded, link, link.string() + " is a symbolic link");
    EXPECT_FALSE(mapped_here(target));
}

} // namespace
} // namespace cordon
