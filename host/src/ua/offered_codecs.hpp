// The codecs a call offers: every format of the loaded codec plugins, the
// widest audio band first (Opus before wideband Speex before G.711), with
// static payload types where RTP/AVP has one and dynamic ones (96-127)
// otherwise.
#pragma once

#include <vector>

#include "cordon/host/plugins.hpp"
#include "sip/session_description.hpp"

namespace cordon::ua {

std::vector<sip::MediaCodec> offered_codecs(const PluginRegistry &plugins);

}  // namespace cordon::ua
