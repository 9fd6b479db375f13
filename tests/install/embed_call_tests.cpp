// The embedding example's call, against a real Kamailio: cordon-embed, built
// against the installed package, registers as alice and calls bob, whom the
// installed `cordon answer` serves; it hangs up after a second.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <future>
#include <thread>

#include "tests/install/install_fixture.hpp"
#include "tests/integration/kamailio_fixture.hpp"

namespace cordon::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr auto registration_deadline = 15s;

bool contains(const std::string &text, const std::string &fragment) { return text.find(fragment) != std::string::npos; }

// A settings file reaching this Kamailio over TLS, trusting its CA.
fs::path settings_for(const Kamailio &kamailio, const std::string &user)
{
    const fs::path file = kamailio.runtime_directory() / (user + "-embed.toml");
    std::ofstream(file) << "[profile]\nidentity = \"sip:" << user << "@cordon.test\"\npassword = \"" << user
                        << "-password\"\ntransport = \"tls\"\noutbound_proxy = \"127.0.0.1:" << kamailio.ports().tls
                        << "\"\nlocal_address = \"127.0.0.1\"\n[tls]\nca_file = \"" << kamailio.ca_file().string()
                        << "\"\n";
    return file;
}

TEST(InstalledEmbedding, RegistersCallsAnAnsweringAgentAndHangsUp)
{
    const InstalledTree &tree = installed_tree();
    ASSERT_TRUE(tree.failure.empty()) << "setting up the install failed:\n" << tree.failure;
    auto started = Kamailio::start();
    ASSERT_TRUE(started.ok()) << started.error().message;
    const Kamailio &kamailio = *started.value();
    const fs::path alice = settings_for(kamailio, "alice");
    const fs::path bob = settings_for(kamailio, "bob");

    auto answering = std::async(std::launch::async, [&] {
        return run_process(tree.bin("cordon").string(),
                           {"--config", bob.string(), "answer", "--calls", "1", "--wait", "30"});
    });
    // Bob is reachable once a message to him is delivered: then call.
    ProcessResult message;
    const auto deadline = std::chrono::steady_clock::now() + registration_deadline;
    do {
        message = run_process(tree.bin("cordon").string(),
                              {"--config", alice.string(), "message", "sip:bob@cordon.test", "ready?"});
        if (message.exit_code != 0) {
            std::this_thread::sleep_for(200ms);
        }
    } while (message.exit_code != 0 && std::chrono::steady_clock::now() < deadline);
    ASSERT_EQ(message.exit_code, 0) << "bob never registered: " << message.out << message.err;

    const ProcessResult call =
        run_process((tree.embed_build / "cordon-embed").string(),
                    {"--settings", alice.string(), "--register", "sip:alice@cordon.test", "--password",
                     "alice-password", "--call", "sip:bob@cordon.test", "--seconds", "1"});
    EXPECT_EQ(call.exit_code, 0) << call.out << call.err;
    EXPECT_TRUE(contains(call.out, "registration: registered")) << call.out;
    EXPECT_TRUE(contains(call.out, "call: answered")) << call.out;
    EXPECT_TRUE(contains(call.out, "call: ended")) << call.out;
    EXPECT_TRUE(contains(call.out, "outcome: answered and hung up")) << call.out;
    const ProcessResult answered = answering.get();
    EXPECT_EQ(answered.exit_code, 0) << answered.out << answered.err;
}

} // namespace
} // namespace cordon::test
