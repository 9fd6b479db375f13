// Each function adds one subcommand to the app; its callback stores the
// command's exit code in exit_code.
#pragma once

#include <CLI/CLI.hpp>

#include "host/cli/cli_context.hpp"

namespace cordon::cli {

void add_plugins_command(CLI::App &app, CliContext &context, int &exit_code);
void add_plugin_command(CLI::App &app, CliContext &context, int &exit_code);
void add_codec_command(CLI::App &app, CliContext &context, int &exit_code);
void add_audio_command(CLI::App &app, int &exit_code);
void add_config_command(CLI::App &app, CliContext &context, int &exit_code);
void add_sip_command(CLI::App &app, int &exit_code);
void add_register_command(CLI::App &app, CliContext &context, int &exit_code);
void add_call_commands(CLI::App &app, CliContext &context, int &exit_code);
void add_presence_command(CLI::App &app, CliContext &context, int &exit_code);
void add_demo_command(CLI::App &app, CliContext &context, int &exit_code);

} // namespace cordon::cli
