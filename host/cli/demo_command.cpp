// `cordon demo`: the main job in one command. A complete secure call on this
// machine between two Cordon user agents through a Kamailio it starts on
// loopback (demo/demo_call.hpp does the call), then a short summary or, with
// --json, one object. Exit 0 only when every check of demo/demo_checks.hpp
// passed. The WAV files (what each side played and heard) are kept: in a fresh
// directory under $TMPDIR, or in --keep DIR.
#include <cstdlib>
#include <iostream>

#include "demo/demo_call.hpp"
#include "host/cli/commands.hpp"
#include "host/cli/demo_summary.hpp"

namespace cordon::cli {

namespace {

struct DemoOptions {
    double seconds = demo::default_speech_seconds;
    bool json = false;
    std::string keep_directory;
};

Result<std::filesystem::path> make_run_directory(const DemoOptions &options)
{
    std::error_code error;
    if (!options.keep_directory.empty()) {
        std::filesystem::create_directories(options.keep_directory, error);
        if (error) {
            return Error{ErrorCode::io, "cannot create " + options.keep_directory + ": " + error.message()};
        }
        return std::filesystem::absolute(options.keep_directory);
    }
    const auto temporary = std::filesystem::temp_directory_path(error);
    if (error) {
        return Error{ErrorCode::io, "no temporary directory: " + error.message()};
    }
    std::string name = (temporary / "cordon-demo-XXXXXX").string();
    if (mkdtemp(name.data()) == nullptr) {
        return Error{ErrorCode::io, "cannot create a directory like " + name};
    }
    return std::filesystem::path(name);
}

int run(CliContext &context, const DemoOptions &options)
{
    auto directory = make_run_directory(options);
    if (!directory) {
        print_error(directory.error().message);
        return exit_failure;
    }
    if (!options.json) {
        std::cout << "Starting Kamailio on loopback and two agents (alice, bob); the call lasts about "
                  << options.seconds << " s..." << std::endl;
    }
    demo::DemoCallOptions call;
    call.speech_seconds = options.seconds;
    call.run_directory = *directory;
    auto report = demo::run_demo_call(call, context.logger());
    if (!report) {
        print_error("the demo could not run: " + report.error().message);
        return exit_failure;
    }
    if (options.json) {
        std::cout << demo_json(*report, *directory).dump() << std::endl;
    } else {
        print_demo_summary(std::cout, *report, *directory);
    }
    return report->passed() ? exit_ok : exit_failure;
}

} // namespace

void add_demo_command(CLI::App &app, CliContext &context, int &exit_code)
{
    auto options = std::make_shared<DemoOptions>();
    CLI::App *command = app.add_subcommand(
        "demo", "A complete secure call on this machine: Kamailio on loopback, TLS, SHA-256 digest, SRTP, "
                "Opus in the sandbox, speech both ways, measured");
    command->add_option("--seconds", options->seconds, "How long each side speaks (default 6)")
        ->check(CLI::Range(1.0, static_cast<double>(demo::max_speech_seconds)));
    command->add_flag("--json", options->json, "Print one JSON object instead of the summary");
    command
        ->add_option("--keep", options->keep_directory,
                     "Write the WAV files into DIR (created if needed) instead of a fresh directory under $TMPDIR")
        ->type_name("DIR");
    command->callback([&context, &exit_code, options] { exit_code = run(context, *options); });
}

} // namespace cordon::cli
