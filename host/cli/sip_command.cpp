// `cordon sip check FILE... [--json]`: each file read as one received SIP
// message and judged as the host would judge it off the wire.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>

#include <nlohmann/json.hpp>

#include "host/cli/commands.hpp"
#include "sip/limits.hpp"
#include "sip/received_message.hpp"

namespace cordon::cli {
namespace {

struct FileVerdict {
    std::string file;
    std::optional<std::string> reason; // empty when valid
};

FileVerdict check_file(const std::string &path)
{
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        return {path, "cannot read: " + std::string(std::strerror(errno))};
    }
    // One byte over the limit is enough for the parser to refuse the size.
    std::string bytes(sip::max_message_bytes + 1, '\0');
    file.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (file.bad()) {
        return {path, "cannot read: " + std::string(std::strerror(errno))};
    }
    bytes.resize(static_cast<std::size_t>(file.gcount()));
    const auto outcome = sip::parse_received_message(bytes);
    if (!outcome.message) {
        return {path, outcome.message.error().message};
    }
    return {path, std::nullopt};
}

} // namespace

void add_sip_command(CLI::App &app, int &exit_code)
{
    CLI::App *sip = app.add_subcommand("sip", "SIP signalling tools");
    sip->require_subcommand(1);

    auto files = std::make_shared<std::vector<std::string>>();
    auto json = std::make_shared<bool>(false);
    CLI::App *check = sip->add_subcommand("check", "Parse and validate files as received SIP messages");
    check->add_option("FILE", *files, "One SIP message per file, as received in one datagram")->required();
    check->add_flag("--json", *json, "Print a JSON array of {file, verdict, reason}");
    check->callback([files, json, &exit_code] {
        auto report = nlohmann::json::array();
        exit_code = exit_ok;
        for (const auto &path : *files) {
            const FileVerdict verdict = check_file(path);
            if (verdict.reason) {
                exit_code = exit_failure;
            }
            if (*json) {
                report.push_back({{"file", verdict.file},
                                  {"verdict", verdict.reason ? "invalid" : "valid"},
                                  {"reason", verdict.reason ? nlohmann::json(*verdict.reason) : nlohmann::json()}});
            } else if (verdict.reason) {
                std::cout << verdict.file << ": invalid: " << *verdict.reason << '\n';
            } else {
                std::cout << verdict.file << ": valid\n";
            }
        }
        if (*json) {
            std::cout << report.dump(2) << '\n';
        }
    });
}

} // namespace cordon::cli
