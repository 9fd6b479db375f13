#include "demo/demo_call.hpp"

#include <csignal>
#include <functional>
#include <memory>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <cordon/host/plugins.hpp>
#include <cordon/host/user_agent.hpp>

#include "demo/demo_checks.hpp"
#include "demo/digest_watch.hpp"
#include "demo/kamailio_server.hpp"
#include "media/speech_signal.hpp"
#include "media/wav_file.hpp"

namespace cordon::demo {

namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr auto registration_deadline = 15s;
constexpr auto answer_deadline = 10s;
constexpr auto ended_deadline = 5s;
// On a signal: long enough for the BYE to leave before Kamailio stops.
constexpr auto interrupted_grace = 200ms;
// After the speech, the last packets still cross the network and the jitter
// buffer before the recordings hold all of it.
constexpr auto speech_tail = 600ms;
// Different seeds: two different voices, so a direction that carried the
// wrong one (or its own echo) cannot pass for the right one.
constexpr std::uint32_t alice_seed = 1;
constexpr std::uint32_t bob_seed = 2;

std::chrono::microseconds since(Clock::time_point start)
{
    return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
}

// One user agent of the demo and what the loop has told about it.
struct Agent {
    std::unique_ptr<UserAgent> ua;
    std::optional<RegistrationStatus> registration;
    std::shared_ptr<Call> call;
    std::optional<CallEvent> answered;
    std::optional<CallEvent> ended;
};

class DemoRun {
public:
    DemoRun(const DemoCallOptions &options, Logger &logger) : options_(options), logger_(logger)
    {
        signals_.async_wait([this](const boost::system::error_code &error, int) {
            if (!error) {
                interrupted_ = true;
            }
        });
    }

    Result<DemoReport> run();

private:
    Result<void> write_sources();
    Result<void> start_kamailio();
    Result<void> load_plugins();
    Result<void> create_agent(DemoParty &party, Agent &agent);
    Result<void> register_both();
    void place_call();
    void talk_and_hang_up();
    void collect_figures();
    // Runs the loop until done() or the deadline or a signal; true when done().
    bool run_until(const std::function<bool()> &done, std::chrono::milliseconds limit);
    Error interrupted_error() const;

    const DemoCallOptions &options_;
    DigestWatch logger_;
    boost::asio::io_context loop_;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_{loop_.get_executor()};
    boost::asio::signal_set signals_{loop_, SIGINT, SIGTERM};
    bool interrupted_ = false;
    std::unique_ptr<KamailioServer> kamailio_;
    std::unique_ptr<PluginRegistry> plugins_;
    Agent alice_;
    Agent bob_;
    DemoReport report_;
};

bool DemoRun::run_until(const std::function<bool()> &done, std::chrono::milliseconds limit)
{
    const auto deadline = Clock::now() + limit;
    while (!done() && !interrupted_ && Clock::now() < deadline) {
        loop_.run_one_until(deadline);
    }
    return done();
}

Error DemoRun::interrupted_error() const
{
    return Error{ErrorCode::unavailable, "interrupted by a signal: the call, if any, was hung up and Kamailio stopped"};
}

Result<void> DemoRun::write_sources()
{
    for (auto [party, seed] : {std::pair{&report_.alice, alice_seed}, std::pair{&report_.bob, bob_seed}}) {
        party->source = options_.run_directory / (party->user + "-says.wav");
        party->recording = options_.run_directory / (party->user + "-heard.wav");
        const media::Pcm speech = media::generate_speech_like(speech_sample_rate, 1, options_.speech_seconds, seed);
        if (auto written = media::write_wav(party->source, speech); !written) {
            return written;
        }
    }
    return {};
}

Result<void> DemoRun::start_kamailio()
{
    KamailioOptions options;
    options.digest_algorithm = DigestAlgorithm::sha256;
    options.executable = options_.kamailio;
    const auto start = Clock::now();
    auto started = KamailioServer::start(options);
    if (!started) {
        return started.error();
    }
    kamailio_ = std::move(*started);
    report_.kamailio_start = since(start);
    report_.kamailio_tls_port = kamailio_->ports().tls;
    return {};
}

Result<void> DemoRun::load_plugins()
{
    PluginSearch search;
    search.directories = {builtin_plugin_directory()};
    search.trusted = {builtin_plugin_directory()};
    // Trusted, but sent to the sandbox anyway: the demo shows an untrusted
    // codec's path with a codec every machine has.
    search.sandboxed = {std::string(opus_plugin_id)};
    plugins_ = PluginRegistry::load(search, logger_);
    const CodecPlugin *opus = plugins_->find_codec(opus_plugin_id);
    if (opus == nullptr || !opus->sandbox_stats()) {
        return Error{ErrorCode::not_found, "the Opus plugin is not loaded in the sandbox from " +
                                               builtin_plugin_directory().string() +
                                               " (`cordon plugins` says why); build the target cordon first"};
    }
    return {};
}

Result<void> DemoRun::create_agent(DemoParty &party, Agent &agent)
{
    Profile profile;
    profile.identity = "sip:" + party.user + "@" + std::string(KamailioServer::domain());
    profile.password = party.user + "-password"; // KamailioOptions' subscribers
    profile.transport = "tls";
    profile.outbound_proxy = "127.0.0.1:" + std::to_string(kamailio_->ports().tls);
    profile.local_address = "127.0.0.1";
    profile.tls.ca_file = kamailio_->ca_file().string(); // verification stays on
    profile.refuse_md5 = true;
    UserAgentOptions options;
    options.codecs = {"opus"};
    auto created = UserAgent::create(loop_, *plugins_, profile, options, logger_);
    if (!created) {
        return Error{created.error().code, party.user + ": " + created.error().message};
    }
    agent.ua = std::move(*created);
    return {};
}

Result<void> DemoRun::register_both()
{
    const auto start = Clock::now();
    for (const auto &[each_party, each_agent] : {std::pair{&report_.alice, &alice_}, std::pair{&report_.bob, &bob_}}) {
        // Copies: clang 14 cannot capture a structured binding.
        DemoParty *party = each_party;
        Agent *agent = each_agent;
        agent->ua->on_registration([party, agent, start](const RegistrationStatus &status) {
            if (status.state == RegistrationState::registered && party->registration.count() == 0) {
                party->registration = since(start);
            }
            agent->registration = status;
        });
        agent->ua->register_account();
    }
    const auto state = [](const Agent &agent) {
        return agent.registration ? agent.registration->state : RegistrationState::registering;
    };
    const auto refused = [&](const Agent &agent) {
        return state(agent) == RegistrationState::failed && !agent.registration->will_retry;
    };
    run_until(
        [&] {
            return refused(alice_) || refused(bob_) ||
                   (state(alice_) == RegistrationState::registered && state(bob_) == RegistrationState::registered);
        },
        registration_deadline);
    report_.registration = since(start);
    if (interrupted_) {
        return interrupted_error();
    }
    for (auto [party, agent] : {std::pair{&report_.alice, &alice_}, std::pair{&report_.bob, &bob_}}) {
        if (state(*agent) != RegistrationState::registered) {
            const std::string reason = agent->registration ? agent->registration->reason : "no answer";
            return Error{ErrorCode::unavailable, party->user + " did not register with the demo's Kamailio: " + reason};
        }
    }
    return {};
}

void DemoRun::place_call()
{
    bob_.ua->on_incoming_call([this](std::shared_ptr<Call> call) {
        bob_.call = call;
        call->on_event([this](const CallEvent &event) {
            if (event.kind == CallEvent::Kind::ended) {
                bob_.ended = event;
            }
        });
        CallAudio audio;
        audio.source = CallAudio::Source::file;
        audio.play_file = report_.bob.source.string();
        audio.record_file = report_.bob.recording.string();
        if (auto answered = call->answer(audio); !answered) {
            report_.failures.push_back("bob could not answer: " + answered.error().message);
            call->hang_up();
        }
    });

    CallAudio audio;
    audio.source = CallAudio::Source::file;
    audio.play_file = report_.alice.source.string();
    audio.record_file = report_.alice.recording.string();
    const auto start = Clock::now();
    auto placed = alice_.ua->call("sip:bob@" + std::string(KamailioServer::domain()), audio);
    if (!placed) {
        report_.failures.push_back("alice could not call bob: " + placed.error().message);
        return;
    }
    alice_.call = *placed;
    alice_.call->on_event([this, start](const CallEvent &event) {
        if (event.kind == CallEvent::Kind::answered) {
            report_.call_setup = since(start);
            alice_.answered = event;
        } else if (event.kind == CallEvent::Kind::ended) {
            alice_.ended = event;
        }
    });
    run_until([this] { return alice_.answered || alice_.ended; }, answer_deadline);
    if (!alice_.answered && !interrupted_) {
        report_.failures.push_back("bob did not answer: " +
                                   (alice_.ended
                                        ? alice_.ended->reason
                                        : "no answer within " + std::to_string(answer_deadline.count()) + " s"));
    }
}

void DemoRun::talk_and_hang_up()
{
    const auto answered_at = Clock::now();
    const auto speech =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::duration<double>(options_.speech_seconds));
    const bool ended_early = run_until([this] { return alice_.ended || bob_.ended; }, speech + speech_tail);
    if (ended_early) {
        const auto &ended = alice_.ended ? alice_.ended : bob_.ended;
        report_.failures.push_back("the call ended before the speech did: " + ended->reason);
    }
    // Both processes' figures while the call still runs: the peak of the
    // call, before the quality analysis (the demo's own cost) adds to ours.
    report_.host_memory = own_process_memory();
    if (const auto sandbox = plugins_->find_codec(opus_plugin_id)->sandbox_stats(); sandbox && sandbox->pid > 0) {
        report_.sandbox_memory = process_memory(static_cast<pid_t>(sandbox->pid));
    }
    alice_.call->hang_up();
    report_.call_duration = since(answered_at);
    run_until([this] { return alice_.ended && (!bob_.call || bob_.ended); }, ended_deadline);
}

void DemoRun::collect_figures()
{
    for (auto [party, agent] : {std::pair{&report_.alice, &alice_}, std::pair{&report_.bob, &bob_}}) {
        party->signalling = agent->ua->signalling_flow();
        party->media = agent->call ? agent->call->media_stats() : std::nullopt;
    }
    report_.sandbox = plugins_->find_codec(opus_plugin_id)->sandbox_stats();
    const auto algorithms = logger_.algorithms_answered();
    report_.digest_algorithms.assign(algorithms.begin(), algorithms.end());

    for (DemoDirection *direction : {&report_.alice_to_bob, &report_.bob_to_alice}) {
        const DemoParty &from = direction->from == "alice" ? report_.alice : report_.bob;
        const DemoParty &to = direction->to == "alice" ? report_.alice : report_.bob;
        auto quality = measure_direction(from.source, to.recording);
        if (quality) {
            direction->quality = *quality;
        } else {
            direction->quality_problem = quality.error().message;
        }
    }
}

Result<DemoReport> DemoRun::run()
{
    report_.alice.user = "alice";
    report_.bob.user = "bob";
    report_.alice_to_bob = {"alice", "bob", std::nullopt, {}};
    report_.bob_to_alice = {"bob", "alice", std::nullopt, {}};
    for (auto step : {&DemoRun::write_sources, &DemoRun::start_kamailio, &DemoRun::load_plugins}) {
        if (auto done = (this->*step)(); !done) {
            return done.error();
        }
        loop_.poll(); // a signal that came during a blocking step
        if (interrupted_) {
            return interrupted_error();
        }
    }
    for (auto [party, agent] : {std::pair{&report_.alice, &alice_}, std::pair{&report_.bob, &bob_}}) {
        if (auto created = create_agent(*party, *agent); !created) {
            return created.error();
        }
    }
    if (auto registered = register_both(); !registered) {
        return registered.error();
    }
    place_call();
    if (alice_.answered && !interrupted_) {
        talk_and_hang_up();
    } else if (alice_.call) {
        alice_.call->hang_up();
        run_until([this] { return alice_.ended.has_value(); }, ended_deadline);
    }
    if (interrupted_) {
        if (alice_.call) {
            alice_.call->hang_up();
            loop_.run_for(interrupted_grace);
        }
        return interrupted_error();
    }
    collect_figures();
    append_failures(report_);
    return report_;
}

} // namespace

Result<DemoReport> run_demo_call(const DemoCallOptions &options, Logger &logger)
{
    if (!(options.speech_seconds > 0.0 && options.speech_seconds <= max_speech_seconds)) { // also NaN
        return Error{ErrorCode::invalid_argument,
                     "the speech lasts more than 0 and at most " + std::to_string(max_speech_seconds) + " s"};
    }
    DemoRun run(options, logger);
    return run.run();
}

} // namespace cordon::demo
