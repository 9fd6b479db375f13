// The embedding API in a few lines: register a profile, call someone, hang
// up after five seconds. Build target cordon-example-register-and-call; run
//   cordon-example-register-and-call sip:alice@example.com PASSWORD sip:bob@example.com
// with the built-in plugins next to the binary (as in the build tree).
#include <chrono>
#include <iostream>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "cordon/host/plugins.hpp"
#include "cordon/host/user_agent.hpp"

int main(int argc, char **argv)
{
    if (argc != 4) {
        std::cerr << "usage: " << argv[0] << " IDENTITY PASSWORD TARGET\n";
        return 2;
    }
    cordon::StderrLogger logger;
    cordon::PluginSearch search;
    search.directories = {cordon::builtin_plugin_directory()};
    search.trusted = search.directories;
    const auto plugins = cordon::PluginRegistry::load(search, logger);

    cordon::Profile profile;  // TLS, verified against the system's CAs, by default
    profile.identity = argv[1];
    profile.password = argv[2];

    boost::asio::io_context loop;
    auto agent = cordon::UserAgent::create(loop, *plugins, profile, {}, logger);
    if (!agent) {
        std::cerr << agent.error().message << '\n';
        return 1;
    }
    std::shared_ptr<cordon::Call> call;
    boost::asio::steady_timer hang_up(loop);
    (*agent)->on_registration([&](const cordon::RegistrationStatus &status) {
        std::cout << "registration: " << cordon::to_string(status.state) << ' ' << status.reason << '\n';
        if (status.state == cordon::RegistrationState::registered && !call) {
            // A 440 Hz tone both ways is enough to hear that the call carries audio.
            cordon::CallAudio audio;
            audio.source = cordon::CallAudio::Source::tone;
            auto placed = (*agent)->call(argv[3], audio);
            if (!placed) {
                std::cerr << placed.error().message << '\n';
                loop.stop();
                return;
            }
            call = *placed;
            call->on_event([&](const cordon::CallEvent &event) {
                std::cout << "call: " << cordon::to_string(event.kind) << ' ' << event.reason << '\n';
                if (event.kind == cordon::CallEvent::Kind::answered) {
                    hang_up.expires_after(std::chrono::seconds(5));
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
    return call && call->state() == cordon::CallState::ended ? 0 : 1;
}
