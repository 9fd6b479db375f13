// The fixture starts, stops and fails cleanly: no Kamailio process outlives
// a test, even one that dies. Label: integration.
#include "tests/integration/kamailio_test_support.hpp"

#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <thread>

namespace cordon::test {
namespace {

bool group_gone(pid_t group, std::chrono::milliseconds within)
{
    const auto deadline = std::chrono::steady_clock::now() + within;
    // Members that ended as this process's children (it is a subreaper) stay
    // in the group as zombies until reaped.
    while (waitpid(-group, nullptr, WNOHANG) > 0) {
    }
    while (kill(-group, 0) == 0) {
        while (waitpid(-group, nullptr, WNOHANG) > 0) {
        }
        if (std::chrono::steady_clock::now() > deadline) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return errno == ESRCH;
}

TEST_F(KamailioFixtureTest, StopEndsEveryKamailioProcess)
{
    ASSERT_NO_FATAL_FAILURE(start());
    const pid_t group = kamailio_->process_group();
    ASSERT_GT(group, 0);
    ASSERT_EQ(kill(-group, 0), 0);

    kamailio_->stop();

    EXPECT_FALSE(kamailio_->running());
    EXPECT_TRUE(group_gone(group, std::chrono::milliseconds(0)));
}

TEST(KamailioFixtureDeathTest, KamailioDiesWithATestProcessThatDies)
{
    const auto group_file =
        std::filesystem::temp_directory_path() / ("cordon-kamailio-group-" + std::to_string(getpid()));
    // The child starts Kamailio, says which group it runs in, and ends
    // without any destructor: as a crash would.
    EXPECT_EXIT(
        {
            auto kamailio = Kamailio::start();
            if (!kamailio) {
                _exit(2);
            }
            std::ofstream(group_file) << (*kamailio)->process_group() << '\n'
                                      << (*kamailio)->runtime_directory().string() << '\n';
            _exit(3);
        },
        ::testing::ExitedWithCode(3), "");

    pid_t group = -1;
    std::string runtime_directory;
    std::ifstream(group_file) >> group >> runtime_directory;
    std::filesystem::remove(group_file);
    ASSERT_GT(group, 0);
    EXPECT_TRUE(group_gone(group, std::chrono::seconds(5))) << "Kamailio's group " << group << " outlived its test";
    std::error_code ignored;
    std::filesystem::remove_all(runtime_directory, ignored);
}

TEST(KamailioFixtureStartTest, MissingKamailioFailsNamingInstallDeps)
{
    KamailioOptions options;
    options.executable = "/nonexistent/sbin/kamailio";

    auto kamailio = Kamailio::start(options);

    ASSERT_FALSE(kamailio);
    EXPECT_NE(kamailio.error().message.find("scripts/install-deps.sh"), std::string::npos) << kamailio.error().message;
}

TEST(KamailioFixtureStartTest, ServerThatExitsAtOnceFailsTheStartAndKeepsItsFiles)
{
    KamailioOptions options;
    options.executable = "/bin/false";

    auto kamailio = Kamailio::start(options);

    ASSERT_FALSE(kamailio);
    const std::string &message = kamailio.error().message;
    EXPECT_NE(message.find("exited during start-up"), std::string::npos) << message;
    const std::string kept = "(files kept in ";
    const std::size_t at = message.find(kept);
    ASSERT_NE(at, std::string::npos) << message;
    const std::filesystem::path directory = message.substr(at + kept.size(), message.find(')', at) - at - kept.size());
    EXPECT_TRUE(std::filesystem::exists(directory / "kamailio.cfg")) << directory;
    std::error_code ignored;
    std::filesystem::remove_all(directory, ignored);
}

} // namespace
} // namespace cordon::test
