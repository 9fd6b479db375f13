// `cordon register [--stay] [--timeout S] [--json]`: registers the profile
// from the settings, prints the outcome, and un-registers before it exits
// (with --stay, it keeps the registration refreshed until interrupted).
#include <csignal>
#include <iostream>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <nlohmann/json.hpp>

#include "cordon/host/plugins.hpp"
#include "cordon/host/user_agent.hpp"
#include "host/cli/commands.hpp"

namespace cordon::cli {
namespace {

struct RegisterOptions {
    bool stay = false;
    bool json = false;
    int timeout_s = 40; // Timer F (32 s) plus one authentication round
};

nlohmann::json to_json(const RegistrationStatus &status, const std::optional<FlowInfo> &flow,
                       const std::string &identity)
{
    nlohmann::json out{{"identity", identity},
                       {"state", to_string(status.state)},
                       {"status_code", status.status_code},
                       {"reason", status.reason},
                       {"expires_s", status.expires_s}};
    if (flow) {
        out["local"] = flow->local.address + ":" + std::to_string(flow->local.port);
        out["remote"] = flow->remote.address + ":" + std::to_string(flow->remote.port);
        out["tls_version"] = flow->protocol_version;
        out["tls_cipher"] = flow->cipher;
    }
    return out;
}

void print(const RegistrationStatus &status, const std::optional<FlowInfo> &flow, const Profile &profile)
{
    if (status.state != RegistrationState::registered) {
        std::cout << profile.identity << ": " << to_string(status.state)
                  << (status.reason.empty() ? "" : ": " + status.reason) << '\n';
        return;
    }
    std::cout << profile.identity << ": registered for " << status.expires_s << " s";
    if (flow) {
        std::cout << " via " << flow->remote.address << ':' << flow->remote.port << " from " << flow->local.address
                  << ':' << flow->local.port;
        if (!flow->protocol_version.empty()) {
            std::cout << " (" << flow->protocol_version << ", " << flow->cipher << ")";
        }
    }
    std::cout << '\n';
}

int run_register(CliContext &context, const RegisterOptions &options)
{
    const Settings *settings = context.settings();
    if (settings == nullptr) {
        return exit_failure;
    }
    if (settings->profile.identity.empty()) {
        print_error("no profile.identity in the settings: `cordon config explain` lists the profile.* keys");
        return exit_usage;
    }
    const auto registry = PluginRegistry::load(plugin_search_from_settings(*settings), context.logger());
    boost::asio::io_context loop;
    auto agent = UserAgent::create(loop, *registry, settings->profile, settings->user_agent, context.logger());
    if (!agent) {
        print_error(agent.error().message);
        return exit_failure;
    }
    UserAgent &ua = *agent.value();

    RegistrationStatus outcome;
    bool finishing = false;
    boost::asio::steady_timer deadline(loop);
    boost::asio::signal_set signals(loop, SIGINT, SIGTERM);
    const auto finish = [&] {
        if (finishing) {
            return;
        }
        finishing = true;
        deadline.expires_after(std::chrono::seconds(options.timeout_s));
        ua.unregister();
    };
    ua.on_registration([&](const RegistrationStatus &status) {
        if (finishing) {
            if (status.state != RegistrationState::registering) {
                loop.stop();
            }
            return;
        }
        if (status.state == RegistrationState::registered ||
            (status.state == RegistrationState::failed && !status.will_retry)) {
            outcome = status;
            if (options.json) {
                std::cout << to_json(status, ua.signalling_flow(), settings->profile.identity).dump() << std::endl;
            } else {
                print(status, ua.signalling_flow(), settings->profile);
            }
            if (status.state != RegistrationState::registered || !options.stay) {
                finish();
            }
        }
    });
    signals.async_wait([&](const boost::system::error_code &error, int) {
        if (!error) {
            finish();
        }
    });
    deadline.expires_after(std::chrono::seconds(options.timeout_s));
    deadline.async_wait([&](const boost::system::error_code &error) {
        if (error) {
            return;
        }
        if (!finishing && outcome.state != RegistrationState::registered) {
            outcome = ua.registration();
            outcome.state = RegistrationState::failed;
            print_error("no registration within " + std::to_string(options.timeout_s) + " s" +
                        (outcome.reason.empty() ? "" : ": " + outcome.reason));
        }
        loop.stop();
    });
    ua.register_account();
    loop.run();
    return outcome.state == RegistrationState::registered ? exit_ok : exit_failure;
}

} // namespace

void add_register_command(CLI::App &app, CliContext &context, int &exit_code)
{
    auto options = std::make_shared<RegisterOptions>();
    CLI::App *command = app.add_subcommand(
        "register", "Register the settings' profile with its registrar, print the outcome, then un-register");
    command->add_flag("--stay", options->stay, "Stay registered (refreshing) until interrupted, then un-register");
    command->add_flag("--json", options->json, "Print the outcome as one JSON object");
    command->add_option("--timeout", options->timeout_s, "Seconds to wait for the registrar (default 40)")
        ->check(CLI::Range(1, 3600));
    command->callback([&context, &exit_code, options] { exit_code = run_register(context, *options); });
}

} // namespace cordon::cli
