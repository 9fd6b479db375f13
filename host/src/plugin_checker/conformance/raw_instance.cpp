#include "plugin_checker/conformance/raw_instance.hpp"

#include "plugin_abi/codec_contract.hpp"
#include "plugin_checker/conformance_case.hpp"

namespace cordon::plugin_check {

RawInstance::RawInstance(const cordon_codec_interface *raw, const CodecConfig &config)
    : raw_(raw), channels_(config.channels)
{
    std::vector<cordon_codec_param> params;
    const cordon_codec_config abi_config = to_abi_config(config, params);
    info_.struct_size = sizeof(info_);
    create_status_ = static_cast<int>(raw_->create(&abi_config, &instance_, &info_));
    if (create_status_ != CORDON_STATUS_OK) {
        instance_ = nullptr;
    }
}

RawInstance::~RawInstance() { raw_->destroy(instance_); }

CallResult RawInstance::encode(std::span<const int16_t> pcm, GuardedBuffer<uint8_t> &packet)
{
    CallResult result;
    result.length = SIZE_MAX; // a plugin must set it, even on failure
    result.status = static_cast<int>(
        raw_->encode(instance_, pcm.data(), pcm.size(), packet.data(), packet.capacity(), &result.length));
    return result;
}

CallResult RawInstance::decode(std::span<const uint8_t> packet, GuardedBuffer<int16_t> &pcm)
{
    CallResult result;
    result.length = SIZE_MAX;
    result.status = static_cast<int>(
        raw_->decode(instance_, packet.data(), packet.size(), pcm.data(), pcm.capacity(), &result.length));
    return result;
}

CallResult RawInstance::conceal(std::span<const uint8_t> next_packet, GuardedBuffer<int16_t> &pcm)
{
    CallResult result;
    result.length = SIZE_MAX;
    const uint8_t *next = next_packet.empty() ? nullptr : next_packet.data();
    result.status = static_cast<int>(
        raw_->conceal(instance_, next, next_packet.size(), pcm.data(), pcm.capacity(), &result.length));
    return result;
}

int RawInstance::reset() { return static_cast<int>(raw_->reset(instance_)); }

std::vector<std::vector<uint8_t>> encode_frames(RawInstance &instance, const ConformanceCase &the_case, size_t count)
{
    const media::Pcm signal = speech_for(the_case);
    std::vector<std::vector<uint8_t>> packets;
    for (size_t i = 0; i < count; ++i) {
        GuardedBuffer<uint8_t> packet(instance.info().max_packet_bytes);
        const CallResult result = instance.encode(frame_of(signal, i, instance.frame_samples()), packet);
        if (result.status != CORDON_STATUS_OK || result.length > packet.capacity()) {
            break;
        }
        const auto bytes = packet.first(result.length);
        packets.emplace_back(bytes.begin(), bytes.end());
    }
    return packets;
}

} // namespace cordon::plugin_check
