// An application that embeds Cordon through the installed package
// (find_package(Cordon) -> Cordon::host). It loads the built-in plugins
// (trusted, in process) and those in the directories given (untrusted: a
// codec there runs in the sandbox), prints what happened to each, and, when
// asked, registers, places a call, hangs up after a while and prints how it
// went.
//
//   cordon-embed [--plugin-dir DIR]... [--settings FILE]
//                [--register IDENTITY --password P --call TARGET [--seconds N]]
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <cordon/host/plugins.hpp>
#include <cordon/host/settings.hpp>
#include <cordon/host/user_agent.hpp>

namespace {

constexpr int exit_ok = 0;
constexpr int exit_failed = 1;
constexpr int exit_usage = 2;
constexpr long default_call_seconds = 5;

struct Options {
    std::vector<std::string> plugin_dirs;
    std::optional<std::string> settings_file;
    std::string identity;
    std::string password;
    std::string target;
    long call_seconds = default_call_seconds;
};

std::optional<Options> parse_options(int argc, char **argv)
{
    Options options;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string name = argv[i];
        const std::string value = argv[i + 1];
        if (name == "--plugin-dir") {
            options.plugin_dirs.push_back(value);
        } else if (name == "--settings") {
            options.settings_file = value;
        } else if (name == "--register") {
            options.identity = value;
        } else if (name == "--password") {
            options.password = value;
        } else if (name == "--call") {
            options.target = value;
        } else if (name == "--seconds") {
            char *end = nullptr;
            options.call_seconds = std::strtol(value.c_str(), &end, 10);
            if (*end != '\0' || options.call_seconds < 1) {
                return std::nullopt;
            }
        } else {
            return std::nullopt;
        }
    }
    const bool complete_pairs = argc % 2 == 1;
    const bool call_consistent = options.identity.empty() == options.target.empty();
    if (!complete_pairs || !call_consistent) {
        return std::nullopt;
    }
    return options;
}

void print_plugins(const cordon::PluginRegistry &registry)
{
    for (const cordon::PluginRecord &record : registry.records()) {
        std::cout << (record.loaded ? "loaded  " : "refused ") << (record.id.empty() ? "-" : record.id)
                  << " kind=" << (record.kind ? cordon::to_string(*record.kind) : "-")
                  << " isolation=" << (record.isolation ? cordon::to_string(*record.isolation) : "-")
                  << " trusted=" << (record.trusted ? "yes" : "no") << ' ' << record.path.string();
        if (!record.loaded) {
            std::cout << " reason: " << record.reason;
        }
        std::cout << '\n';
    }
}

// Registers, calls options.target once registered, hangs up after
// call_seconds of conversation, un-registers. True when the call was
// answered and ended.
bool register_and_call(const Options &options, const cordon::Settings &settings, const cordon::PluginRegistry &plugins,
                       cordon::Logger &logger)
{
    cordon::Profile profile = settings.profile; // TLS, verified, unless the settings say otherwise
    profile.identity = options.identity;
    profile.password = options.password;
    boost::asio::io_context loop;
    auto agent = cordon::UserAgent::create(loop, plugins, profile, settings.user_agent, logger);
    if (!agent) {
        std::cout << "agent: " << agent.error().message << '\n';
        return false;
    }
    std::shared_ptr<cordon::Call> call;
    bool answered = false;
    boost::asio::steady_timer hang_up(loop);
    (*agent)->on_registration([&](const cordon::RegistrationStatus &status) {
        std::cout << "registration: " << cordon::to_string(status.state) << ' ' << status.reason << '\n';
        if (status.state == cordon::RegistrationState::registered && !call) {
            cordon::CallAudio audio; // a tone both ways: enough to hear that media flows
            audio.source = cordon::CallAudio::Source::tone;
            auto placed = (*agent)->call(options.target, audio);
            if (!placed) {
                std::cout << "call: " << placed.error().message << '\n';
                (*agent)->unregister();
                return;
            }
            call = *placed;
            call->on_event([&](const cordon::CallEvent &event) {
                std::cout << "call: " << cordon::to_string(event.kind) << ' ' << event.reason << '\n';
                if (event.kind == cordon::CallEvent::Kind::answered) {
                    answered = true;
                    hang_up.expires_after(std::chrono::seconds(options.call_seconds));
                    hang_up.async_wait([&](const boost::system::error_code &) { call->hang_up(); });
                } else if (event.kind == cordon::CallEvent::Kind::ended) {
                    (*agent)->unregister();
                }
            });
        } else if (status.state == cordon::RegistrationState::unregistered ||
                   (status.state == cordon::RegistrationState::failed && !status.will_retry)) {
            loop.stop();
        }
    });
    (*agent)->register_account();
    loop.run();
    const bool ended = call && call->state() == cordon::CallState::ended;
    std::cout << "outcome: " << (answered && ended ? "answered and hung up" : "no conversation") << '\n';
    return answered && ended;
}

} // namespace

int main(int argc, char **argv)
{
    const auto options = parse_options(argc, argv);
    if (!options) {
        std::cerr << "usage: " << argv[0] << " [--plugin-dir DIR]... [--settings FILE]\n"
                  << "       [--register IDENTITY --password P --call TARGET [--seconds N]]\n";
        return exit_usage;
    }
    cordon::Settings settings;
    if (options->settings_file) {
        auto loaded = cordon::load_settings(*options->settings_file);
        if (!loaded) {
            std::cerr << loaded.error().message << '\n';
            return exit_failed;
        }
        settings = std::move(*loaded);
    }
    cordon::StderrLogger logger;
    // The built-in directory (trusted) and the settings' directories first;
    // the ones given here are untrusted, so their codecs run in the sandbox.
    cordon::PluginSearch search = cordon::plugin_search_from_settings(settings);
    search.directories.insert(search.directories.end(), options->plugin_dirs.begin(), options->plugin_dirs.end());
    const auto plugins = cordon::PluginRegistry::load(search, logger);
    std::cout << "built-in plugins: " << cordon::builtin_plugin_directory().string() << '\n';
    print_plugins(*plugins);
    if (options->identity.empty()) {
        return exit_ok;
    }
    return register_and_call(*options, settings, *plugins, logger) ? exit_ok : exit_failed;
}
