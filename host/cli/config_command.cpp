// `cordon config explain|check`: every setting with its default and security
// note, and a check of a settings file without starting anything.
#include <iostream>

#include "host/cli/commands.hpp"

namespace cordon::cli {

void add_config_command(CLI::App &app, CliContext &context, int &exit_code)
{
    CLI::App *config = app.add_subcommand("config", "Explain and check settings");
    config->require_subcommand(1);

    CLI::App *explain =
        config->add_subcommand("explain", "Print every setting with its type, default and security note");
    explain->callback([&exit_code] {
        explain_settings(std::cout);
        exit_code = exit_ok;
    });

    auto file = std::make_shared<std::string>();
    CLI::App *check = config->add_subcommand("check", "Read a settings file and report every problem in it");
    check->add_option("FILE", *file, "Settings file (default: --config or $CORDON_CONFIG)");
    check->callback([file, &context, &exit_code] {
        if (file->empty()) {
            if (context.settings() == nullptr) {
                exit_code = exit_failure;
                return;
            }
            std::cout << "settings ok\n";
            exit_code = exit_ok;
            return;
        }
        auto loaded = load_settings(*file);
        if (!loaded) {
            std::cerr << loaded.error().message << '\n';
            exit_code = exit_failure;
            return;
        }
        std::cout << *file << ": ok\n";
        exit_code = exit_ok;
    });
}

} // namespace cordon::cli
