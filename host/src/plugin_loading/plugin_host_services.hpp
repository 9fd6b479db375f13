// The table of host services one plugin receives. Each plugin gets its own
// table so that its log lines carry its id.
#pragma once

#include <string>

#include "cordon/host/log.hpp"
#include "cordon/plugin.h"

namespace cordon {

// Longest plugin log message kept; the rest is cut so a plugin cannot flood
// or forge the host's log.
inline constexpr size_t max_plugin_log_bytes = 1024;

class PluginHostServices {
public:
    PluginHostServices(Logger &logger, std::string plugin_id);
    PluginHostServices(const PluginHostServices &) = delete;
    PluginHostServices &operator=(const PluginHostServices &) = delete;

    const cordon_host_services *table() const { return &table_; }

private:
    static void log(const cordon_host_services *host, cordon_log_level level, const char *message);
    static uint64_t monotonic_ns(const cordon_host_services *host);
    static const void *get_service(const cordon_host_services *host, const char *service_id);

    Logger &logger_;
    std::string plugin_id_;
    cordon_host_services table_{};
};

// Makes text from a plugin safe for one log line: valid UTF-8 with every
// control, bidirectional or invisible character and every byte that is not
// UTF-8 shown as an escape (displayable()), at most max_plugin_log_bytes.
std::string sanitize_plugin_text(const char *text);

} // namespace cordon
