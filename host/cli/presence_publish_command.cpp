// `cordon presence publish --basic open|closed [--note TEXT] [--seconds N]
// [--json]`: registers the settings' profile, publishes its status to the
// presence server (PUBLISH) and prints the outcome, keeps it (the agent
// refreshes it) for N seconds while answering those who watch this client
// directly (presence.watchers decides; each decision is printed), then
// withdraws it, prints the counters and un-registers.
//
// Exits 0 when the presence server accepted the status. Direct watchers get
// the status even when it did not (a domain without a presence server).
#include <algorithm>

#include "host/cli/agent_session.hpp"
#include "host/cli/presence_commands.hpp"
#include "host/cli/presence_printing.hpp"

namespace cordon::cli {
namespace {

constexpr std::chrono::seconds registration_timeout{40}; // Timer F (32 s) plus one authentication round
// The PUBLISH and its withdrawal, and the removal of the binding, each get
// this long for their answer.
constexpr std::chrono::seconds answer_timeout{40};

struct PublishOptions {
    std::string basic; // "open" or "closed"
    std::string note;
    int seconds = 0; // 0: withdraw as soon as the status was accepted
    bool json = false;
};

bool succeeded(const RequestOutcome &outcome) { return outcome.status_code >= 200 && outcome.status_code < 300; }

class Publish {
public:
    Publish(Session &session, const PublishOptions &options, std::vector<std::string> allowed_watchers)
        : session_(session), options_(options), printer_{options.json}, agent_(*session.agent),
          allowed_watchers_(std::move(allowed_watchers))
    {
    }

    int run()
    {
        agent_.on_registration([this](const RegistrationStatus &status) { on_registration(status); });
        agent_.on_watcher([this](const std::string &watcher) { return decide(watcher); });
        on_signal();
        session_.stop_after(registration_timeout, [this] {
            print_error("no registration within " + std::to_string(registration_timeout.count()) + " s");
            session_.loop.stop();
        });
        agent_.register_account();
        session_.loop.run();
        return !failed_ && accepted_ ? exit_ok : exit_failure;
    }

private:
    enum class Phase { registering, publishing, holding, withdrawing, unregistering };

    void on_signal()
    {
        session_.stop_on_signal([this] {
            if (phase_ == Phase::publishing || phase_ == Phase::holding) {
                withdraw();
                on_signal(); // a second signal leaves at once
            } else {
                session_.loop.stop();
            }
        });
    }

    WatcherDecision decide(const std::string &watcher) const
    {
        const bool allowed =
            std::find(allowed_watchers_.begin(), allowed_watchers_.end(), watcher) != allowed_watchers_.end();
        printer_.event("watcher", {{"watcher", watcher}, {"decision", allowed ? "allowed" : "denied"}});
        return allowed ? WatcherDecision::allow : WatcherDecision::deny;
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
            publish();
            break;
        case RegistrationStep::failed:
            failed_ = true;
            if (phase_ == Phase::registering) {
                session_.loop.stop();
            } else {
                withdraw();
            }
            break;
        }
    }

    nlohmann::json status_details() const { return {{"basic", options_.basic}, {"note", options_.note}}; }

    void publish()
    {
        phase_ = Phase::publishing;
        const PresenceStatus status{options_.basic == "open" ? PresenceBasic::open : PresenceBasic::closed,
                                    options_.note, ""};
        session_.stop_after(answer_timeout, [this] {
            print_error("no answer to the PUBLISH within " + std::to_string(answer_timeout.count()) + " s");
            withdraw();
        });
        auto sent = agent_.publish_presence(status, [this](const RequestOutcome &outcome) { on_published(outcome); });
        if (!sent) {
            print_error("cannot publish: " + sent.error().message);
            failed_ = true;
            unregister();
        }
    }

    void on_published(const RequestOutcome &outcome)
    {
        if (phase_ != Phase::publishing) {
            return;
        }
        accepted_ = succeeded(outcome);
        nlohmann::json details = status_details();
        details["status"] = outcome.status_code;
        details["reason"] = outcome.reason;
        printer_.event(accepted_ ? "published" : "not-published", details);
        if (options_.seconds == 0) {
            withdraw();
            return;
        }
        phase_ = Phase::holding;
        session_.stop_after(std::chrono::seconds(options_.seconds), [this] { withdraw(); });
    }

    void withdraw()
    {
        if (phase_ != Phase::publishing && phase_ != Phase::holding) {
            return;
        }
        phase_ = Phase::withdrawing;
        session_.stop_after(answer_timeout, [this] {
            print_error("no answer to the withdrawal within " + std::to_string(answer_timeout.count()) + " s");
            unregister();
        });
        auto sent = agent_.withdraw_presence([this](const RequestOutcome &outcome) {
            if (phase_ != Phase::withdrawing) {
                return;
            }
            printer_.event(succeeded(outcome) ? "withdrawn" : "not-withdrawn",
                           {{"status", outcome.status_code}, {"reason", outcome.reason}});
            unregister();
        });
        if (!sent) {
            print_error("cannot withdraw: " + sent.error().message);
            unregister();
        }
    }

    void unregister()
    {
        if (phase_ == Phase::unregistering) {
            return;
        }
        phase_ = Phase::unregistering;
        nlohmann::json counters = watched_counters(agent_.presence_counters());
        counters["final"] = true;
        printer_.event("counters", counters);
        session_.stop_after(answer_timeout, [this] { session_.loop.stop(); });
        agent_.unregister();
    }

    Session &session_;
    const PublishOptions &options_;
    const Printer printer_;
    UserAgent &agent_;
    const std::vector<std::string> allowed_watchers_;
    Phase phase_ = Phase::registering;
    bool accepted_ = false; // the presence server took the status
    bool failed_ = false;
};

int run_publish(CliContext &context, const PublishOptions &options)
{
    Session session;
    if (auto started = session.start(context); !started) {
        print_error(started.error().message);
        return start_failure_exit_code(started.error());
    }
    return Publish(session, options, context.settings()->user_agent.presence_watchers).run();
}

} // namespace

void add_presence_publish_command(CLI::App &presence, CliContext &context, int &exit_code)
{
    auto options = std::make_shared<PublishOptions>();
    CLI::App *publish = presence.add_subcommand(
        "publish", "Register, publish this user's presence, answer its watchers, then withdraw and un-register");
    publish->add_option("--basic", options->basic, "open (reachable) or closed")
        ->required()
        ->check(CLI::IsMember({"open", "closed"}));
    publish->add_option("--note", options->note, "Free text shown with the status, e.g. \"in a meeting\"");
    publish
        ->add_option("--seconds", options->seconds,
                     "Seconds to keep the status published (default 0: withdraw once it was accepted)")
        ->check(CLI::Range(0, 86400));
    publish->add_flag("--json", options->json, "One JSON object per event");
    publish->callback([&context, &exit_code, options] { exit_code = run_publish(context, *options); });
}

} // namespace cordon::cli
