// The names the public API's enums are printed with (logs, the CLI's
// output and --json).
#include "cordon/host/call.hpp"
#include "cordon/host/call_audio.hpp"
#include "cordon/host/presence.hpp"
#include "cordon/host/registration.hpp"

namespace cordon {

const char *to_string(RegistrationState state)
{
    switch (state) {
    case RegistrationState::unregistered:
        return "unregistered";
    case RegistrationState::registering:
        return "registering";
    case RegistrationState::registered:
        return "registered";
    case RegistrationState::failed:
        return "failed";
    }
    return "unknown";
}

const char *to_string(CallState state)
{
    switch (state) {
    case CallState::calling:
        return "calling";
    case CallState::ringing:
        return "ringing";
    case CallState::incoming:
        return "incoming";
    case CallState::established:
        return "established";
    case CallState::ended:
        return "ended";
    }
    return "unknown";
}

const char *to_string(MediaEncryption mode)
{
    switch (mode) {
    case MediaEncryption::required:
        return "required";
    case MediaEncryption::optional:
        return "optional";
    case MediaEncryption::off:
        return "off";
    }
    return "unknown";
}

const char *to_string(PresenceBasic basic)
{
    switch (basic) {
    case PresenceBasic::unknown:
        return "unknown";
    case PresenceBasic::open:
        return "open";
    case PresenceBasic::closed:
        return "closed";
    }
    return "unknown";
}

const char *to_string(SubscriptionState state)
{
    switch (state) {
    case SubscriptionState::pending:
        return "pending";
    case SubscriptionState::active:
        return "active";
    case SubscriptionState::terminated:
        return "terminated";
    }
    return "unknown";
}

const char *to_string(CallEvent::Kind kind)
{
    switch (kind) {
    case CallEvent::Kind::trying:
        return "trying";
    case CallEvent::Kind::ringing:
        return "ringing";
    case CallEvent::Kind::answered:
        return "answered";
    case CallEvent::Kind::held:
        return "held";
    case CallEvent::Kind::resumed:
        return "resumed";
    case CallEvent::Kind::ended:
        return "ended";
    }
    return "unknown";
}

} // namespace cordon
