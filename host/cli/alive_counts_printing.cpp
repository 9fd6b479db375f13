#include "host/cli/alive_counts_printing.hpp"

namespace cordon::cli {

nlohmann::json alive_counters(const AliveCounts &alive)
{
    nlohmann::json codecs = nlohmann::json::array();
    for (const CodecInstancesAlive &codec : alive.codec_instances) {
        codecs.push_back(
            {{"plugin", codec.plugin}, {"isolation", to_string(codec.isolation)}, {"instances", codec.instances}});
    }
    return nlohmann::json{{"calls", alive.calls},
                          {"call_objects", alive.call_objects},
                          {"dialogs", alive.dialogs},
                          {"transactions", alive.transactions},
                          {"media_streams", alive.media_streams},
                          {"subscriptions", alive.subscriptions},
                          {"watchers", alive.watchers},
                          {"codec_instances", codecs}};
}

} // namespace cordon::cli
