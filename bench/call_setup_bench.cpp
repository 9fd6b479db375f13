// cordon-bench-call-setup: how long a call and a registration take through a
// real Kamailio on loopback, over UDP, TCP and TLS, with Cordon's user agent
// on both ends.
//
// The server is the demo's Kamailio (demo/kamailio_server.hpp, also the
// integration tests' fixture): Kamailio 5.6 on free loopback ports, registrar and
// proxy for cordon.test, challenging every REGISTER (401) and every INVITE
// from a local user (407) with digest. The agents are built as an
// application would build them (UserAgent::create with the built-in plugins)
// and driven by this thread's io_context; the clock stops in the event
// handler itself.
//
// - BM_CallSetup/<transport>: alice and bob registered over the transport,
//   bob answering at once. What is timed is alice's call() up to her
//   "answered" event: INVITE, 407, ACK, INVITE with digest, 100, bob's 180
//   and 200 relayed, then the ACK sent. Registering both, hanging up, waiting
//   for both sides' "ended" (and for the calls to be gone) and removing the
//   bindings are not timed.
// - BM_Register/<transport>: carol, her flow already open (a first
//   registration, removed again, untimed), registers: REGISTER, 401,
//   REGISTER with digest, 200. Removing the binding follows, untimed.
// - BM_RegisterNewAgent/<transport>: the same without the first
//   registration, so that the REGISTER also opens the flow (TCP connect, TLS
//   handshake).
// - Baseline BM_Baseline_OptionsUdp: an OPTIONS to the server itself
//   ("sip:cordon.test", answered 200 without a challenge) over UDP, over an
//   open flow (a first OPTIONS opened it, untimed): one round trip through
//   Kamailio.
//
// Fresh agents: every iteration creates its agents (on an io_context of its
// own, destroyed after them, so that nothing they left queued runs without
// them), untimed. Agents kept over many iterations get slower and slower:
// finished transactions stay for up to 32 s (RFC 3261 timers), and libosip2
// walks all of them for every timer check and every response it matches
// (osip_timers_gettimeout, __osip_transaction_matching_response_osip_to_xict),
// so a few thousand round trips in a few seconds made each one several times
// dearer, and the default limit of 64 transactions would have refused
// requests. An agent in use makes a handful of transactions in 32 s, which
// is what a fresh agent has.
//
// Every benchmark reports its wall time (UseManualTime). When Kamailio cannot
// start, every benchmark fails with the fixture's reason (exit status 1).
#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <benchmark/benchmark.h>
#include <boost/asio/io_context.hpp>

#include "bench/baseline_ratio_reporter.hpp"
#include "cordon/host/plugins.hpp"
#include "cordon/host/user_agent.hpp"
#include "demo/kamailio_server.hpp"

namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr const char *baseline_name = "BM_Baseline_OptionsUdp";
constexpr const char *domain = "sip:cordon.test";
constexpr auto step_limit = 10s; // far beyond any step on loopback; reaching it fails the benchmark
// The fixture's 32 MB runs out within a second of calls over TCP: finished
// transactions keep their memory for seconds, and Kamailio's TLS then refuses
// handshakes (it wants 5 MB free).
constexpr unsigned kamailio_shared_memory_mb = 256;
constexpr std::size_t complaint_lines = 30; // of Kamailio's log, printed when a benchmark failed

class QuietLogger final : public cordon::Logger {
public:
    void write(cordon::LogLevel, std::string_view, std::string_view) override {}
};

// Kamailio and the plugins, started on first use and shared by every
// benchmark of the run; or why they could not be.
struct Environment {
    QuietLogger logger;
    std::unique_ptr<cordon::demo::KamailioServer> kamailio;
    std::unique_ptr<cordon::PluginRegistry> plugins;
    std::string problem;
};

std::unique_ptr<Environment> g_environment; // main ends it, and with it Kamailio

Environment &environment()
{
    if (g_environment) {
        return *g_environment;
    }
    g_environment = std::make_unique<Environment>();
    cordon::demo::KamailioOptions options;
    options.users = {{"alice", "alice-password"}, {"bob", "bob-password"}, {"carol", "carol-password"}};
    options.shared_memory_mb = kamailio_shared_memory_mb;
    auto started = cordon::demo::KamailioServer::start(options);
    if (!started) {
        g_environment->problem = "Kamailio did not start: " + started.error().message;
        return *g_environment;
    }
    g_environment->kamailio = std::move(started.value());
    cordon::PluginSearch search;
    search.directories = {cordon::builtin_plugin_directory()};
    search.trusted = {cordon::builtin_plugin_directory()};
    g_environment->plugins = cordon::PluginRegistry::load(search, g_environment->logger);
    return *g_environment;
}

// The last lines of Kamailio's log at level warning or worse: its requests
// log (INFO) fills the log faster than anyone would read it.
std::string complaints(const std::string &log)
{
    std::vector<std::string> kept;
    std::size_t start = 0;
    while (start < log.size()) {
        std::size_t end = log.find('\n', start);
        end = end == std::string::npos ? log.size() : end;
        const std::string_view line(log.data() + start, end - start);
        for (const char *level : {" WARNING:", " ERROR:", " CRITICAL:", " ALERT:", " BUG:"}) {
            if (line.find(level) != std::string_view::npos) {
                kept.emplace_back(line);
                break;
            }
        }
        start = end + 1;
    }
    std::string text;
    for (std::size_t i = kept.size() > complaint_lines ? kept.size() - complaint_lines : 0; i < kept.size(); ++i) {
        text += kept[i] + "\n";
    }
    return text.empty() ? "(none)\n" : text;
}

// Fails the benchmark when Kamailio is not there.
bool refuse_without_kamailio(benchmark::State &state)
{
    const Environment &env = environment();
    if (env.kamailio) {
        return false;
    }
    state.SkipWithError(env.problem.c_str());
    return true;
}

std::uint16_t port_for(const std::string &transport)
{
    const auto &ports = environment().kamailio->ports();
    return transport == "udp" ? ports.udp : transport == "tcp" ? ports.tcp : ports.tls;
}

// An agent of user@cordon.test over the transport, with the registration
// status it last heard.
struct Agent {
    std::unique_ptr<cordon::UserAgent> ua;
    cordon::RegistrationStatus status;
};

cordon::Result<std::unique_ptr<Agent>> make_agent(boost::asio::io_context &loop, const std::string &user,
                                                  const std::string &transport)
{
    Environment &env = environment();
    cordon::Profile profile;
    profile.identity = "sip:" + user + "@cordon.test";
    profile.password = user + "-password";
    profile.transport = transport;
    profile.outbound_proxy = "127.0.0.1:" + std::to_string(port_for(transport));
    profile.local_address = "127.0.0.1";
    profile.tls.ca_file = env.kamailio->ca_file().string();
    // SRTP over TLS (its keys travel only there), plain RTP over udp and tcp.
    cordon::UserAgentOptions options;
    options.media_encryption = cordon::MediaEncryption::optional;
    auto created = cordon::UserAgent::create(loop, *env.plugins, profile, options, env.logger);
    if (!created) {
        return created.error();
    }
    auto agent = std::make_unique<Agent>();
    agent->ua = std::move(created.value());
    Agent *raw = agent.get();
    agent->ua->on_registration([raw](const cordon::RegistrationStatus &status) { raw->status = status; });
    return agent;
}

// Runs the loop one handler at a time until done() holds; false after step_limit.
bool run_until(boost::asio::io_context &loop, const std::function<bool()> &done)
{
    const auto deadline = Clock::now() + step_limit;
    while (!done()) {
        const auto now = Clock::now();
        if (now >= deadline) {
            return false;
        }
        if (loop.stopped()) {
            loop.restart();
        }
        loop.run_one_for(deadline - now);
    }
    return true;
}

std::string describe(const cordon::RegistrationStatus &status)
{
    return std::string(cordon::to_string(status.state)) + " (" + std::to_string(status.status_code) + " " +
           status.reason + ")";
}

bool is(const Agent &agent, cordon::RegistrationState state) { return agent.status.state == state; }

// register_account() until registered; an error message otherwise.
std::optional<std::string> register_agent(boost::asio::io_context &loop, Agent &agent)
{
    agent.ua->register_account();
    const bool settled = run_until(loop, [&] {
        return is(agent, cordon::RegistrationState::registered) || is(agent, cordon::RegistrationState::failed);
    });
    if (!settled || !is(agent, cordon::RegistrationState::registered)) {
        return "registration did not succeed: " + describe(agent.status);
    }
    return std::nullopt;
}

// Removes the binding, so that Kamailio's location table holds no stale
// contact that a later call would be forked to.
std::optional<std::string> unregister_agent(boost::asio::io_context &loop, Agent &agent)
{
    agent.ua->unregister();
    if (!run_until(loop, [&] { return is(agent, cordon::RegistrationState::unregistered); })) {
        return "removing the binding did not end: " + describe(agent.status);
    }
    return std::nullopt;
}

// The first OPTIONS of an agent opens its flow; the second is one round trip.
std::optional<std::string> options_round_trip(boost::asio::io_context &loop, Agent &agent,
                                              Clock::time_point &answered_at)
{
    std::optional<cordon::RequestOutcome> outcome;
    auto sent = agent.ua->send_options(domain, [&](const cordon::RequestOutcome &answer) {
        answered_at = Clock::now();
        outcome = answer;
    });
    if (!sent) {
        return "OPTIONS not sent: " + sent.error().message;
    }
    if (!run_until(loop, [&] { return outcome.has_value(); })) {
        return std::string("no answer to OPTIONS");
    }
    if (outcome->status_code != 200) {
        return "OPTIONS answered " + std::to_string(outcome->status_code) + " " + outcome->reason;
    }
    return std::nullopt;
}

void BM_Baseline_OptionsUdp(benchmark::State &state)
{
    state.SetLabel("baseline: OPTIONS to the server over UDP");
    if (refuse_without_kamailio(state)) {
        return;
    }
    for (auto _ : state) {
        boost::asio::io_context loop; // see "Fresh agents" at the top
        auto agent = make_agent(loop, "alice", "udp");
        if (!agent) {
            state.SkipWithError(agent.error().message.c_str());
            break;
        }
        Clock::time_point answered_at;
        if (auto problem = options_round_trip(loop, *agent.value(), answered_at)) { // opens the flow
            state.SkipWithError(problem->c_str());
            break;
        }
        const auto start = Clock::now();
        if (auto problem = options_round_trip(loop, *agent.value(), answered_at)) {
            state.SkipWithError(problem->c_str());
            break;
        }
        state.SetIterationTime(std::chrono::duration<double>(answered_at - start).count());
    }
}

// alice calls bob, who answers at once; answered_at is when alice hears it.
std::optional<std::string> call_and_hang_up(boost::asio::io_context &loop, Agent &caller, Agent &callee,
                                            Clock::time_point &start, Clock::time_point &answered_at)
{
    std::shared_ptr<cordon::Call> incoming;
    bool incoming_ended = false;
    std::optional<std::string> answer_problem;
    callee.ua->on_incoming_call([&](std::shared_ptr<cordon::Call> call) {
        incoming = call;
        call->on_event([&](const cordon::CallEvent &event) {
            if (event.kind == cordon::CallEvent::Kind::ended) {
                incoming_ended = true;
            }
        });
        if (auto answered = call->answer(cordon::CallAudio{}); !answered) {
            answer_problem = answered.error().message;
        }
    });
    bool answered = false;
    std::optional<cordon::CallEvent> ended;
    start = Clock::now();
    auto call = caller.ua->call("sip:bob@cordon.test", cordon::CallAudio{});
    if (!call) {
        return "call() refused: " + call.error().message;
    }
    call.value()->on_event([&](const cordon::CallEvent &event) {
        if (event.kind == cordon::CallEvent::Kind::answered) {
            answered_at = Clock::now();
            answered = true;
        } else if (event.kind == cordon::CallEvent::Kind::ended) {
            ended = event;
        }
    });
    if (!run_until(loop, [&] { return answered || ended.has_value() || answer_problem; })) {
        return std::string("the call was not answered in time");
    }
    if (answer_problem) {
        return "bob could not answer: " + *answer_problem;
    }
    if (!answered) {
        return "the call ended: " + std::to_string(ended->status_code) + " " + ended->reason;
    }
    call.value()->hang_up();
    const bool gone = run_until(loop, [&] {
        return ended.has_value() && incoming_ended && caller.ua->counters().calls_active == 0 &&
               callee.ua->counters().calls_active == 0;
    });
    if (!gone) {
        return std::string("hanging up did not end the call on both sides");
    }
    callee.ua->on_incoming_call(nullptr);
    return std::nullopt;
}

void BM_CallSetup(benchmark::State &state, std::string transport)
{
    state.SetLabel("call() to answered, " + transport);
    if (refuse_without_kamailio(state)) {
        return;
    }
    for (auto _ : state) {
        boost::asio::io_context loop; // see "Fresh agents" at the top
        auto alice = make_agent(loop, "alice", transport);
        auto bob = make_agent(loop, "bob", transport);
        if (!alice || !bob) {
            state.SkipWithError((!alice ? alice.error() : bob.error()).message.c_str());
            break;
        }
        Agent &caller = *alice.value();
        Agent &callee = *bob.value();
        std::optional<std::string> problem = register_agent(loop, caller);
        if (!problem) {
            problem = register_agent(loop, callee);
        }
        Clock::time_point start;
        Clock::time_point answered_at;
        if (!problem) {
            problem = call_and_hang_up(loop, caller, callee, start, answered_at);
        }
        if (!problem) {
            state.SetIterationTime(std::chrono::duration<double>(answered_at - start).count());
        }
        // Removing both bindings even after a failure, so that a later
        // benchmark's call is not forked to a contact that is gone.
        for (Agent *agent : {&caller, &callee}) {
            if (is(*agent, cordon::RegistrationState::registered)) {
                if (auto unregistered = unregister_agent(loop, *agent); unregistered && !problem) {
                    problem = unregistered;
                }
            }
        }
        if (problem) {
            state.SkipWithError(problem->c_str());
            break;
        }
    }
}

// Registers carol, timing from register_account() to "registered"; with
// open_flow_first, a first registration (removed again) opens the flow
// beforehand, untimed.
void register_benchmark(benchmark::State &state, const std::string &transport, bool open_flow_first)
{
    if (refuse_without_kamailio(state)) {
        return;
    }
    for (auto _ : state) {
        boost::asio::io_context loop; // see "Fresh agents" at the top
        auto carol = make_agent(loop, "carol", transport);
        if (!carol) {
            state.SkipWithError(carol.error().message.c_str());
            break;
        }
        Agent &agent = *carol.value();
        Clock::time_point registered_at;
        agent.ua->on_registration([&](const cordon::RegistrationStatus &status) {
            if (status.state == cordon::RegistrationState::registered) {
                registered_at = Clock::now();
            }
            agent.status = status;
        });
        std::optional<std::string> problem;
        if (open_flow_first) {
            problem = register_agent(loop, agent);
            if (!problem) {
                problem = unregister_agent(loop, agent);
            }
        }
        const auto start = Clock::now();
        if (!problem) {
            problem = register_agent(loop, agent);
        }
        if (!problem) {
            state.SetIterationTime(std::chrono::duration<double>(registered_at - start).count());
        }
        if (is(agent, cordon::RegistrationState::registered)) {
            if (auto unregistered = unregister_agent(loop, agent); unregistered && !problem) {
                problem = unregistered;
            }
        }
        if (problem) {
            state.SkipWithError(problem->c_str());
            break;
        }
    }
}

void BM_Register(benchmark::State &state, std::string transport)
{
    state.SetLabel("register_account() to registered, open flow, " + transport);
    register_benchmark(state, transport, true);
}

void BM_RegisterNewAgent(benchmark::State &state, std::string transport)
{
    state.SetLabel("register_account() to registered, new flow, " + transport);
    register_benchmark(state, transport, false);
}

} // namespace

int main(int argc, char **argv)
{
    const std::string transports[] = {"udp", "tcp", "tls"};
    // The baseline runs first and again last, so that the ratio table can
    // show how far the machine drifted during the run.
    benchmark::RegisterBenchmark(baseline_name, BM_Baseline_OptionsUdp)->UseManualTime()->Unit(benchmark::kMillisecond);
    for (const std::string &transport : transports) {
        benchmark::RegisterBenchmark(("BM_CallSetup/" + transport).c_str(), BM_CallSetup, transport)
            ->UseManualTime()
            ->Unit(benchmark::kMillisecond);
    }
    for (const std::string &transport : transports) {
        benchmark::RegisterBenchmark(("BM_Register/" + transport).c_str(), BM_Register, transport)
            ->UseManualTime()
            ->Unit(benchmark::kMillisecond);
    }
    for (const std::string &transport : transports) {
        benchmark::RegisterBenchmark(("BM_RegisterNewAgent/" + transport).c_str(), BM_RegisterNewAgent, transport)
            ->UseManualTime()
            ->Unit(benchmark::kMillisecond);
    }
    benchmark::RegisterBenchmark(baseline_name, BM_Baseline_OptionsUdp)->UseManualTime()->Unit(benchmark::kMillisecond);
    const int status = cordon::bench::run_benchmarks_with_baseline(argc, argv, baseline_name);
    if (status != 0 && g_environment && g_environment->kamailio) {
        // What the server complained of is often the explanation of a failure.
        (void)std::fprintf(stderr, "---- Kamailio's last complaints ----\n%s---- end ----\n",
                           complaints(g_environment->kamailio->log_text()).c_str());
    }
    g_environment.reset(); // stops Kamailio
    return status;
}
