// One call, made or received by a UserAgent (user_agent.hpp): its state,
// the media its offer and answer agreed on, and the events it reports.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "cordon/host/call_audio.hpp"
#include "cordon/host/result.hpp"
#include "cordon/host/transport.hpp"

namespace cordon {

// What a call's offer and answer agreed on.
struct CallMedia {
    std::string codec; // encoding name, e.g. "opus"
    std::uint32_t clock_rate = 0;
    std::uint32_t channels = 1;
    int payload_type = -1;
    Endpoint remote;       // where to send RTP
    std::string direction; // "sendrecv", "sendonly", "recvonly", "inactive", seen from this side
};

enum class CallState { calling, ringing, incoming, established, ended };

const char *to_string(CallState state);

struct CallEvent {
    enum class Kind { trying, ringing, answered, held, resumed, ended };
    Kind kind = Kind::trying;
    int status_code = 0; // of the response that caused it, when one did
    std::string reason;  // for ended: why ("hung up by the peer", "486 Busy Here", ...)
};

const char *to_string(CallEvent::Kind kind);

// One call, made or received. Calls on it run on the agent's loop thread.
class Call {
public:
    using EventHandler = std::function<void(const CallEvent &)>;
    virtual ~Call() = default;

    virtual const std::string &id() const = 0;   // the Call-ID
    virtual const std::string &peer() const = 0; // the other party's URI
    virtual bool incoming() const = 0;
    virtual CallState state() const = 0;
    virtual std::optional<CallMedia> media() const = 0;
    // What the call's audio did so far (and in the end); nothing before the
    // media was negotiated.
    virtual std::optional<MediaStats> media_stats() const = 0;
    virtual void on_event(EventHandler handler) = 0;

    // Incoming calls: accept, playing and recording as audio says (the
    // answer carries the codecs both support), or decline (486 Busy Here by
    // default). An offer media.encryption cannot accept was refused (488)
    // before the call was offered to the application.
    virtual Result<void> answer(const CallAudio &audio) = 0;
    virtual Result<void> decline(int status_code = 486) = 0;
    // Re-INVITE with sendonly (hold) or sendrecv (resume).
    virtual Result<void> hold() = 0;
    virtual Result<void> resume() = 0;
    // CANCEL before the answer, BYE after it; declines an incoming call.
    virtual void hang_up() = 0;
};

} // namespace cordon
