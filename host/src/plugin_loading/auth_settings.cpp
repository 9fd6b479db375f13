#include "cordon/host/auth.hpp"
#include "cordon/host/settings.hpp"
#include "core/ascii_text.hpp"

namespace cordon {

AuthParams auth_params_for(const AuthPlugin &plugin, bool refuse_md5)
{
    // refuse_md5 belongs to the Digest scheme (cordon/auth.h), so it goes to
    // whichever plugin answers Digest; the host knows no plugin by its id.
    if (equal_ignoring_ascii_case(plugin.scheme(), "Digest")) {
        return {{"refuse_md5", refuse_md5 ? "true" : "false"}};
    }
    return {};
}

AuthParams auth_params_from_settings(const Settings &settings, const AuthPlugin &plugin)
{
    return auth_params_for(plugin, settings.profile.refuse_md5);
}

} // namespace cordon
