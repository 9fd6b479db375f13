#include "fuzz/codec_plugin.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace cordon::fuzz {
namespace {

void drop_log(const cordon_host_services * /*host*/, cordon_log_level /*level*/, const char * /*message*/) {}

uint64_t monotonic_ns(const cordon_host_services * /*host*/)
{
    const auto now = std::chrono::steady_clock::now().time_since_epoch();
    return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(now).count());
}

const void *no_service(const cordon_host_services * /*host*/, const char * /*service_id*/) { return nullptr; }

// Valid from init until the process ends, as the ABI asks of the host.
const cordon_host_services host_services = {
    sizeof(cordon_host_services), CORDON_ABI_MAJOR, CORDON_ABI_MINOR, nullptr, drop_log, monotonic_ns, no_service,
};

bool within(uint32_t value, uint32_t low, uint32_t high) { return value >= low && value <= high; }

void check_format(const cordon_codec_format &format)
{
    require(format.encoding_name != nullptr, "format without an encoding name");
    require(format.sample_rates != nullptr && within(format.sample_rate_count, 1, CORDON_CODEC_MAX_LIST_ENTRIES),
            "format sample rate list empty or too long");
    require(format.frame_durations_us != nullptr &&
                within(format.frame_duration_count, 1, CORDON_CODEC_MAX_LIST_ENTRIES),
            "format frame duration list empty or too long");
    require(within(format.max_channels, 1, CORDON_CODEC_MAX_CHANNELS), "format max_channels outside 1..2");
    require(format.fmtp_parameter_count <= CORDON_CODEC_MAX_LIST_ENTRIES &&
                (format.fmtp_parameter_count == 0 || format.fmtp_parameters != nullptr),
            "format fmtp name list too long or NULL");
}

} // namespace

void contract_broken(const char *rule)
{
    std::fprintf(stderr, "codec plugin broke the ABI contract: %s\n", rule);
    std::abort();
}

bool is_known_status(cordon_status status)
{
    return status >= CORDON_STATUS_OK && status <= CORDON_STATUS_INTERNAL_ERROR;
}

const cordon_codec_interface &open_codec_plugin(cordon_plugin_entry_fn entry)
{
    const cordon_plugin_descriptor *descriptor = entry();
    require(descriptor != nullptr, "entry returned no descriptor");
    require(descriptor->abi_major == CORDON_ABI_MAJOR, "descriptor ABI major differs from the host's");
    require(descriptor->struct_size >= sizeof(cordon_plugin_descriptor), "descriptor smaller than ABI 1.0's");
    require(descriptor->kind == CORDON_PLUGIN_KIND_CODEC, "plugin is not a codec");
    require(descriptor->get_interface != nullptr, "descriptor has no get_interface");
    if (descriptor->init != nullptr) {
        require(descriptor->init(&host_services) == CORDON_STATUS_OK, "init refused the host services");
    }
    const auto *codec =
        static_cast<const cordon_codec_interface *>(descriptor->get_interface(CORDON_CODEC_INTERFACE_ID));
    require(codec != nullptr, "no cordon.codec/1 interface");
    require(codec->struct_size >= sizeof(cordon_codec_interface), "codec interface smaller than ABI 1.0's");
    require(codec->format_struct_size >= sizeof(cordon_codec_format), "codec format smaller than ABI 1.0's");
    require(codec->formats != nullptr && within(codec->format_count, 1, CORDON_CODEC_MAX_FORMATS),
            "format list empty or too long");
    require(codec->create != nullptr && codec->encode != nullptr && codec->decode != nullptr &&
                codec->reset != nullptr && codec->destroy != nullptr,
            "a required codec function is NULL");
    for (uint32_t i = 0; i < codec->format_count; ++i) {
        check_format(format_at(*codec, i));
    }
    return *codec;
}

const cordon_codec_format &format_at(const cordon_codec_interface &codec, uint32_t index)
{
    const auto *first = reinterpret_cast<const unsigned char *>(codec.formats);
    return *reinterpret_cast<const cordon_codec_format *>(first + size_t{index} * codec.format_struct_size);
}

} // namespace cordon::fuzz
