// How cordon-sandbox ends: the host's supervisor classifies a failed start
// by these, and the log line says the rest.
#pragma once

namespace cordon::sandbox {

enum ExitStatus : int {
    kExitServedUntilShutdown = 0,
    kExitUsage = 2,
    kExitRegionRefused = 3,
    kExitLockdownFailed = 4,
    kExitPluginNotLoaded = 5,   // dlopen failed or no entry symbol
    kExitDescriptorRefused = 6, // no descriptor, an invalid one, or not a codec
    kExitPluginInitFailed = 7,
    kExitNoCodecInterface = 8,
};

} // namespace cordon::sandbox
