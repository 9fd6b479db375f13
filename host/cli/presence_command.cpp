// `cordon presence`: watch contacts, or publish this user's status.
#include "host/cli/commands.hpp"
#include "host/cli/presence_commands.hpp"

namespace cordon::cli {

void add_presence_command(CLI::App &app, CliContext &context, int &exit_code)
{
    CLI::App *presence =
        app.add_subcommand("presence", "Watch contacts' presence, or publish this user's, as the settings' profile");
    presence->require_subcommand(1);
    add_presence_watch_command(*presence, context, exit_code);
    add_presence_publish_command(*presence, context, exit_code);
}

} // namespace cordon::cli
