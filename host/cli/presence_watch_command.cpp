// `cordon presence watch URI... [--seconds N] [--json] [--take N --every MS]`:
// registers the settings' profile, watches each contact, and prints each
// update it takes, and the presence counters every few seconds. At the end
// (or on SIGINT or SIGTERM) it stops watching, prints the last updates and
// the final counters, and un-registers. With --take and --every it takes at
// most N updates every MS milliseconds: a deliberately slow application, to
// see the agent coalesce what it cannot deliver in time.
//
// Exits 0 when it registered and at least one contact's presence arrived (a
// NOTIFY of an accepted subscription).
#include <limits>
#include <set>

#include "host/cli/agent_session.hpp"
#include "host/cli/presence_commands.hpp"
#include "host/cli/presence_printing.hpp"

namespace cordon::cli {
namespace {

constexpr std::chrono::seconds counters_interval{5};
constexpr std::chrono::seconds registration_timeout{40}; // Timer F (32 s) plus one authentication round
// Each step of the way out (the notifiers' last NOTIFYs, which the agent
// itself awaits 5 s at most; the removal of the binding) gets this long
// before the command moves on.
constexpr std::chrono::seconds shutdown_step_timeout{10};
constexpr std::chrono::milliseconds shutdown_poll{100};
constexpr std::size_t take_everything = std::numeric_limits<std::size_t>::max();

struct WatchOptions {
    std::vector<std::string> contacts;
    int seconds = 0; // 0: until interrupted
    bool json = false;
    std::size_t take = 0; // 0: everything, as soon as the agent says it is ready
    int every_ms = 1000;
};

class Watch {
public:
    Watch(Session &session, const WatchOptions &options)
        : session_(session), options_(options), printer_{options.json}, agent_(*session.agent)
    {
    }

    int run()
    {
        agent_.on_registration([this](const RegistrationStatus &status) { on_registration(status); });
        agent_.on_presence_ready([this] {
            if (options_.take == 0) {
                take(take_everything);
            }
        });
        on_signal();
        session_.stop_after(registration_timeout, [this] {
            print_error("no registration within " + std::to_string(registration_timeout.count()) + " s");
            session_.loop.stop();
        });
        agent_.register_account();
        session_.loop.run();
        const bool watched = !notified_.empty();
        if (phase_ != Phase::registering && !watched) {
            print_error("no contact's presence arrived: every subscription failed or went unanswered");
        }
        return !failed_ && phase_ != Phase::registering && watched ? exit_ok : exit_failure;
    }

private:
    enum class Phase { registering, watching, unsubscribing, unregistering };

    void on_signal()
    {
        session_.stop_on_signal([this] {
            if (phase_ == Phase::registering) {
                session_.loop.stop();
            } else if (phase_ == Phase::watching) {
                finish();
                on_signal(); // a second signal leaves at once
            } else {
                session_.loop.stop();
            }
        });
    }

    void on_registration(const RegistrationStatus &status)
    {
        switch (registration_step(status, phase_ != Phase::registering, phase_ == Phase::unregistering, printer_)) {
        case RegistrationStep::none:
            break;
        case RegistrationStep::unregistered:
            session_.loop.stop();
            break;
        case RegistrationStep::registered:
            start_watching();
            break;
        case RegistrationStep::failed:
            failed_ = true;
            if (phase_ == Phase::registering) {
                session_.loop.stop();
            } else {
                finish();
            }
            break;
        }
    }

    void start_watching()
    {
        phase_ = Phase::watching;
        for (const std::string &contact : options_.contacts) {
            if (auto subscribed = agent_.subscribe_presence(contact); subscribed) {
                watching_.push_back(contact);
                printer_.event("watching", {{"contact", contact}});
            } else {
                printer_.event("refused", {{"contact", contact}, {"reason", subscribed.error().message}});
            }
        }
        if (watching_.empty()) {
            failed_ = true;
            finish();
            return;
        }
        every(counters_timer_, counters_interval, [this] { print_counters(false); });
        if (options_.take > 0) {
            every(take_timer_, std::chrono::milliseconds(options_.every_ms), [this] { take(options_.take); });
        }
        if (options_.seconds > 0) {
            session_.stop_after(std::chrono::seconds(options_.seconds), [this] { finish(); });
        } else {
            session_.deadline.cancel();
        }
    }

    // Runs action every period while watching.
    void every(boost::asio::steady_timer &timer, std::chrono::milliseconds period, std::function<void()> action)
    {
        timer.expires_after(period);
        timer.async_wait([this, &timer, period, action = std::move(action)](const boost::system::error_code &error) {
            if (error || phase_ != Phase::watching) {
                return;
            }
            action();
            every(timer, period, action);
        });
    }

    void take(std::size_t max)
    {
        for (const PresenceUpdate &update : agent_.take_presence_updates(max)) {
            if (update.notifies > 0) {
                notified_.insert(update.contact);
            }
            printer_.event("update", update_details(update));
        }
    }

    void print_counters(bool final)
    {
        nlohmann::json counters = watching_counters(agent_.presence_counters());
        counters["final"] = final;
        printer_.event("counters", counters);
    }

    // Stops watching; the rest of the way out follows once every
    // subscription has ended.
    void finish()
    {
        if (phase_ != Phase::watching) {
            return;
        }
        phase_ = Phase::unsubscribing;
        counters_timer_.cancel();
        take_timer_.cancel();
        for (const std::string &contact : watching_) {
            if (const auto latest = agent_.presence_of(contact); latest && latest->notifies > 0) {
                notified_.insert(contact);
            }
            (void)agent_.unsubscribe_presence(contact); // fails only for one that already ended
        }
        session_.stop_after(shutdown_step_timeout, [this] { unregister(); });
        await_unsubscribed();
    }

    void await_unsubscribed()
    {
        if (agent_.presence_counters().subscriptions_active == 0) {
            unregister();
            return;
        }
        poll_timer_.expires_after(shutdown_poll);
        poll_timer_.async_wait([this](const boost::system::error_code &error) {
            if (!error && phase_ == Phase::unsubscribing) {
                await_unsubscribed();
            }
        });
    }

    void unregister()
    {
        if (phase_ != Phase::unsubscribing) {
            return;
        }
        phase_ = Phase::unregistering;
        poll_timer_.cancel();
        take(take_everything);
        print_counters(true);
        session_.stop_after(shutdown_step_timeout, [this] { session_.loop.stop(); });
        agent_.unregister();
    }

    Session &session_;
    const WatchOptions &options_;
    const Printer printer_;
    UserAgent &agent_;
    Phase phase_ = Phase::registering;
    boost::asio::steady_timer counters_timer_{session_.loop};
    boost::asio::steady_timer take_timer_{session_.loop};
    boost::asio::steady_timer poll_timer_{session_.loop};
    std::vector<std::string> watching_; // contacts whose subscription the agent took on
    std::set<std::string> notified_;    // contacts whose presence arrived at least once
    bool failed_ = false;
};

int run_watch(CliContext &context, const WatchOptions &options)
{
    Session session;
    if (auto started = session.start(context); !started) {
        print_error(started.error().message);
        return start_failure_exit_code(started.error());
    }
    return Watch(session, options).run();
}

} // namespace

void add_presence_watch_command(CLI::App &presence, CliContext &context, int &exit_code)
{
    auto options = std::make_shared<WatchOptions>();
    CLI::App *watch = presence.add_subcommand(
        "watch", "Register, watch each contact's presence and print its updates and the counters, then un-register");
    watch->add_option("contacts", options->contacts, "The SIP URIs to watch, e.g. sip:bob@example.com")->required();
    watch->add_option("--seconds", options->seconds, "Seconds to watch (default 0: until interrupted)")
        ->check(CLI::Range(0, 86400));
    watch->add_flag("--json", options->json, "One JSON object per event");
    CLI::Option *take =
        watch->add_option("--take", options->take, "Take at most N updates at a time (a deliberately slow reader)")
            ->check(CLI::Range(1, 100000));
    watch->add_option("--every", options->every_ms, "With --take: milliseconds between takes (default 1000)")
        ->check(CLI::Range(1, 3600000))
        ->needs(take);
    watch->callback([&context, &exit_code, options] { exit_code = run_watch(context, *options); });
}

} // namespace cordon::cli
