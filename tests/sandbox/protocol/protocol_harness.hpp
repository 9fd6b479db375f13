// Both ends of the protocol in one process: the host's region and a second
// mapping of the same memfd for the child (as the child would map it), a
// plugin loaded in process, the child's RequestHandler and the host's
// RequestWriter, driven one round trip at a time.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cordon/host/log.hpp"
#include "cordon/host/plugins.hpp"
#include "plugin_loading/loaded_plugin.hpp"
#include "sandbox/child/request_handler.hpp"
#include "sandbox/protocol/create_payload.hpp"
#include "sandbox/protocol/shared_region.hpp"
#include "sandbox/supervisor/reply_validation.hpp"
#include "sandbox/supervisor/request_writer.hpp"

namespace cordon::sandbox::test {

inline std::filesystem::path g711_plugin_path() { return builtin_plugin_directory() / "cordon-codec-g711.so"; }
inline std::filesystem::path opus_plugin_path() { return builtin_plugin_directory() / "cordon-codec-opus.so"; }
inline std::filesystem::path fixture_plugin_path(const std::string &name)
{
    return std::filesystem::path(CORDON_TEST_FIXTURE_DIR) / name / (name + ".so");
}

// A plugin loaded and initialised in process, as the child will load it.
struct InProcessPlugin {
    StderrLogger logger{LogLevel::warning};
    DescriptorFields fields;
    std::shared_ptr<LoadedPlugin> library;
    const cordon_codec_interface *codec = nullptr;

    explicit InProcessPlugin(const std::filesystem::path &path)
    {
        auto opened = LoadedPlugin::open(path, fields);
        if (!opened) {
            ADD_FAILURE() << path << ": " << opened.error().message;
            return;
        }
        library = std::move(opened.value());
        if (!library->initialise(logger)) {
            ADD_FAILURE() << path << ": init failed";
            return;
        }
        codec = static_cast<const cordon_codec_interface *>(library->get_interface(CORDON_CODEC_INTERFACE_ID));
    }
};

inline SharedRegion make_host_region(RegionLayout layout = RegionLayout::for_slots(default_slot_count))
{
    auto region = SharedRegion::create(layout);
    if (!region) {
        throw std::runtime_error(region.error().message);
    }
    return std::move(region.value());
}

inline SharedRegion map_for_child(const SharedRegion &host)
{
    auto region = SharedRegion::map_inherited(dup(host.fd()), host.layout());
    if (!region) {
        throw std::runtime_error(region.error().message);
    }
    return std::move(region.value());
}

inline std::span<const std::byte> bytes_of(std::span<const uint8_t> bytes) { return std::as_bytes(bytes); }
inline std::span<const std::byte> bytes_of(std::span<const int16_t> samples) { return std::as_bytes(samples); }

// The host's side with the bookkeeping a sandboxed codec will keep.
class ProtocolHarness {
public:
    explicit ProtocolHarness(const std::filesystem::path &plugin_path)
        : plugin_(plugin_path), host_region_(make_host_region()), child_region_(map_for_child(host_region_)),
          writer_(host_region_.view()), handler_(plugin_.fields, plugin_.codec, child_region_.view())
    {
    }

    RequestWriter &writer() { return writer_; }
    RequestHandler &handler() { return handler_; }
    RegionView host_view() const { return host_region_.view(); }
    const cordon_codec_interface *codec() const { return plugin_.codec; }

    // One request in slot 0, served by the child, its reply validated.
    Result<VerifiedReply> round_trip(Operation operation, uint32_t instance_id, std::span<const std::byte> payload,
                                     std::span<std::byte> out = {}, const CodecConfig *config = nullptr)
    {
        const uint32_t capacity =
            out.empty() ? static_cast<uint32_t>(payload_capacity_bytes) : static_cast<uint32_t>(out.size());
        auto pending = writer_.write(0, operation, instance_id, payload, capacity);
        EXPECT_TRUE(pending);
        EXPECT_TRUE(writer_.publish_batch(1));
        auto served = handler_.serve_batch();
        EXPECT_TRUE(served);
        return collect(0, *pending, config, out);
    }

    // Validates the reply in slot against pending with this harness's knowledge.
    Result<VerifiedReply> collect(uint32_t slot, const PendingRequest &pending, const CodecConfig *config = nullptr,
                                  std::span<std::byte> out = {})
    {
        ReplyExpectation expected{pending, nullptr, config, &ids_in_use_};
        const auto known = infos_.find(pending.instance_id);
        if (known != infos_.end()) {
            expected.instance = &known->second;
        }
        std::vector<std::byte> scratch(pending.reply_capacity_bytes);
        auto tainted = TaintedReply::capture(host_region_.view(), slot);
        EXPECT_TRUE(tainted);
        auto verified = validate_reply(*tainted, expected, out.empty() ? std::span<std::byte>(scratch) : out);
        if (verified && verified->ok() && verified->instance_info()) {
            ids_in_use_.set(verified->instance_id());
            infos_[verified->instance_id()] = *verified->instance_info();
        }
        if (verified && verified->ok() && pending.operation == Operation::destroy) {
            ids_in_use_.reset(pending.instance_id);
            infos_.erase(pending.instance_id);
        }
        return verified;
    }

    // CREATE; the new instance's id, or 0 with a test failure.
    uint32_t create(const CodecConfig &config)
    {
        const auto payload = serialise_config(config);
        auto reply = round_trip(Operation::create, no_instance_id, bytes_of(payload), {}, &config);
        EXPECT_TRUE(reply) << (reply ? "" : reply.error().message);
        if (!reply || !reply->ok()) {
            ADD_FAILURE() << "CREATE failed" << (reply ? reply->failure("create").message : "");
            return no_instance_id;
        }
        return reply->instance_id();
    }

    const CodecInstanceInfo &info(uint32_t id) const { return infos_.at(id); }

private:
    InProcessPlugin plugin_;
    SharedRegion host_region_;
    SharedRegion child_region_;
    RequestWriter writer_;
    RequestHandler handler_;
    InstanceIdSet ids_in_use_;
    std::map<uint32_t, CodecInstanceInfo> infos_;
};

inline CodecConfig g711_config(const std::string &name = "PCMU", uint32_t channels = 1)
{
    CodecConfig config;
    config.encoding_name = name;
    config.clock_rate = 8000;
    config.sample_rate = 8000;
    config.channels = channels;
    return config;
}

inline std::vector<int16_t> test_tone(size_t samples)
{
    std::vector<int16_t> pcm(samples);
    for (size_t i = 0; i < samples; ++i) {
        pcm[i] = static_cast<int16_t>((i * 331) % 16000 - 8000);
    }
    return pcm;
}

} // namespace cordon::sandbox::test
