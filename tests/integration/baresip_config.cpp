#include "tests/integration/baresip_config.hpp"

#include "demo/server_support.hpp"
#include "tests/integration/kamailio_fixture.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#ifndef CORDON_BARESIP_TEMPLATE_DIR
#error "CORDON_BARESIP_TEMPLATE_DIR must name tests/integration/baresip"
#endif

namespace cordon::test {

namespace {

constexpr std::string_view domain = "cordon.test";
// Once registered, the account holds for the whole test.
constexpr int registration_interval_seconds = 600;

bool only(std::string_view text, std::string_view extra)
{
    return !text.empty() && std::all_of(text.begin(), text.end(), [extra](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               extra.find(c) != std::string_view::npos;
    });
}

// baresip splits the account line at ';' and '=', quotes with '"' and
// ends the address at '>': a password with any of them would change the line.
bool safe_password(std::string_view password)
{
    return password.find_first_of(";=\"<> \t\r\n\\,") == std::string_view::npos;
}

Result<std::string> read_template(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return Error{ErrorCode::not_found, "cannot read " + path.string()};
    }
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

BaresipLayout::BaresipLayout(const std::filesystem::path &root_directory)
    : root(root_directory), config(root / "config"), accounts(root / "accounts"), recordings(root / "recordings"),
      calls(root / "calls"), log(root / "baresip.log")
{
}

Result<std::string> baresip_account_line(const BaresipOptions &options)
{
    if (!only(options.user.name, "._-") || !safe_password(options.user.password) || options.user.password.empty()) {
        return Error{ErrorCode::invalid_argument, "baresip account '" + options.user.name +
                                                      "': names are letters, digits, '.', '_' and '-'; passwords "
                                                      "have no spaces and none of ;=\"<>\\,"};
    }
    if (!only(options.audio_codec, "/-_") ||
        (!options.media_encryption.empty() && !only(options.media_encryption, "-_"))) {
        return Error{ErrorCode::invalid_argument, "baresip account: codec '" + options.audio_codec +
                                                      "' or media encryption '" + options.media_encryption +
                                                      "' is not a plain name"};
    }
    if (options.kamailio_tls_port == 0) {
        return Error{ErrorCode::invalid_argument, "baresip account: Kamailio's TLS port is not set"};
    }
    std::string line = "<sip:" + options.user.name + "@" + std::string(domain) +
                       ";transport=tls>;auth_pass=" + options.user.password +
                       ";outbound=\"sip:127.0.0.1:" + std::to_string(options.kamailio_tls_port) + ";transport=tls\"";
    if (!options.media_encryption.empty()) {
        line += ";mediaenc=" + options.media_encryption;
    }
    line += ";audio_codecs=" + options.audio_codec + ";regint=" + std::to_string(registration_interval_seconds);
    return line;
}

Result<void> write_baresip_files(const BaresipLayout &layout, const BaresipOptions &options, const BaresipPorts &ports,
                                 const SourceFormat &source)
{
    std::error_code error;
    for (const auto &directory : {layout.root, layout.recordings, layout.calls}) {
        std::filesystem::create_directories(directory, error);
        if (error) {
            return Error{ErrorCode::io, "cannot create " + directory.string() + ": " + error.message()};
        }
    }
    auto text = read_template(std::filesystem::path(CORDON_BARESIP_TEMPLATE_DIR) / "config");
    if (!text) {
        return text.error();
    }
    auto config = fill_template(*text, {{"SIP_PORT", std::to_string(ports.sip)},
                                        {"CONTROL_PORT", std::to_string(ports.control)},
                                        {"CA_FILE", options.ca_file.string()},
                                        {"SOURCE_WAV", options.source_wav.string()},
                                        {"SOURCE_RATE", std::to_string(source.sample_rate)},
                                        {"SOURCE_CHANNELS", std::to_string(source.channels)},
                                        {"MODULE_PATH", options.module_path.string()},
                                        {"RECORDINGS", layout.recordings.string()}});
    if (!config) {
        return config.error();
    }
    if (auto written = demo::write_text(layout.config, *config); !written) {
        return written;
    }
    return demo::write_text(layout.accounts, "");
}

} // namespace cordon::test
