#include "tests/sandbox/lockdown/probe_plugin.hpp"

#include <cmath>
#include <cstdint>
#include <ctime>
#include <vector>

#include "cordon/codec.h"
#include "cordon/plugin.h"

namespace cordon::sandbox::probe {
namespace {

constexpr std::uint32_t opus_clock_rate = 48000;
constexpr std::uint32_t default_frame_duration_us = 20000;
constexpr std::uint32_t default_bitrate_bps = 32000;
constexpr std::int32_t default_complexity = 5;
constexpr std::size_t frame_samples = opus_clock_rate / 50; // 20 ms
constexpr double tone_hz = 440.0;
constexpr double tone_amplitude = 8000.0;
constexpr std::uint64_t nanoseconds_per_second = 1000000000ULL;

void discard_log(const cordon_host_services *, cordon_log_level, const char *) {}

std::uint64_t monotonic_ns(const cordon_host_services *)
{
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return static_cast<std::uint64_t>(now.tv_sec) * nanoseconds_per_second + static_cast<std::uint64_t>(now.tv_nsec);
}

const void *no_service(const cordon_host_services *, const char *) { return nullptr; }

const cordon_host_services host_services{
    sizeof(cordon_host_services), CORDON_ABI_MAJOR, CORDON_ABI_MINOR, nullptr, discard_log, monotonic_ns, no_service};

} // namespace

Result<LoadedCodec> load_codec_plugin(const Lockdown &lockdown, const std::string &path)
{
    auto library = load_plugin_library(lockdown, path);
    if (!library) {
        return library.error();
    }
    const auto entry = reinterpret_cast<cordon_plugin_entry_fn>(library->symbol(CORDON_PLUGIN_ENTRY_SYMBOL));
    const cordon_plugin_descriptor *descriptor = entry != nullptr ? entry() : nullptr;
    if (descriptor == nullptr) {
        return Error{ErrorCode::plugin_failure, "no descriptor from " + path};
    }
    if (descriptor->init != nullptr && descriptor->init(&host_services) != CORDON_STATUS_OK) {
        return Error{ErrorCode::plugin_failure, "init failed in " + path};
    }
    const void *codec_interface = descriptor->get_interface(CORDON_CODEC_INTERFACE_ID);
    if (codec_interface == nullptr) {
        return Error{ErrorCode::plugin_failure, "no codec interface in " + path};
    }
    return LoadedCodec{codec_interface};
}

bool opus_round_trip(const LoadedCodec &codec)
{
    const auto *codec_interface = static_cast<const cordon_codec_interface *>(codec.codec_interface);
    cordon_codec_config config{};
    config.struct_size = sizeof(config);
    config.encoding_name = "opus";
    config.clock_rate = opus_clock_rate;
    config.sample_rate = opus_clock_rate;
    config.channels = 1;
    config.frame_duration_us = default_frame_duration_us;
    config.bitrate_bps = default_bitrate_bps;
    config.complexity = default_complexity;
    cordon_codec_instance *instance = nullptr;
    cordon_codec_instance_info info{};
    info.struct_size = sizeof(info);
    if (codec_interface->create(&config, &instance, &info) != CORDON_STATUS_OK) {
        return false;
    }
    std::vector<std::int16_t> pcm(frame_samples);
    for (std::size_t i = 0; i < pcm.size(); ++i) {
        const double phase = 2.0 * M_PI * tone_hz * static_cast<double>(i) / opus_clock_rate;
        pcm[i] = static_cast<std::int16_t>(tone_amplitude * std::sin(phase));
    }
    std::vector<std::uint8_t> packet(info.max_packet_bytes);
    std::vector<std::int16_t> decoded(info.max_decoded_samples);
    std::size_t packet_bytes = 0;
    std::size_t decoded_samples = 0;
    const bool worked = codec_interface->encode(instance, pcm.data(), pcm.size(), packet.data(), packet.size(),
                                                &packet_bytes) == CORDON_STATUS_OK &&
                        codec_interface->decode(instance, packet.data(), packet_bytes, decoded.data(), decoded.size(),
                                                &decoded_samples) == CORDON_STATUS_OK &&
                        decoded_samples == frame_samples;
    codec_interface->destroy(instance);
    return worked;
}

} // namespace cordon::sandbox::probe
