// How cordon-sandbox ends: the host's supervisor classifies a failed start
// by these, and the log line says the rest.
#pragma once

namespace cordon::sandbox {

enum ExitStatus : int {
    exit_served_until_shutdown = 0,
    exit_usage = 2,
    exit_region_refused = 3,
    exit_lockdown_failed = 4,
    exit_plugin_not_loaded = 5,  // dlopen failed or no entry symbol
    exit_descriptor_refused = 6, // no descriptor, an invalid one, or not a codec
    exit_plugin_init_failed = 7,
    exit_no_codec_interface = 8,
};

} // namespace cordon::sandbox
