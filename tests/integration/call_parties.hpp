// What the call tests share: a user of the Kamailio fixture as a Cordon
// agent and what happened to it, and driving the loop until something did.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "cordon/host/user_agent.hpp"
#include "tests/integration/kamailio_fixture.hpp"

namespace cordon::test {

struct Party {
    std::unique_ptr<UserAgent> ua;
    std::vector<RegistrationStatus> registrations;
    std::vector<CallEvent> events;
    std::shared_ptr<Call> call;
    std::vector<IncomingMessage> messages;
};

// user@cordon.test (password user-password) reaching the fixture over
// transport from 127.0.0.1, trusting its CA.
inline Profile fixture_profile(const Kamailio &kamailio, const std::string &user, const std::string &transport)
{
    Profile profile;
    profile.identity = "sip:" + user + "@cordon.test";
    profile.password = user + "-password";
    profile.transport = transport;
    const auto &ports = kamailio.ports();
    const std::uint16_t port = transport == "udp" ? ports.udp : transport == "tcp" ? ports.tcp : ports.tls;
    profile.outbound_proxy = "127.0.0.1:" + std::to_string(port);
    profile.local_address = "127.0.0.1";
    profile.tls.ca_file = kamailio.ca_file().string();
    return profile;
}

inline bool registered(const Party &party)
{
    return !party.registrations.empty() && party.registrations.back().state == RegistrationState::registered;
}

inline bool has(const Party &party, CallEvent::Kind kind)
{
    for (const auto &event : party.events) {
        if (event.kind == kind) {
            return true;
        }
    }
    return false;
}

// Runs the loop in short slices until done() or the limit.
inline void run_until(boost::asio::io_context &loop, const std::function<bool()> &done,
                      std::chrono::milliseconds limit = std::chrono::seconds(10))
{
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!done() && std::chrono::steady_clock::now() < deadline) {
        loop.run_for(std::chrono::milliseconds(10));
        loop.restart();
    }
}

} // namespace cordon::test
