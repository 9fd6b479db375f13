// `cordon call TARGET`, `cordon answer` and `cordon message TARGET TEXT`: the
// settings' profile placing a call, taking calls, or sending one message.
// Each prints one line per event (or one JSON object per line with --json)
// and exits 0 only when what it was asked to do happened; `answer` also prints
// what its agent holds ("counters") once registered, after each call and at
// the end. A call sends silence, a tone or a file, can record what it hears,
// and prints its media figures when it ends.
#include <boost/asio/post.hpp>
#include <nlohmann/json.hpp>

#include "host/cli/agent_session.hpp"
#include "host/cli/alive_counts_printing.hpp"
#include "host/cli/call_audio_options.hpp"
#include "host/cli/commands.hpp"

namespace cordon::cli {
namespace {

// One line (or JSON object) per call event, and the media figures when it ends.
void print_call_event(const Printer &printer, const CallEvent &happened, const Call &call)
{
    nlohmann::json details{{"call", call.id()}, {"peer", call.peer()}};
    if (happened.status_code != 0) {
        details["status"] = happened.status_code;
    }
    if (!happened.reason.empty()) {
        details["reason"] = happened.reason;
    }
    if (const auto media = call.media(); media && happened.kind != CallEvent::Kind::ended) {
        details["codec"] = media->codec;
        details["remote_audio"] = media->remote.address + ":" + std::to_string(media->remote.port);
        details["direction"] = media->direction;
    }
    printer.event(to_string(happened.kind), details);
    if (happened.kind == CallEvent::Kind::ended) {
        if (const auto stats = call.media_stats()) {
            nlohmann::json media = media_details(*stats);
            media["call"] = call.id();
            printer.event("media", media);
        }
    }
}

struct CallOptions {
    std::string target;
    int duration_s = 10; // how long an answered call lasts before we hang up
    int ring_timeout_s = 40;
    bool hold = false; // put the call on hold and back once
    bool json = false;
    CallAudioOptions audio;
};

int run_call(CliContext &context, const CallOptions &options)
{
    Session session;
    if (auto started = session.start(context); !started) {
        print_error(started.error().message);
        return start_failure_exit_code(started.error());
    }
    auto placed = session.agent->call(options.target, options.audio.to_call_audio());
    if (!placed) {
        print_error(placed.error().message);
        return exit_failure;
    }
    const Printer printer{options.json};
    std::shared_ptr<Call> call = placed.value();
    bool answered = false;
    call->on_event([&](const CallEvent &event) {
        print_call_event(printer, event, *call);
        if (event.kind == CallEvent::Kind::answered) {
            answered = true;
            if (options.hold) {
                (void)call->hold();
            }
            session.stop_after(std::chrono::seconds(options.duration_s), [&] { call->hang_up(); });
        } else if (event.kind == CallEvent::Kind::held) {
            (void)call->resume();
        } else if (event.kind == CallEvent::Kind::ended) {
            session.loop.stop();
        }
    });
    session.stop_on_signal([&] { call->hang_up(); });
    session.stop_after(std::chrono::seconds(options.ring_timeout_s), [&] {
        if (!answered) {
            call->hang_up();
        }
    });
    session.loop.run();
    return answered ? exit_ok : exit_failure;
}

struct AnswerOptions {
    int calls = 1;      // answer this many calls, then exit
    int duration_s = 0; // 0: until the caller hangs up
    int wait_s = 60;    // give up when no call comes in this long
    bool json = false;
    CallAudioOptions audio;
};

int run_answer(CliContext &context, const AnswerOptions &options)
{
    Session session;
    if (auto started = session.start(context); !started) {
        print_error(started.error().message);
        return start_failure_exit_code(started.error());
    }
    const Printer printer{options.json};
    int ended = 0;
    bool failed = false;
    bool called = false; // the calls themselves are the agent's to keep, and only while they last
    bool registered = false;
    const auto print_counters = [&](bool final) {
        nlohmann::json counters = alive_counters(session.agent->alive());
        counters["final"] = final;
        printer.event("counters", counters);
    };
    const auto finish = [&] { session.agent->unregister(); };
    session.agent->on_registration([&](const RegistrationStatus &status) {
        printer.event(to_string(status.state), {{"reason", status.reason}, {"expires_s", status.expires_s}});
        if (status.state == RegistrationState::registered && !registered) {
            registered = true;
            print_counters(false); // what every later figure is compared with
        }
        if (status.state == RegistrationState::unregistered ||
            (status.state == RegistrationState::failed && !status.will_retry)) {
            failed = failed || status.state == RegistrationState::failed;
            session.loop.stop();
        }
    });
    session.agent->on_incoming_call([&](std::shared_ptr<Call> call) {
        called = true;
        printer.event("incoming", {{"call", call->id()}, {"peer", call->peer()}});
        // The handler lives in the call, so it may use the call; the timer
        // may outlive it, so it asks whether the call is still there.
        call->on_event([&, raw = call.get(), weak = std::weak_ptr<Call>(call)](const CallEvent &event) {
            print_call_event(printer, event, *raw);
            if (event.kind == CallEvent::Kind::answered && options.duration_s > 0) {
                session.stop_after(std::chrono::seconds(options.duration_s), [weak] {
                    if (const auto still = weak.lock()) {
                        still->hang_up();
                    }
                });
            }
            if (event.kind == CallEvent::Kind::ended) {
                // Once the agent has let go of the call, after this handler.
                boost::asio::post(session.loop, [&] { print_counters(false); });
                if (++ended >= options.calls) {
                    finish();
                }
            }
        });
        if (auto answered = call->answer(options.audio.to_call_audio()); !answered) {
            print_error("cannot answer: " + answered.error().message);
        }
    });
    session.agent->on_message([&](const IncomingMessage &message) {
        printer.event("message", {{"from", message.from}, {"type", message.content_type}, {"body", message.body}});
    });
    session.stop_on_signal(finish);
    session.stop_after(std::chrono::seconds(options.wait_s), [&] {
        if (!called) {
            failed = true;
            print_error("no call within " + std::to_string(options.wait_s) + " s");
            finish();
        }
    });
    session.agent->register_account();
    session.loop.run();
    print_counters(true);
    return !failed && ended >= options.calls ? exit_ok : exit_failure;
}

struct MessageOptions {
    std::string target;
    std::string text;
    std::string content_type = "text/plain;charset=utf-8";
    bool json = false;
};

int run_message(CliContext &context, const MessageOptions &options)
{
    Session session;
    if (auto started = session.start(context); !started) {
        print_error(started.error().message);
        return start_failure_exit_code(started.error());
    }
    RequestOutcome outcome;
    auto sent = session.agent->send_message(options.target, options.content_type, options.text,
                                            [&](const RequestOutcome &result) {
                                                outcome = result;
                                                session.loop.stop();
                                            });
    if (!sent) {
        print_error(sent.error().message);
        return exit_failure;
    }
    session.stop_on_signal([&] { session.loop.stop(); });
    session.loop.run();
    Printer{options.json}.event(
        outcome.status_code >= 200 && outcome.status_code < 300 ? "delivered" : "failed",
        {{"target", options.target}, {"status", outcome.status_code}, {"reason", outcome.reason}});
    return outcome.status_code >= 200 && outcome.status_code < 300 ? exit_ok : exit_failure;
}

} // namespace

void add_call_commands(CLI::App &app, CliContext &context, int &exit_code)
{
    auto call = std::make_shared<CallOptions>();
    CLI::App *call_command = app.add_subcommand("call", "Call TARGET as the settings' profile, then hang up");
    call_command->add_option("target", call->target, "The SIP URI to call, e.g. sip:bob@example.com")->required();
    call_command->add_option("--duration", call->duration_s, "Seconds the answered call lasts (default 10)")
        ->check(CLI::Range(0, 86400));
    call_command->add_option("--ring-timeout", call->ring_timeout_s, "Seconds to wait for an answer (default 40)")
        ->check(CLI::Range(1, 3600));
    call_command->add_flag("--hold", call->hold, "Put the answered call on hold and back once");
    call_command->add_flag("--json", call->json, "One JSON object per event");
    add_call_audio_options(*call_command, call->audio);
    call_command->callback([&context, &exit_code, call] { exit_code = run_call(context, *call); });

    auto answer = std::make_shared<AnswerOptions>();
    CLI::App *answer_command =
        app.add_subcommand("answer", "Register the settings' profile and answer incoming calls, then un-register");
    answer_command->add_option("--calls", answer->calls, "Calls to take before exiting (default 1)")
        ->check(CLI::Range(1, 1000));
    answer_command
        ->add_option("--duration", answer->duration_s,
                     "Seconds before hanging up an answered call (default: the caller hangs up)")
        ->check(CLI::Range(0, 86400));
    answer_command->add_option("--wait", answer->wait_s, "Seconds to wait for a first call (default 60)")
        ->check(CLI::Range(1, 86400));
    answer_command->add_flag("--json", answer->json, "One JSON object per event");
    add_call_audio_options(*answer_command, answer->audio);
    answer_command->callback([&context, &exit_code, answer] { exit_code = run_answer(context, *answer); });

    auto message = std::make_shared<MessageOptions>();
    CLI::App *message_command = app.add_subcommand("message", "Send TEXT to TARGET as an instant message");
    message_command->add_option("target", message->target, "The SIP URI to write to")->required();
    message_command->add_option("text", message->text, "The message")->required();
    message_command->add_option("--type", message->content_type, "Content type (default text/plain;charset=utf-8)");
    message_command->add_flag("--json", message->json, "The outcome as one JSON object");
    message_command->callback([&context, &exit_code, message] { exit_code = run_message(context, *message); });
}

} // namespace cordon::cli
