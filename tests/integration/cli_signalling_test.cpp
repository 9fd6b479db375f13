// `cordon register`, `message`, `answer` and `call` as users run them: real
// processes with settings files, against a real Kamailio over TLS.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/integration/kamailio_fixture.hpp"
#include "tests/support/process/spawned_process.hpp"

namespace cordon {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

class CliSignalling : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto started = test::Kamailio::start();
        ASSERT_TRUE(started.ok()) << started.error().message;
        kamailio_ = std::move(started.value());
        directory_ = kamailio_->runtime_directory() / "cli";
        fs::create_directories(directory_);
    }

    // A settings file for user, as `cordon config explain` documents it.
    std::string settings_for(const std::string &user, const std::string &password)
    {
        const fs::path file = directory_ / (user + ".toml");
        std::ofstream out(file);
        out << "[profile]\n"
            << "identity = \"sip:" << user << "@cordon.test\"\n"
            << "password = \"" << password << "\"\n"
            << "transport = \"tls\"\n"
            << "outbound_proxy = \"127.0.0.1:" << kamailio_->ports().tls << "\"\n"
            << "local_address = \"127.0.0.1\"\n"
            << "[tls]\n"
            << "ca_file = \"" << kamailio_->ca_file().string() << "\"\n";
        return file.string();
    }

    static std::vector<nlohmann::json> json_lines(const std::string &text)
    {
        std::vector<nlohmann::json> lines;
        std::istringstream in(text);
        for (std::string line; std::getline(in, line);) {
            lines.push_back(nlohmann::json::parse(line));
        }
        return lines;
    }

    static bool has_event(const std::vector<nlohmann::json> &lines, const std::string &event)
    {
        return std::any_of(lines.begin(), lines.end(), [&](const auto &line) { return line["event"] == event; });
    }

    std::unique_ptr<test::Kamailio> kamailio_;
    fs::path directory_;
};

TEST_F(CliSignalling, RegisterPrintsTheOutcomeAndFailsOnAWrongPassword)
{
    const auto good =
        test::run_process(CORDON_BINARY, {"--config", settings_for("alice", "alice-password"), "register", "--json"});
    ASSERT_EQ(good.exit_code, 0) << good.err;
    const auto outcome = nlohmann::json::parse(good.out);
    EXPECT_EQ(outcome["state"], "registered");
    EXPECT_EQ(outcome["identity"], "sip:alice@cordon.test");
    EXPECT_EQ(outcome["tls_version"].get<std::string>().rfind("TLSv1.", 0), 0u);

    const auto bad = test::run_process(CORDON_BINARY, {"--config", settings_for("alice", "wrong"), "register"});
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_NE(bad.out.find("failed"), std::string::npos) << bad.out;
    EXPECT_NE(bad.out.find("refused"), std::string::npos) << bad.out;
    EXPECT_EQ(bad.err.find("wrong"), std::string::npos) << "the password is never printed";
}

TEST_F(CliSignalling, AliceMessagesAndCallsBobWhoAnswers)
{
    const std::string bob = settings_for("bob", "bob-password");
    const std::string alice = settings_for("alice", "alice-password");
    auto answering = std::async(std::launch::async, [&] {
        return test::run_process(CORDON_BINARY, {"--config", bob, "answer", "--json", "--wait", "30"});
    });
    // A message is delivered once bob is registered: that is when to call.
    test::ProcessResult message;
    const auto deadline = std::chrono::steady_clock::now() + 15s;
    do {
        message = test::run_process(CORDON_BINARY,
                                    {"--config", alice, "message", "sip:bob@cordon.test", "are you there?", "--json"});
        if (message.exit_code != 0) {
            std::this_thread::sleep_for(200ms);
        }
    } while (message.exit_code != 0 && std::chrono::steady_clock::now() < deadline);
    ASSERT_EQ(message.exit_code, 0) << message.out << message.err;
    EXPECT_EQ(nlohmann::json::parse(message.out)["status"], 200);

    const auto call = test::run_process(
        CORDON_BINARY, {"--config", alice, "call", "sip:bob@cordon.test", "--duration", "1", "--hold", "--json"});
    ASSERT_EQ(call.exit_code, 0) << call.out << call.err;
    const auto caller = json_lines(call.out);
    EXPECT_TRUE(has_event(caller, "ringing"));
    EXPECT_TRUE(has_event(caller, "answered"));
    EXPECT_TRUE(has_event(caller, "held"));
    EXPECT_TRUE(has_event(caller, "resumed"));
    EXPECT_TRUE(has_event(caller, "ended"));

    const auto answered = answering.get();
    ASSERT_EQ(answered.exit_code, 0) << answered.out << answered.err;
    const auto callee = json_lines(answered.out);
    EXPECT_TRUE(has_event(callee, "registered"));
    EXPECT_TRUE(has_event(callee, "message"));
    EXPECT_TRUE(has_event(callee, "incoming"));
    EXPECT_TRUE(has_event(callee, "answered"));
    EXPECT_TRUE(has_event(callee, "ended"));
    EXPECT_TRUE(has_event(callee, "unregistered"));
}

} // namespace
} // namespace cordon
