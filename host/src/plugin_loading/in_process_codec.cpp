#include "plugin_loading/in_process_codec.hpp"

#include <algorithm>

#include "plugin_abi/codec_contract.hpp"
#include "plugin_abi/codec_interface_validation.hpp"

namespace cordon {

namespace {

class InProcessCodecInstance final : public CodecInstance {
public:
    InProcessCodecInstance(std::shared_ptr<LoadedPlugin> plugin, const cordon_codec_interface *codec,
                           cordon_codec_instance *instance, CodecInstanceInfo info, bool can_conceal,
                           AliveCount::Token alive)
        : plugin_(std::move(plugin)), codec_(codec), instance_(instance), info_(info), can_conceal_(can_conceal),
          alive_(std::move(alive))
    {
    }

    ~InProcessCodecInstance() override { codec_->destroy(instance_); }
    InProcessCodecInstance(const InProcessCodecInstance &) = delete;
    InProcessCodecInstance &operator=(const InProcessCodecInstance &) = delete;

    const CodecInstanceInfo &info() const override { return info_; }
    bool has_native_concealment() const override { return can_conceal_; }

    Result<size_t> encode(std::span<const int16_t> pcm, std::span<uint8_t> packet) override
    {
        if (pcm.size() != info_.frame_samples()) {
            return Error{ErrorCode::invalid_argument, "encode needs exactly one frame of " +
                                                          std::to_string(info_.frame_samples()) + " samples, got " +
                                                          std::to_string(pcm.size())};
        }
        size_t written = 0;
        const int status =
            static_cast<int>(codec_->encode(instance_, pcm.data(), pcm.size(), packet.data(), packet.size(), &written));
        return checked_length(status, written, packet.size(), "encode", 1);
    }

    Result<size_t> decode(std::span<const uint8_t> packet, std::span<int16_t> pcm) override
    {
        size_t written = 0;
        const int status =
            static_cast<int>(codec_->decode(instance_, packet.data(), packet.size(), pcm.data(), pcm.size(), &written));
        return checked_length(status, written, pcm.size(), "decode", info_.channels);
    }

    Result<size_t> conceal(std::span<const uint8_t> next_packet, std::span<int16_t> pcm) override
    {
        if (!can_conceal_) {
            return conceal_with_silence(info_, pcm);
        }
        size_t written = 0;
        const uint8_t *next = next_packet.empty() ? nullptr : next_packet.data();
        const int status =
            static_cast<int>(codec_->conceal(instance_, next, next_packet.size(), pcm.data(), pcm.size(), &written));
        return checked_length(status, written, pcm.size(), "conceal", info_.channels);
    }

    Result<void> reset() override
    {
        const int status = static_cast<int>(codec_->reset(instance_));
        if (status != CORDON_STATUS_OK) {
            return error_from_status(status, plugin_->fields().id + " reset");
        }
        return {};
    }

private:
    // A length from the plugin is used only after it is known to lie within
    // the buffer the host gave and to hold whole multi-channel frames.
    Result<size_t> checked_length(int status, size_t written, size_t capacity, const char *call,
                                  size_t granularity) const
    {
        // Messages are built only on failure: this runs on every frame.
        const auto context = [&] { return plugin_->fields().id + " " + call; };
        if (status != CORDON_STATUS_OK) {
            return error_from_status(status, context());
        }
        if (written > capacity) {
            return Error{ErrorCode::contract_violation, context() + " reported " + std::to_string(written) +
                                                            " written into a buffer of " + std::to_string(capacity)};
        }
        if (written % granularity != 0) {
            return Error{ErrorCode::contract_violation, context() + " returned " + std::to_string(written) +
                                                            " samples, not a whole number of " +
                                                            std::to_string(granularity) + "-channel frames"};
        }
        return written;
    }

    std::shared_ptr<LoadedPlugin> plugin_; // keeps the library loaded while the instance lives
    const cordon_codec_interface *codec_;
    cordon_codec_instance *instance_;
    CodecInstanceInfo info_;
    bool can_conceal_;
    AliveCount::Token alive_;
};

} // namespace

Result<std::unique_ptr<InProcessCodecPlugin>> InProcessCodecPlugin::create(std::shared_ptr<LoadedPlugin> plugin)
{
    const auto *codec = static_cast<const cordon_codec_interface *>(plugin->get_interface(CORDON_CODEC_INTERFACE_ID));
    if (codec == nullptr) {
        return Error{ErrorCode::contract_violation,
                     std::string("a codec plugin must provide interface \"") + CORDON_CODEC_INTERFACE_ID + "\""};
    }
    auto formats = validate_codec_interface(codec);
    if (!formats) {
        return formats.error();
    }
    return std::unique_ptr<InProcessCodecPlugin>(
        new InProcessCodecPlugin(std::move(plugin), codec, std::move(formats.value())));
}

InProcessCodecPlugin::InProcessCodecPlugin(std::shared_ptr<LoadedPlugin> plugin, const cordon_codec_interface *codec,
                                           std::vector<CodecFormat> formats)
    : plugin_(std::move(plugin)), codec_(codec), formats_(std::move(formats)), id_(plugin_->fields().id)
{
}

Result<std::unique_ptr<CodecInstance>> InProcessCodecPlugin::create(const CodecConfig &config) const
{
    auto resolved_or_error = resolve_config(formats_, config);
    if (!resolved_or_error) {
        return resolved_or_error.error();
    }
    const CodecConfig &resolved = *resolved_or_error;
    std::vector<cordon_codec_param> params;
    const cordon_codec_config raw_config = to_abi_config(resolved, params);
    cordon_codec_instance *instance = nullptr;
    cordon_codec_instance_info reported{};
    reported.struct_size = sizeof(reported);
    const int status = static_cast<int>(codec_->create(&raw_config, &instance, &reported));
    if (status != CORDON_STATUS_OK) {
        return error_from_status(status, id_ + " create " + config.encoding_name);
    }
    if (instance == nullptr) {
        return Error{ErrorCode::contract_violation, id_ + " create returned ok without an instance"};
    }
    auto info = validate_instance_info(reported, resolved);
    if (!info) {
        codec_->destroy(instance);
        return Error{info.error().code, id_ + ": " + info.error().message};
    }
    return std::unique_ptr<CodecInstance>(new InProcessCodecInstance(plugin_, codec_, instance, info.value(),
                                                                     codec_->conceal != nullptr, instances_.token()));
}

} // namespace cordon
