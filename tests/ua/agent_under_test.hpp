// A user agent (UserAgentImpl, the whole of it: flow, transactions,
// routing, calls, presence) on a fake UDP transport and a fake clock, with
// a test playing its next hop: it reads what the agent sent and answers as
// a proxy, a callee or a caller would. Media sockets are real (loopback)
// and G.711 is the built-in plugin, so a call can be established; media
// itself is not looked at.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include "cordon/host/log.hpp"
#include "cordon/host/plugins.hpp"
#include "tests/support/clock/fake_clock.hpp"
#include "tests/support/sip/sip_text.hpp"
#include "tests/support/transport/fake_transport.hpp"
#include "ua/offered_codecs.hpp"
#include "ua/user_agent_impl.hpp"

namespace cordon::ua::test {

using cordon::test::FakeClock;
using cordon::test::FakeTransportPlugin;
using cordon::test::SipText;
using namespace std::chrono_literals;

class KeptLog final : public Logger {
public:
    void write(LogLevel, std::string_view source, std::string_view message) override
    {
        const std::lock_guard lock(mutex_);
        lines_.push_back(std::string(source) + ": " + std::string(message));
    }
    bool contains(std::string_view text) const
    {
        const std::lock_guard lock(mutex_);
        for (const std::string &line : lines_) {
            if (line.find(text) != std::string::npos) {
                return true;
            }
        }
        return false;
    }

private:
    mutable std::mutex mutex_;
    std::vector<std::string> lines_;
};

// The G.711 plugin as built, loaded once for the test binary.
inline const PluginRegistry &g711_plugin()
{
    static KeptLog log;
    static const std::unique_ptr<PluginRegistry> plugins = [] {
        const std::filesystem::path built = CORDON_BUILTIN_PLUGIN_DIR;
        PluginSearch search{{built}, {built}, {}, {}};
        return PluginRegistry::load_file(built / "cordon-codec-g711.so", search, log);
    }();
    return *plugins;
}

inline UserAgentOptions test_options()
{
    UserAgentOptions options;
    options.media_encryption = MediaEncryption::off;
    options.codecs = {"PCMU"};
    options.keep_alive_interval = 0s;
    options.media_inactivity_timeout = 0ms; // media runs on the real clock: not judged here
    return options;
}

inline BodyProtectionParts no_body_protection()
{
    BodyProtectionParts parts;
    parts.mode = BodyMode::off;
    return parts;
}

// A duration in milliseconds, for EXPECT_NEAR.
inline double ms(std::chrono::milliseconds duration) { return static_cast<double>(duration.count()); }

// The next hop as the agent sees it.
inline const Endpoint proxy{"192.0.2.10", 5060};

class AgentUnderTest {
public:
    // protocol "TCP" or "TLS": a stream transport whose flows connect at once.
    explicit AgentUnderTest(UserAgentOptions options = test_options(), const std::string &protocol = "UDP")
        : transport(protocol, protocol != "UDP")
    {
        transport.behaviour.ready_at_once = true;
        const PluginRegistry &plugins = g711_plugin();
        auto codecs = offered_codecs(plugins, options.codecs);
        EXPECT_TRUE(codecs) << (codecs ? "" : codecs.error().message);
        Profile profile;
        profile.identity = "sip:alice@example.com";
        profile.transport = protocol == "UDP" ? "udp" : "tcp";
        NextHop hop{"sip:alice@example.com", "sip:example.com", "alice", proxy, "127.0.0.1", ""};
        agent = std::make_unique<UserAgentImpl>(loop, transport, hop, profile, std::vector<const AuthPlugin *>{},
                                                options, codecs ? *codecs : std::vector<sip::MediaCodec>{}, plugins,
                                                BodyProtection(no_body_protection()), log);
    }

    // Opens the agent's flow the way an application does, by registering
    // (answered 200 for an hour), so that requests can come back over it.
    void register_with_proxy()
    {
        agent->register_account();
        clock.settle();
        const auto registers = requests("REGISTER");
        ASSERT_FALSE(registers.empty());
        deliver(cordon::test::response_to(registers.back(), 200, "OK", "registrar",
                                          {"Contact: " + registers.back().header("Contact") + ";expires=3600"}));
        ASSERT_EQ(agent->registration().state, RegistrationState::registered);
    }

    ~AgentUnderTest()
    {
        agent.reset();
        clock.settle();
    }

    // Every message the agent sent so far, in order (keep-alives left out).
    std::vector<SipText> sent() const
    {
        std::vector<SipText> messages;
        for (const auto &sent : transport.sent()) {
            if (sent.bytes.find_first_not_of("\r\n") != std::string::npos) {
                messages.push_back(SipText::parse(sent.bytes));
            }
        }
        return messages;
    }
    // The requests with this method, in order.
    std::vector<SipText> requests(std::string_view method) const
    {
        std::vector<SipText> found;
        for (SipText &message : sent()) {
            if (message.is_request() && message.method() == method) {
                found.push_back(std::move(message));
            }
        }
        return found;
    }
    // The responses to requests with this CSeq method, in order.
    std::vector<SipText> responses(std::string_view cseq_method) const
    {
        std::vector<SipText> found;
        for (SipText &message : sent()) {
            if (!message.is_request() && message.cseq_method() == cseq_method) {
                found.push_back(std::move(message));
            }
        }
        return found;
    }
    std::vector<int> statuses(std::string_view cseq_method) const
    {
        std::vector<int> codes;
        for (const SipText &response : responses(cseq_method)) {
            codes.push_back(response.status());
        }
        return codes;
    }

    // How many messages sent so far match `which`.
    std::size_t count(const std::function<bool(const SipText &)> &which) const
    {
        std::size_t found = 0;
        for (const SipText &message : sent()) {
            found += which(message) ? 1 : 0;
        }
        return found;
    }
    // Moves the clock on by `by`, `step` at a time, and returns when (since
    // now) each message matching `which` was sent.
    std::vector<std::chrono::milliseconds> send_times(const std::function<bool(const SipText &)> &which,
                                                      std::chrono::milliseconds by,
                                                      std::chrono::milliseconds step = 10ms)
    {
        std::vector<std::chrono::milliseconds> times;
        const auto start = clock.elapsed();
        std::size_t seen = count(which);
        for (auto moved = 0ms; moved < by; moved += step) {
            clock.advance(step, step);
            for (const std::size_t now_seen = count(which); seen < now_seen; ++seen) {
                times.push_back(clock.elapsed() - start);
            }
        }
        return times;
    }

    // The next hop sends this to the agent, over its flow.
    void deliver(const std::string &text)
    {
        ASSERT_TRUE(agent->signalling_flow()) << "the agent's flow is not open";
        transport.transport().receive(agent->signalling_flow() ? transport.transport().last_flow() : 0, text, proxy);
        clock.settle();
    }

    boost::asio::io_context loop;
    FakeClock clock{loop};
    KeptLog log;
    FakeTransportPlugin transport;
    std::unique_ptr<UserAgentImpl> agent;
};

// What a call reported, in order.
struct CallEvents {
    std::vector<CallEvent> events;

    Call::EventHandler handler()
    {
        return [this](const CallEvent &event) { events.push_back(event); };
    }
    bool saw(CallEvent::Kind kind) const
    {
        for (const CallEvent &event : events) {
            if (event.kind == kind) {
                return true;
            }
        }
        return false;
    }
    const CallEvent *ended() const
    {
        for (const CallEvent &event : events) {
            if (event.kind == CallEvent::Kind::ended) {
                return &event;
            }
        }
        return nullptr;
    }
};

} // namespace cordon::ua::test
