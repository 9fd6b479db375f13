// `cordon presence publish` and `cordon presence watch` as users run them:
// real processes with settings files, against a real Kamailio over TLS, as
// the presence server of the domain and as a mere relay (where the watched
// client answers its watchers itself).
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <set>
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
using Lines = std::vector<nlohmann::json>;

// Long enough for the publisher to register and publish before the watcher
// subscribes, so the watcher's first NOTIFY already carries the status.
constexpr auto publisher_head_start = 1500ms;

const std::set<std::string> watching_counter_names = {
    "subscriptions_active", "subscriptions_refused", "notifies_received", "notifies_rejected", "updates_queued",
    "updates_queued_peak",  "updates_delivered",     "updates_coalesced", "updates_dropped",   "final"};
const std::set<std::string> watched_counter_names = {"watchers_active",
                                                     "watchers_denied",
                                                     "watchers_refused",
                                                     "notifies_sent",
                                                     "notifies_pending",
                                                     "notifies_coalesced",
                                                     "final"};

class CliPresence : public ::testing::Test {
protected:
    void start(bool presence_server)
    {
        test::KamailioOptions options;
        options.presence = presence_server;
        auto started = test::Kamailio::start(options);
        ASSERT_TRUE(started.ok()) << started.error().message;
        kamailio_ = std::move(started.value());
        directory_ = kamailio_->runtime_directory() / "cli";
        fs::create_directories(directory_);
    }

    std::string settings_for(const std::string &user, const std::string &extra = "")
    {
        const fs::path file = directory_ / (user + ".toml");
        std::ofstream out(file);
        out << "[profile]\n"
            << "identity = \"sip:" << user << "@cordon.test\"\n"
            << "password = \"" << user << "-password\"\n"
            << "transport = \"tls\"\n"
            << "outbound_proxy = \"127.0.0.1:" << kamailio_->ports().tls << "\"\n"
            << "local_address = \"127.0.0.1\"\n"
            << "[tls]\n"
            << "ca_file = \"" << kamailio_->ca_file().string() << "\"\n"
            << extra;
        return file.string();
    }

    std::future<test::ProcessResult> in_background(const std::vector<std::string> &arguments)
    {
        return std::async(std::launch::async, [arguments] { return test::run_process(CORDON_BINARY, arguments); });
    }

    static Lines json_lines(const std::string &text)
    {
        Lines lines;
        std::istringstream in(text);
        for (std::string line; std::getline(in, line);) {
            lines.push_back(nlohmann::json::parse(line));
        }
        return lines;
    }

    static Lines events(const Lines &lines, const std::string &event)
    {
        Lines found;
        std::copy_if(lines.begin(), lines.end(), std::back_inserter(found),
                     [&](const nlohmann::json &line) { return line["event"] == event; });
        return found;
    }

    // The counters line's names, without "event", and that each is a count.
    static std::set<std::string> counter_names(const nlohmann::json &counters)
    {
        std::set<std::string> names;
        for (const auto &[name, value] : counters.items()) {
            if (name == "event") {
                continue;
            }
            names.insert(name);
            EXPECT_TRUE(name == "final" ? value.is_boolean() : value.is_number_unsigned()) << name << " " << value;
        }
        return names;
    }

    static bool sees(const Lines &updates, const std::string &basic, const std::string &note)
    {
        return std::any_of(updates.begin(), updates.end(), [&](const nlohmann::json &update) {
            return update["contact"] == alice && update["state"] == "active" && update["basic"] == basic &&
                   update["note"] == note;
        });
    }

    static constexpr const char *alice = "sip:alice@cordon.test";
    std::unique_ptr<test::Kamailio> kamailio_;
    fs::path directory_;
};

TEST_F(CliPresence, AWatcherSeesThePublishedStatusAndCountersThatAddUp)
{
    start(true);
    auto publishing = in_background({"--config", settings_for("alice"), "presence", "publish", "--basic", "open",
                                     "--note", "in the lab", "--seconds", "8", "--json"});
    std::this_thread::sleep_for(publisher_head_start);
    const auto watched = test::run_process(
        CORDON_BINARY, {"--config", settings_for("bob"), "presence", "watch", alice, "--seconds", "5", "--json"});
    ASSERT_EQ(watched.exit_code, 0) << watched.out << watched.err;
    const Lines bob = json_lines(watched.out);
    EXPECT_EQ(bob.front()["event"], "registered");
    EXPECT_EQ(events(bob, "watching").size(), 1u);
    const Lines updates = events(bob, "update");
    EXPECT_TRUE(sees(updates, "open", "in the lab")) << watched.out;

    const Lines counters = events(bob, "counters");
    ASSERT_FALSE(counters.empty());
    const nlohmann::json &last = counters.back();
    EXPECT_TRUE(last["final"].get<bool>());
    EXPECT_GE(last["updates_delivered"].get<std::uint64_t>(), 1u);
    EXPECT_EQ(last["updates_delivered"].get<std::uint64_t>(), updates.size()) << "each update taken is printed";
    EXPECT_EQ(last["notifies_rejected"], 0);
    EXPECT_GE(last["notifies_received"].get<std::uint64_t>(), 1u);
    EXPECT_EQ(last["subscriptions_active"], 0) << "the watch ended its subscription";
    EXPECT_EQ(last["updates_queued"], 0) << "everything waiting was taken at the end";
    EXPECT_EQ(bob.back()["event"], "unregistered");

    const auto published = publishing.get();
    ASSERT_EQ(published.exit_code, 0) << published.out << published.err;
    const Lines alice_lines = json_lines(published.out);
    const Lines accepted = events(alice_lines, "published");
    ASSERT_EQ(accepted.size(), 1u) << published.out;
    EXPECT_EQ(accepted[0]["status"], 200);
    EXPECT_EQ(accepted[0]["note"], "in the lab");
    EXPECT_EQ(events(alice_lines, "withdrawn").size(), 1u) << published.out;
    EXPECT_EQ(alice_lines.back()["event"], "unregistered");
}

TEST_F(CliPresence, CountersHaveOneShapeInJsonPeriodicallyAndAtTheEnd)
{
    start(true);
    const auto published = test::run_process(
        CORDON_BINARY, {"--config", settings_for("alice"), "presence", "publish", "--basic", "closed", "--json"});
    ASSERT_EQ(published.exit_code, 0) << published.out << published.err;
    const Lines publisher_counters = events(json_lines(published.out), "counters");
    ASSERT_EQ(publisher_counters.size(), 1u) << published.out;
    EXPECT_EQ(counter_names(publisher_counters[0]), watched_counter_names);

    // A slow reader: one update every 300 ms, over more than one counters period.
    const auto watched =
        test::run_process(CORDON_BINARY, {"--config", settings_for("bob"), "presence", "watch", alice, "--seconds", "6",
                                          "--take", "1", "--every", "300", "--json"});
    ASSERT_EQ(watched.exit_code, 0) << watched.out << watched.err;
    const Lines counters = events(json_lines(watched.out), "counters");
    ASSERT_GE(counters.size(), 2u) << "one every 5 s, and the final one: " << watched.out;
    for (const nlohmann::json &line : counters) {
        EXPECT_EQ(counter_names(line), watching_counter_names) << line;
    }
    EXPECT_FALSE(counters.front()["final"].get<bool>());
    EXPECT_TRUE(counters.back()["final"].get<bool>());
    EXPECT_EQ(std::count_if(counters.begin(), counters.end(), [](const auto &line) { return line["final"] == true; }),
              1);
}

TEST_F(CliPresence, WithoutAPresenceServerTheWatchedClientAnswersTheWatchersItAllows)
{
    start(false);
    auto publishing =
        in_background({"--config", settings_for("alice", "[presence]\nwatchers = [\"sip:bob@cordon.test\"]\n"),
                       "presence", "publish", "--basic", "open", "--note", "direct", "--seconds", "8", "--json"});
    std::this_thread::sleep_for(publisher_head_start);
    const auto watched = test::run_process(
        CORDON_BINARY, {"--config", settings_for("bob"), "presence", "watch", alice, "--seconds", "4", "--json"});
    ASSERT_EQ(watched.exit_code, 0) << watched.out << watched.err;
    EXPECT_TRUE(sees(events(json_lines(watched.out), "update"), "open", "direct")) << watched.out;

    const auto published = publishing.get();
    const Lines alice_lines = json_lines(published.out);
    const Lines decisions = events(alice_lines, "watcher");
    ASSERT_EQ(decisions.size(), 1u) << published.out;
    EXPECT_EQ(decisions[0]["watcher"], "sip:bob@cordon.test");
    EXPECT_EQ(decisions[0]["decision"], "allowed");
    const Lines counters = events(alice_lines, "counters");
    ASSERT_EQ(counters.size(), 1u) << published.out;
    EXPECT_GE(counters[0]["notifies_sent"].get<std::uint64_t>(), 1u);
    EXPECT_EQ(counters[0]["watchers_denied"], 0);
    // The relayed PUBLISH reaches alice herself, who is no presence server.
    EXPECT_EQ(events(alice_lines, "not-published").size(), 1u) << published.out;
    EXPECT_EQ(published.exit_code, 1);
}

TEST_F(CliPresence, AWatcherNotAllowedIsDeniedAndTheWatchFails)
{
    start(false);
    auto publishing = in_background(
        {"--config", settings_for("alice"), "presence", "publish", "--basic", "open", "--seconds", "6", "--json"});
    std::this_thread::sleep_for(publisher_head_start);
    const auto watched = test::run_process(
        CORDON_BINARY, {"--config", settings_for("bob"), "presence", "watch", alice, "--seconds", "3", "--json"});
    EXPECT_EQ(watched.exit_code, 1) << watched.out << watched.err;
    const Lines updates = events(json_lines(watched.out), "update");
    ASSERT_FALSE(updates.empty()) << watched.out;
    EXPECT_EQ(updates.back()["state"], "terminated");
    EXPECT_EQ(updates.back()["reason"].get<std::string>().substr(0, 3), "403") << watched.out;
    EXPECT_FALSE(updates.back()["will_retry"].get<bool>());

    const Lines alice_lines = json_lines(publishing.get().out);
    const Lines decisions = events(alice_lines, "watcher");
    ASSERT_EQ(decisions.size(), 1u);
    EXPECT_EQ(decisions[0]["decision"], "denied");
    EXPECT_EQ(events(alice_lines, "counters").at(0)["watchers_denied"], 1);
}

} // namespace
} // namespace cordon
