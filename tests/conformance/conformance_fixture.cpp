#include "conformance_fixture.hpp"

#include <algorithm>

#include "media/speech_signal.hpp"

namespace cordon::conformance {

media::Pcm CodecConformance::speech() const
{
    return media::generate_speech_like(config().sample_rate, config().channels, test_signal_seconds,
                                       test_signal_seed);
}

std::vector<int16_t> CodecConformance::frame(const media::Pcm &signal, size_t index, size_t frame_samples)
{
    std::vector<int16_t> samples(frame_samples, 0);
    const size_t start = index * frame_samples;
    if (start < signal.samples.size()) {
        const size_t available = std::min(frame_samples, signal.samples.size() - start);
        std::copy_n(signal.samples.begin() + static_cast<std::ptrdiff_t>(start), available, samples.begin());
    }
    return samples;
}

std::vector<std::vector<uint8_t>> CodecConformance::encode_frames(RawInstance &instance, size_t count) const
{
    const media::Pcm signal = speech();
    std::vector<std::vector<uint8_t>> packets;
    for (size_t i = 0; i < count; ++i) {
        GuardedBuffer<uint8_t> packet(instance.info().max_packet_bytes);
        const auto pcm = frame(signal, i, instance.frame_samples());
        const CallResult result = instance.encode(pcm, packet);
        EXPECT_EQ(result.status, CORDON_STATUS_OK) << "frame " << i;
        if (result.status != CORDON_STATUS_OK || result.length > packet.capacity()) {
            break;
        }
        const auto bytes = packet.first(result.length);
        packets.emplace_back(bytes.begin(), bytes.end());
    }
    return packets;
}

}  // namespace cordon::conformance
