#include "host/cli/agent_session.hpp"

#include <csignal>
#include <iostream>

namespace cordon::cli {

void Printer::event(const std::string &what, const nlohmann::json &details) const
{
    if (json) {
        nlohmann::json line = details;
        line["event"] = what;
        std::cout << line.dump() << std::endl;
        return;
    }
    std::cout << what;
    for (const auto &[key, value] : details.items()) {
        std::cout << ' ' << key << '=' << (value.is_string() ? value.get<std::string>() : value.dump());
    }
    std::cout << std::endl;
}

Result<void> Session::start(CliContext &context)
{
    const Settings *settings = context.settings();
    if (settings == nullptr) {
        return Error{ErrorCode::config, "the settings could not be read"};
    }
    if (settings->profile.identity.empty()) {
        return Error{ErrorCode::config,
                     "no profile.identity in the settings: `cordon config explain` lists the profile.* keys"};
    }
    plugins = PluginRegistry::load(plugin_search_from_settings(*settings), context.logger());
    auto created = UserAgent::create(loop, *plugins, settings->profile, settings->user_agent, context.logger());
    if (!created) {
        return created.error();
    }
    agent = std::move(created.value());
    return {};
}

void Session::stop_on_signal(std::function<void()> action)
{
    signals.async_wait([action = std::move(action)](const boost::system::error_code &error, int) {
        if (!error) {
            action();
        }
    });
}

void Session::stop_after(std::chrono::seconds delay, std::function<void()> action)
{
    deadline.expires_after(delay);
    deadline.async_wait([action = std::move(action)](const boost::system::error_code &error) {
        if (!error) {
            action();
        }
    });
}

RegistrationStep registration_step(const RegistrationStatus &status, bool registered_before, bool unregistering,
                                   const Printer &printer)
{
    if (unregistering) {
        if (status.state != RegistrationState::unregistered && status.state != RegistrationState::failed) {
            return RegistrationStep::none;
        }
        printer.event(to_string(status.state), {{"reason", status.reason}});
        return RegistrationStep::unregistered;
    }
    if (status.state == RegistrationState::registering ||
        (status.state == RegistrationState::registered && registered_before)) {
        return RegistrationStep::none; // a refresh
    }
    printer.event(to_string(status.state), {{"reason", status.reason}, {"expires_s", status.expires_s}});
    if (status.state == RegistrationState::registered) {
        return RegistrationStep::registered;
    }
    return status.state == RegistrationState::failed && !status.will_retry ? RegistrationStep::failed
                                                                           : RegistrationStep::none;
}

int start_failure_exit_code(const Error &error) { return error.code == ErrorCode::config ? exit_usage : exit_failure; }

} // namespace cordon::cli
