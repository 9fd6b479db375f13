// What an agent holds that must come back to where it was once a call has
// ended, however it ended: UserAgent::alive less the transactions, whose
// timers end them a while after they finished.
#pragma once

#include <cstddef>
#include <string>

#include "cordon/host/user_agent.hpp"

namespace cordon::test {

struct Settled {
    std::size_t calls, call_objects, dialogs, media_streams, subscriptions, watchers, codec_instances;
    bool operator==(const Settled &) const = default;
};

inline Settled settled(const AliveCounts &alive)
{
    std::size_t codecs = 0;
    for (const auto &codec : alive.codec_instances) {
        codecs += codec.instances;
    }
    return {alive.calls,         alive.call_objects, alive.dialogs, alive.media_streams,
            alive.subscriptions, alive.watchers,     codecs};
}

inline std::string describe(const Settled &s)
{
    return "calls " + std::to_string(s.calls) + ", call objects " + std::to_string(s.call_objects) + ", dialogs " +
           std::to_string(s.dialogs) + ", media streams " + std::to_string(s.media_streams) + ", subscriptions " +
           std::to_string(s.subscriptions) + ", watchers " + std::to_string(s.watchers) + ", codec instances " +
           std::to_string(s.codec_instances);
}

} // namespace cordon::test
