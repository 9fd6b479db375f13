#include "demo/kamailio_config.hpp"

#include "demo/kamailio_templates.hpp"
#include "demo/server_support.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <vector>

namespace cordon::demo {

namespace {

constexpr std::string_view realm = "cordon.test";
constexpr std::string_view placeholder_open = "{{";
constexpr std::string_view placeholder_close = "}}";
constexpr int challenge_flag_qop_auth = 1; // auth module: qop="auth" in the challenge
constexpr int challenge_flag_stale = 16;   // auth module: stale=true in the challenge

bool valid_user_name(const std::string &name)
{
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
               c == '-';
    });
}

Result<void> check_users(const std::vector<SipUser> &users)
{
    for (const auto &user : users) {
        if (!valid_user_name(user.name)) {
            return Error{ErrorCode::invalid_argument,
                         "SIP user name '" + user.name + "': use letters, digits, '.', '_' and '-'"};
        }
        if (user.password.find_first_of("\r\n") != std::string::npos) {
            return Error{ErrorCode::invalid_argument, "password of " + user.name + " has a line break"};
        }
    }
    return {};
}

// db_text separates columns with ':' and escapes with '\'.
std::string db_text_value(const std::string &value)
{
    std::string escaped;
    for (const char c : value) {
        if (c == ':' || c == '\\') {
            escaped += '\\';
        }
        escaped += c;
    }
    return escaped;
}

// The HA1 columns are declared nullable: with plain-text passwords they stay
// empty, and db_text refuses an empty value in a column that is not.
std::string subscriber_table(const std::vector<SipUser> &users)
{
    std::string table = "id(int,auto) username(string) domain(string) password(string) ha1(string,null) "
                        "ha1b(string,null)\n";
    int id = 0;
    for (const auto &user : users) {
        table += std::to_string(++id) + ":" + user.name + ":" + std::string(realm) + ":" +
                 db_text_value(user.password) + "::\n";
    }
    return table;
}

// auth_db checks the version of the subscriber table it reads.
std::string version_table()
{
    return "id(int,auto) table_name(string) table_version(int)\n"
           "1:subscriber:7\n";
}

// The body of route[BASIC_CREDENTIALS]: base64 has no character that could
// end the config's string, and user names are checked above.
std::string basic_credentials_route(const std::vector<SipUser> &users)
{
    std::string route;
    for (const auto &user : users) {
        route += "\tif ($var(credentials) == \"" + basic_credentials(user) + "\") {\n\t\t$var(basic_user) = \"" +
                 user.name + "\";\n\t}\n";
    }
    return route;
}

std::string defines(const KamailioOptions &options)
{
    std::string text;
    if (options.basic_auth) {
        text += "#!define WITH_BASIC_AUTH\n";
    }
    if (options.stale_on_expired_nonce) {
        text += "#!define WITH_STALE_ON_EXPIRED_NONCE\n";
    }
    if (options.presence) {
        text += "#!define WITH_PRESENCE\n";
    }
    if (options.log_message_bodies) {
        text += "#!define WITH_MESSAGE_BODY_LOG\n";
    }
    return text;
}

} // namespace

KamailioLayout::KamailioLayout(const std::filesystem::path &root_directory)
    : root(root_directory), config(root / "kamailio.cfg"), tls_config(root / "tls.cfg"), database(root / "db"),
      tls(root / "tls"), run(root / "run"), pid_file(run / "kamailio.pid"), control_socket(root / "kamailio_ctl"),
      log(root / "kamailio.log")
{
}

Result<std::string> fill_template(std::string_view text, const std::map<std::string, std::string, std::less<>> &values)
{
    std::string filled;
    std::size_t position = 0;
    while (true) {
        const std::size_t open = text.find(placeholder_open, position);
        if (open == std::string_view::npos) {
            filled.append(text.substr(position));
            return filled;
        }
        const std::size_t close = text.find(placeholder_close, open);
        if (close == std::string_view::npos) {
            return Error{ErrorCode::malformed_input, "template: unterminated {{ at offset " + std::to_string(open)};
        }
        const std::size_t name_start = open + placeholder_open.size();
        const std::string_view name = text.substr(name_start, close - name_start);
        const auto value = values.find(name);
        if (value == values.end()) {
            return Error{ErrorCode::malformed_input, "template: no value for {{" + std::string(name) + "}}"};
        }
        filled.append(text.substr(position, open - position));
        filled.append(value->second);
        position = close + placeholder_close.size();
    }
}

std::string basic_credentials(const SipUser &user)
{
    const std::string plain = user.name + ":" + user.password;
    std::vector<unsigned char> encoded(4 * ((plain.size() + 2) / 3) + 1);
    const int length = EVP_EncodeBlock(encoded.data(), reinterpret_cast<const unsigned char *>(plain.data()),
                                       static_cast<int>(plain.size()));
    return "Basic " + std::string(reinterpret_cast<const char *>(encoded.data()), static_cast<std::size_t>(length));
}

Result<void> write_kamailio_files(const KamailioLayout &layout, const KamailioOptions &options,
                                  const KamailioPorts &ports, const CertificateFiles &certificates)
{
    if (auto checked = check_users(options.users); !checked) {
        return checked;
    }
    std::error_code error;
    for (const auto &directory : {layout.database, layout.run}) {
        if (!std::filesystem::create_directories(directory, error) && error) {
            return Error{ErrorCode::io, "cannot create " + directory.string() + ": " + error.message()};
        }
    }

    const int qop = options.digest_qop ? challenge_flag_qop_auth : 0;
    const std::map<std::string, std::string, std::less<>> values{
        {"DEFINES", defines(options)},
        {"UDP_PORT", std::to_string(ports.udp)},
        {"TCP_PORT", std::to_string(ports.tcp)},
        {"TLS_PORT", std::to_string(ports.tls)},
        {"CONTROL_SOCKET", layout.control_socket.string()},
        {"DB_DIRECTORY", layout.database.string()},
        {"TLS_CONFIG", layout.tls_config.string()},
        {"DIGEST_ALGORITHM", options.digest_algorithm == DigestAlgorithm::sha256 ? "SHA-256" : "MD5"},
        {"NONCE_EXPIRE_SECONDS", std::to_string(options.nonce_expire.count())},
        {"CHALLENGE_FLAGS", std::to_string(qop)},
        {"STALE_CHALLENGE_FLAGS", std::to_string(qop | challenge_flag_stale)},
        {"BASIC_CREDENTIALS", basic_credentials_route(options.users)},
        {"SERVER_CERTIFICATE", certificates.certificate.string()},
        {"SERVER_KEY", certificates.private_key.string()},
    };

    const std::pair<std::string_view, const std::filesystem::path &> generated[] = {
        {kamailio_cfg_template, layout.config},
        {tls_cfg_template, layout.tls_config},
    };
    for (const auto &[text, target] : generated) {
        auto filled = fill_template(text, values);
        if (!filled) {
            return Error{filled.error().code, target.filename().string() + " template: " + filled.error().message};
        }
        if (auto written = write_text(target, *filled); !written) {
            return written;
        }
    }
    if (auto written = write_text(layout.database / "version", version_table()); !written) {
        return written;
    }
    return write_text(layout.database / "subscriber", subscriber_table(options.users));
}

} // namespace cordon::demo
