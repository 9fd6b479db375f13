#include <strings.h>

#include "cordon/host/auth.hpp"
#include "cordon/host/settings.hpp"

namespace cordon {

AuthParams auth_params_from_settings(const Settings &settings, const AuthPlugin &plugin)
{
    // refuse_md5 belongs to the Digest scheme (cordon/auth.h), so it goes to
    // whichever plugin answers Digest; the host knows no plugin by its id.
    if (strcasecmp(plugin.scheme().c_str(), "Digest") == 0) {
        return {{"refuse_md5", settings.auth_refuse_md5 ? "true" : "false"}};
    }
    return {};
}

} // namespace cordon
