// A codec instance driven through the plugin's raw C interface, with a
// canary zone after every output buffer, so the suite sees exactly what the
// plugin does with the memory it is given.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "cordon/codec.h"
#include "cordon/host/codec.hpp"

namespace cordon::plugin_check {

inline constexpr size_t canary_bytes = 64;
inline constexpr uint8_t canary_value = 0xA5;

// An output buffer of exactly `capacity` elements followed by a canary zone
// of the buffer's own size plus canary_bytes: a codec that trusts a length
// taken from a packet typically writes up to twice its buffer, which the
// zone then catches as a finding instead of the heap beyond it being
// corrupted (and the probe dying somewhere later, without naming the input).
template <class T> class GuardedBuffer {
public:
    explicit GuardedBuffer(size_t capacity)
        : capacity_(capacity), storage_(2 * capacity * sizeof(T) + canary_bytes, canary_value)
    {
    }
    T *data() { return reinterpret_cast<T *>(storage_.data()); }
    size_t capacity() const { return capacity_; }
    std::span<const T> first(size_t count) const { return {reinterpret_cast<const T *>(storage_.data()), count}; }
    bool canary_intact() const
    {
        for (size_t i = capacity_ * sizeof(T); i < storage_.size(); ++i) {
            if (storage_[i] != canary_value) {
                return false;
            }
        }
        return true;
    }

private:
    size_t capacity_;
    std::vector<uint8_t> storage_;
};

struct CallResult {
    int status = CORDON_STATUS_INTERNAL_ERROR;
    size_t length = 0;
};

class RawInstance {
public:
    RawInstance(const cordon_codec_interface *raw, const CodecConfig &config);
    ~RawInstance();
    RawInstance(const RawInstance &) = delete;
    RawInstance &operator=(const RawInstance &) = delete;

    int create_status() const { return create_status_; }
    bool ok() const { return instance_ != nullptr; }
    const cordon_codec_instance_info &info() const { return info_; }
    size_t frame_samples() const { return size_t{info_.frame_samples_per_channel} * channels_; }

    CallResult encode(std::span<const int16_t> pcm, GuardedBuffer<uint8_t> &packet);
    CallResult decode(std::span<const uint8_t> packet, GuardedBuffer<int16_t> &pcm);
    CallResult conceal(std::span<const uint8_t> next_packet, GuardedBuffer<int16_t> &pcm);
    int reset();

    cordon_codec_instance *handle() { return instance_; }
    const cordon_codec_interface *raw() const { return raw_; }

private:
    const cordon_codec_interface *raw_;
    cordon_codec_instance *instance_ = nullptr;
    cordon_codec_instance_info info_{};
    int create_status_ = CORDON_STATUS_INTERNAL_ERROR;
    uint32_t channels_;
};

struct ConformanceCase;

// The packets the instance makes of the first `count` frames of the case's
// speech; fewer when an encode fails or claims more than its buffer.
std::vector<std::vector<uint8_t>> encode_frames(RawInstance &instance, const ConformanceCase &the_case, size_t count);

} // namespace cordon::plugin_check
