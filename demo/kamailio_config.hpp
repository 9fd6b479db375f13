// The files one Kamailio run needs, all under one fresh directory: its config
// (made from the templates in demo/kamailio/, built into the library), the db_text
// tables of subscribers, and where its pid file, control socket and log go.
#pragma once

#include "demo/kamailio_options.hpp"

#include <cordon/host/result.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

namespace cordon::demo {

struct KamailioLayout {
    explicit KamailioLayout(const std::filesystem::path &root);

    std::filesystem::path root;
    std::filesystem::path config;     // kamailio.cfg
    std::filesystem::path tls_config; // tls.cfg
    std::filesystem::path database;   // db_text tables: version, subscriber
    std::filesystem::path tls;        // CA, server certificate and key
    std::filesystem::path run;        // Kamailio's runtime directory (-Y)
    std::filesystem::path pid_file;
    std::filesystem::path control_socket; // ctl module: kamcmd -s unix:PATH
    std::filesystem::path log;            // Kamailio's stderr
};

// Replaces every {{NAME}} in `text` by values[NAME]; a name without a value
// is an error, so a typo in a template never reaches Kamailio.
Result<std::string> fill_template(std::string_view text, const std::map<std::string, std::string, std::less<>> &values);

// "Basic " + base64(user ":" password), as RFC 7617 builds it.
std::string basic_credentials(const SipUser &user);

// Creates the directories of `layout` and writes kamailio.cfg, tls.cfg and
// the tables, for Kamailio to listen on `ports` and present `certificates`.
Result<void> write_kamailio_files(const KamailioLayout &layout, const KamailioOptions &options,
                                  const KamailioPorts &ports, const CertificateFiles &certificates);

} // namespace cordon::demo
