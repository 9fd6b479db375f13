#include "plugin_loading/plugin_host_services.hpp"

#include <chrono>
#include <cstring>

#include "core/display_text.hpp"

namespace cordon {

namespace {

LogLevel level_from_abi(int level)
{
    switch (level) {
    case CORDON_LOG_ERROR:
        return LogLevel::error;
    case CORDON_LOG_WARNING:
        return LogLevel::warning;
    case CORDON_LOG_INFO:
        return LogLevel::info;
    default:
        return LogLevel::debug;
    }
}

} // namespace

std::string sanitize_plugin_text(const char *text)
{
    if (text == nullptr) {
        return "(null)";
    }
    // One byte past the bound, so displayable() can tell the text was cut.
    return displayable(std::string_view(text, strnlen(text, max_plugin_log_bytes + 1)), max_plugin_log_bytes);
}

PluginHostServices::PluginHostServices(Logger &logger, std::string plugin_id)
    : logger_(logger), plugin_id_(std::move(plugin_id))
{
    table_.struct_size = sizeof(cordon_host_services);
    table_.abi_major = CORDON_ABI_MAJOR;
    table_.abi_minor = CORDON_ABI_MINOR;
    table_.host_data = this;
    table_.log = &PluginHostServices::log;
    table_.monotonic_ns = &PluginHostServices::monotonic_ns;
    table_.get_service = &PluginHostServices::get_service;
}

void PluginHostServices::log(const cordon_host_services *host, cordon_log_level level, const char *message)
{
    if (host == nullptr || host->host_data == nullptr) {
        return;
    }
    const auto *self = static_cast<const PluginHostServices *>(host->host_data);
    self->logger_.write(level_from_abi(static_cast<int>(level)), self->plugin_id_, sanitize_plugin_text(message));
}

uint64_t PluginHostServices::monotonic_ns(const cordon_host_services * /*host*/)
{
    const auto now = std::chrono::steady_clock::now().time_since_epoch();
    return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(now).count());
}

const void *PluginHostServices::get_service(const cordon_host_services * /*host*/, const char * /*service_id*/)
{
    // No optional services exist in ABI 1.0; transports bring fd watches and timers.
    return nullptr;
}

} // namespace cordon
