// What a transport plugin writes or passes to the host is tainted: each
// value is checked here before the host uses it, and text is never read past
// the array or bound the ABI gives it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "cordon/host/result.hpp"
#include "cordon/host/transport.hpp"
#include "cordon/transport.h"

namespace cordon {

// Text that must end with a NUL inside capacity bytes; nothing when it does
// not. Control characters and invalid UTF-8 come back as '?'.
std::optional<std::string> text_within(const char *text, size_t capacity);

// An address and port a plugin reported: the text NUL-terminated within
// CORDON_TRANSPORT_ADDRESS_BYTES and numeric. The error says what was wrong.
Result<Endpoint> reported_endpoint(const char *address, uint16_t port);

// The reason a plugin wrote into the host's buffer of capacity bytes, which
// the host zeroed: cut at the end of the buffer whatever the plugin wrote.
std::string reported_reason(const char *buffer, size_t capacity);

// flow_info as the plugin filled it. A listener has no remote end, so its
// remote address may be empty.
Result<FlowInfo> reported_flow_info(const cordon_flow_info &info, bool listener);

} // namespace cordon
