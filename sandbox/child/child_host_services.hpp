// The host-services table the child hands its plugin. It is the child's own:
// no host pointer is involved, and a log line goes to stderr, the pipe the
// host reads as this plugin's log.
#pragma once

#include <string_view>

#include "cordon/plugin.h"

namespace cordon::sandbox {

// A plugin's message is cut to this many bytes before it is written.
inline constexpr size_t max_plugin_log_message_bytes = 512;

const cordon_host_services &child_host_services();

// One line of the child's own on stderr ("cordon-sandbox: ..."), in a single
// write, sanitised and bounded like a plugin's.
void log_child_line(std::string_view message);

} // namespace cordon::sandbox
