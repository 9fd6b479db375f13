// The codecs a call offers: every format of the loaded codec plugins, the
// widest audio band first (Opus before wideband Speex before G.711), with
// static payload types where RTP/AVP has one and dynamic ones (96-127)
// otherwise. With names (UserAgentOptions::codecs), only those, in that order.
#pragma once

#include <string>
#include <vector>

#include "cordon/host/plugins.hpp"
#include "cordon/host/result.hpp"
#include "sip/session_description.hpp"

namespace cordon::ua {

// Errors: not_found (a name no loaded plugin serves, listing those that exist).
Result<std::vector<sip::MediaCodec>> offered_codecs(const PluginRegistry &plugins,
                                                    const std::vector<std::string> &names = {});

} // namespace cordon::ua
