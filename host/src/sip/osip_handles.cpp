#include "sip/osip_handles.hpp"

#include <cstdarg>
#include <mutex>
#include <string>

#include <osipparser2/osip_parser.h>
#include <osipparser2/osip_port.h>

namespace cordon::sip {
namespace {

void discard_trace(const char *, int, osip_trace_level_t, const char *, va_list) {}

} // namespace

void prepare_osip()
{
    static std::once_flag once;
    std::call_once(once, [] {
        osip_trace_initialize_func(END_TRACE_LEVEL, discard_trace);
        for (int level = TRACE_LEVEL0; level < END_TRACE_LEVEL; ++level) {
            osip_trace_disable_level(static_cast<osip_trace_level_t>(level));
        }
        parser_init();
    });
}

OsipMessage parse_osip_message(std::string_view text)
{
    prepare_osip();
    osip_message_t *raw = nullptr;
    if (osip_message_init(&raw) != OSIP_SUCCESS) {
        return nullptr;
    }
    OsipMessage message(raw);
    if (osip_message_parse(message.get(), text.data(), text.size()) != OSIP_SUCCESS) {
        return nullptr;
    }
    return message;
}

OsipUri parse_osip_uri(std::string_view text)
{
    prepare_osip();
    // osip_uri_parse reads a C string: a NUL inside would silently shorten it.
    if (text.find('\0') != std::string_view::npos) {
        return nullptr;
    }
    osip_uri_t *raw = nullptr;
    if (osip_uri_init(&raw) != OSIP_SUCCESS) {
        return nullptr;
    }
    OsipUri uri(raw);
    const std::string terminated(text);
    if (osip_uri_parse(uri.get(), terminated.c_str()) != OSIP_SUCCESS) {
        return nullptr;
    }
    return uri;
}

} // namespace cordon::sip
