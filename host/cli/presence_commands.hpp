// The subcommands of `cordon presence`, each added to the group by its own
// file.
#pragma once

#include <CLI/CLI.hpp>

#include "host/cli/cli_context.hpp"

namespace cordon::cli {

void add_presence_watch_command(CLI::App &presence, CliContext &context, int &exit_code);
void add_presence_publish_command(CLI::App &presence, CliContext &context, int &exit_code);

} // namespace cordon::cli
