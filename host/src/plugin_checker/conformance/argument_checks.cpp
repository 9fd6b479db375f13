// What the plugin must check itself: frame sizes and null pointers.
#include "plugin_checker/conformance/case_text.hpp"
#include "plugin_checker/conformance/raw_checks.hpp"

namespace cordon::plugin_check {

CaseFailure check_argument_refusals(const cordon_codec_interface &raw, const ConformanceCase &the_case)
{
    RawInstance instance(&raw, the_case.config);
    if (!instance.ok()) {
        return "create: " + status_text(instance.create_status());
    }
    const size_t frame = instance.frame_samples();
    const auto pcm = frame_of(speech_for(the_case), 0, frame + 1);
    GuardedBuffer<uint8_t> packet(instance.info().max_packet_bytes);
    for (const size_t wrong : {frame - 1, frame + 1, size_t{0}}) {
        const CallResult result = instance.encode(std::span(pcm).first(wrong), packet);
        if (result.status != CORDON_STATUS_INVALID_ARGUMENT || result.length != 0) {
            return "encode of " + std::to_string(wrong) + " samples (a frame is " + std::to_string(frame) +
                   "): " + status_text(result.status);
        }
    }
    if (!packet.canary_intact()) {
        return std::string("an encode of the wrong frame size wrote past the packet");
    }

    std::vector<int16_t> samples(frame);
    std::vector<uint8_t> bytes(instance.info().max_packet_bytes);
    size_t length = 0;
    cordon_codec_instance *handle = instance.handle();
    const struct {
        const char *what;
        int status;
    } null_calls[] = {
        {"encode with null pcm", raw.encode(handle, nullptr, samples.size(), bytes.data(), bytes.size(), &length)},
        {"encode with a null packet",
         raw.encode(handle, samples.data(), samples.size(), nullptr, bytes.size(), &length)},
        {"encode with a null length",
         raw.encode(handle, samples.data(), samples.size(), bytes.data(), bytes.size(), nullptr)},
        {"encode with a null instance",
         raw.encode(nullptr, samples.data(), samples.size(), bytes.data(), bytes.size(), &length)},
        {"decode with a null packet", raw.decode(handle, nullptr, 10, samples.data(), samples.size(), &length)},
        {"decode with null pcm", raw.decode(handle, bytes.data(), 10, nullptr, samples.size(), &length)},
        {"reset of a null instance", raw.reset(nullptr)},
    };
    for (const auto &call : null_calls) {
        if (call.status != CORDON_STATUS_INVALID_ARGUMENT) {
            return std::string(call.what) + ": " + status_text(call.status);
        }
    }
    raw.destroy(nullptr); // must be harmless
    return std::nullopt;
}

} // namespace cordon::plugin_check
