// cordon: the command-line face of the host. Each subcommand lives in its
// own file; this one wires them together and maps errors to exit codes.
#include <CLI/CLI.hpp>

#include <iostream>

#include "host/cli/cli_context.hpp"
#include "host/cli/commands.hpp"

int main(int argc, char **argv)
{
    using namespace cordon::cli;

    CLI::App app{"Cordon: a secure, plugin-based SIP/RTP client platform.", "cordon"};
    app.set_version_flag("--version", std::string("cordon ") + CORDON_VERSION);
    app.require_subcommand(1);

    GlobalOptions options;
    app.add_option(
        "--config", options.config_path,
        "Settings file (TOML). Default: $CORDON_CONFIG, else built-in defaults; see `cordon config explain`");
    app.add_option("--log-level", options.log_level, "Override log.level: error, warning, info or debug")
        ->check(CLI::IsMember({"error", "warning", "info", "debug"}));

    CliContext context(options);
    int exit_code = exit_ok;
    add_plugins_command(app, context, exit_code);
    add_plugin_command(app, context, exit_code);
    add_codec_command(app, context, exit_code);
    add_audio_command(app, exit_code);
    add_config_command(app, context, exit_code);
    add_sip_command(app, exit_code);
    add_register_command(app, context, exit_code);
    add_call_commands(app, context, exit_code);
    add_presence_command(app, context, exit_code);
    add_demo_command(app, context, exit_code);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp &help) {
        return app.exit(help);
    } catch (const CLI::CallForAllHelp &help) {
        return app.exit(help);
    } catch (const CLI::CallForVersion &version) {
        return app.exit(version);
    } catch (const CLI::ParseError &error) {
        app.exit(error);
        return exit_usage;
    }
    return exit_code;
}
