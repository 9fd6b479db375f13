// The checker's reader of untrusted files (run_confined, under which
// Boost.DLL reads a plugin's symbols) is confined as the sandbox is: it
// reads the one file it was given and nothing beside it, has none of the
// checker's descriptors, and a socket or a file written kills it (SIGSYS).
// Each job stands in for a hostile ELF that took over the reader.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <string>
#include <string_view>

#include "plugin_checker/symbol_reader.hpp"

namespace cordon::plugin_check {
namespace {

// A file the reader is given, and one beside it that it is not.
const std::filesystem::path given_plugin = std::filesystem::path(CORDON_BUILTIN_PLUGIN_DIR) / "cordon-codec-g711.so";
const std::filesystem::path plugin_beside = std::filesystem::path(CORDON_BUILTIN_PLUGIN_DIR) / "cordon-codec-opus.so";

void say(int fd, std::string_view text) { [[maybe_unused]] const ssize_t n = write(fd, text.data(), text.size()); }

// "opened" or "refused <errno>", from inside the reader.
int try_to_open(const char *path, int fd)
{
    const int opened = open(path, O_RDONLY | O_CLOEXEC);
    say(fd, opened >= 0 ? "opened" : "refused " + std::to_string(errno));
    return 0;
}

ConfinedRun confined(const ConfinedJob &job)
{
    auto run = run_confined(given_plugin, job);
    EXPECT_TRUE(run) << run.error().message;
    return run ? *run : ConfinedRun{};
}

bool killed_by_sigsys(const ConfinedRun &run)
{
    return WIFSIGNALED(run.wait_status) && WTERMSIG(run.wait_status) == SIGSYS;
}

TEST(ConfinedReader, ReadsTheFileItWasGiven)
{
    const ConfinedRun run = confined([](const std::filesystem::path &file, int fd) {
        char magic[4] = {};
        const int opened = open(file.c_str(), O_RDONLY | O_CLOEXEC);
        say(fd, opened >= 0 && read(opened, magic, sizeof magic) == 4 ? std::string_view(magic, 4) : "unread");
        return 0;
    });
    EXPECT_TRUE(run.within_limits);
    EXPECT_EQ(run.output, "\x7f"
                          "ELF");
}

TEST(ConfinedReader, ReadsNothingBesideIt)
{
    const std::string beside = plugin_beside.string();
    EXPECT_EQ(confined([&](const std::filesystem::path &, int fd) { return try_to_open(beside.c_str(), fd); }).output,
              "refused " + std::to_string(EACCES));
    EXPECT_EQ(confined([](const std::filesystem::path &, int fd) { return try_to_open("/etc/passwd", fd); }).output,
              "refused " + std::to_string(EACCES));
}

TEST(ConfinedReader, HasNoneOfTheCheckersDescriptors)
{
    const int checkers = open("/dev/null", O_RDONLY); // inherited by a plain fork
    ASSERT_GE(checkers, 0);
    const ConfinedRun run = confined([checkers](const std::filesystem::path &, int fd) {
        char byte = 0;
        say(fd, read(checkers, &byte, 1) < 0 && errno == EBADF ? "closed" : "open");
        return 0;
    });
    close(checkers);
    EXPECT_EQ(run.output, "closed");
}

TEST(ConfinedReader, ASocketKillsIt)
{
    const ConfinedRun run = confined([](const std::filesystem::path &, int fd) {
        const int made = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        say(fd, made >= 0 ? "socket" : "no socket");
        return 0;
    });
    EXPECT_TRUE(killed_by_sigsys(run)) << "status " << run.wait_status << ", said: " << run.output;
    EXPECT_EQ(run.output, "");
}

TEST(ConfinedReader, WritingAFileKillsIt)
{
    const std::string target = (std::filesystem::temp_directory_path() / "cordon-confined-reader-wrote").string();
    std::filesystem::remove(target);
    const ConfinedRun run = confined([&](const std::filesystem::path &, int fd) {
        const int made = open(target.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
        say(fd, made >= 0 ? "wrote" : "not written");
        return 0;
    });
    EXPECT_TRUE(killed_by_sigsys(run)) << "status " << run.wait_status << ", said: " << run.output;
    EXPECT_FALSE(std::filesystem::exists(target));
}

} // namespace
} // namespace cordon::plugin_check
