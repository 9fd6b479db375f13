// The [encryption] settings of bodies turned into a ready BodyProtection:
// the files read (each bounded, each failure naming the setting and the
// file), the own identity made by the plugin, every peer certificate
// checked once by encrypting an empty body to it, so that a wrong file is
// an error at start rather than at the first message.
#pragma once

#include "body_protection/body_protection.hpp"
#include "cordon/host/plugins.hpp"

namespace cordon {

// The first body encryption plugin of registry is used (none: sending
// what must be encrypted fails, and so does receiving S/MIME). Errors have
// code config and name the setting and the file; the registry must outlive
// the result.
Result<BodyProtection> load_body_protection(const BodyEncryptionSettings &settings, const PluginRegistry &registry);

} // namespace cordon
