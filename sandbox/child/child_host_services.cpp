#include "sandbox/child/child_host_services.hpp"

#include <unistd.h>

#include <cstring>
#include <ctime>
#include <string>

#include "core/ascii_chars.h"

namespace cordon::sandbox {
namespace {

constexpr uint64_t nanoseconds_per_second = 1000000000ULL;
constexpr char replacement_byte = '?';

const char *level_name(cordon_log_level level)
{
    switch (level) {
    case CORDON_LOG_ERROR:
        return "error";
    case CORDON_LOG_WARNING:
        return "warning";
    case CORDON_LOG_INFO:
        return "info";
    case CORDON_LOG_DEBUG:
        return "debug";
    }
    return "unknown-level";
}

// Control bytes (a newline above all) would let a plugin forge further log
// lines or terminal escapes; bytes from 0x80 up pass, UTF-8 being allowed.
void append_sanitised(std::string &line, std::string_view text)
{
    for (const char byte : text.substr(0, max_plugin_log_message_bytes)) {
        line.push_back(ascii_is_control(byte) ? replacement_byte : byte);
    }
}

// One write per line, so lines from the child do not interleave; a failed
// write (the host stopped reading) is not the plugin's concern.
void write_line(std::string &line)
{
    line.push_back('\n');
    [[maybe_unused]] const ssize_t written = write(STDERR_FILENO, line.data(), line.size());
}

void log_for_plugin(const cordon_host_services *, cordon_log_level level, const char *message)
{
    std::string line = std::string("plugin ") + level_name(level) + ": ";
    if (message != nullptr) {
        // strnlen: never read past the bound, even without a terminator.
        append_sanitised(line, std::string_view(message, strnlen(message, max_plugin_log_message_bytes)));
    }
    write_line(line);
}

uint64_t monotonic_ns(const cordon_host_services *)
{
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return static_cast<uint64_t>(now.tv_sec) * nanoseconds_per_second + static_cast<uint64_t>(now.tv_nsec);
}

// The child offers no further services.
const void *no_further_service(const cordon_host_services *, const char *) { return nullptr; }

const cordon_host_services child_services_table{sizeof(cordon_host_services),
                                                CORDON_ABI_MAJOR,
                                                CORDON_ABI_MINOR,
                                                nullptr,
                                                log_for_plugin,
                                                monotonic_ns,
                                                no_further_service};

} // namespace

const cordon_host_services &child_host_services() { return child_services_table; }

void log_child_line(std::string_view message)
{
    std::string line = "cordon-sandbox: ";
    append_sanitised(line, message);
    write_line(line);
}

} // namespace cordon::sandbox
