// What the commands that act as the settings' profile share: the session
// (settings, plugins, loop, agent, the signals and a deadline) and the
// printer of their events, one line each, or one JSON object per line.
#pragma once

#include <chrono>
#include <csignal>
#include <functional>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <nlohmann/json.hpp>

#include "cordon/host/plugins.hpp"
#include "cordon/host/user_agent.hpp"
#include "host/cli/cli_context.hpp"

namespace cordon::cli {

struct Printer {
    bool json = false;

    // "what key=value ..." or {"event": what, key: value, ...}.
    void event(const std::string &what, const nlohmann::json &details) const;
};

// One session of the CLI as a user agent: settings, plugins, loop, agent.
struct Session {
    boost::asio::io_context loop;
    std::unique_ptr<PluginRegistry> plugins;
    std::unique_ptr<UserAgent> agent;
    boost::asio::signal_set signals{loop, SIGINT, SIGTERM};
    boost::asio::steady_timer deadline{loop};

    // Reads the settings and creates the agent; a config error when the
    // settings are unreadable or name no profile.
    Result<void> start(CliContext &context);
    void stop_on_signal(std::function<void()> action);
    void stop_after(std::chrono::seconds delay, std::function<void()> action);
};

// What a registration status means to a command that registers, works, then
// un-registers. Statuses worth a line are printed; the command acts on
// `registered` (the first time), on a failure that will not be retried, and
// on the end of its un-registering.
enum class RegistrationStep { none, registered, failed, unregistered };
RegistrationStep registration_step(const RegistrationStatus &status, bool registered_before, bool unregistering,
                                   const Printer &printer);

// The exit code for a session that could not start.
int start_failure_exit_code(const Error &error);

} // namespace cordon::cli
