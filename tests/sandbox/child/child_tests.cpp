// The real cordon-sandbox, spawned on real plugins: a whole session through
// the shared region must give what the plugin gives in process, and every
// way of failing to start must end the child with a reason in its log.
#include <algorithm>
#include <map>
#include <memory>
#include <span>
#include <vector>

#include <gtest/gtest.h>

#include "cordon/host/log.hpp"
#include "plugin_abi/codec_contract.hpp"
#include "plugin_loading/loaded_plugin.hpp"
#include "sandbox/protocol/create_payload.hpp"
#include "sandbox/protocol/exit_status.hpp"
#include "sandbox/supervisor/reply_validation.hpp"
#include "sandbox/supervisor/request_writer.hpp"
#include "tests/sandbox/child/child_process.hpp"

namespace cordon::sandbox::test {
namespace {

constexpr uint32_t g711_clock_rate = 8000;
constexpr uint32_t default_frame_duration_us = 20000;
constexpr uint32_t samples_per_frame = g711_clock_rate / 50; // 20 ms
constexpr int tone_step = 331;
constexpr int tone_span = 16000;

CodecConfig pcmu_config()
{
    CodecConfig config;
    config.encoding_name = "PCMU";
    config.clock_rate = g711_clock_rate;
    config.sample_rate = g711_clock_rate;
    config.channels = 1;
    config.frame_duration_us = default_frame_duration_us;
    return config;
}

std::vector<int16_t> test_frame()
{
    std::vector<int16_t> pcm(samples_per_frame);
    for (size_t i = 0; i < pcm.size(); ++i) {
        pcm[i] = static_cast<int16_t>(static_cast<int>(i) * tone_step % tone_span - tone_span / 2);
    }
    return pcm;
}

// The host's bookkeeping around one child: one request in slot 0 at a time.
class HostSide {
public:
    explicit HostSide(SandboxChild &child) : child_(child), writer_(child.region()) {}

    Result<VerifiedReply> round_trip(Operation operation, uint32_t instance_id, std::span<const std::byte> payload,
                                     std::span<std::byte> out = {}, const CodecConfig *config = nullptr)
    {
        std::vector<std::byte> scratch(payload_capacity_bytes);
        const std::span<std::byte> destination = out.empty() ? std::span<std::byte>(scratch) : out;
        auto pending = writer_.write(0, operation, instance_id, payload, static_cast<uint32_t>(destination.size()));
        if (!pending) {
            return pending.error();
        }
        if (auto published = writer_.publish_batch(1); !published) {
            return published.error();
        }
        if (!child_.round_trip()) {
            return Error{ErrorCode::plugin_failure, "no reply from the child within the timeout"};
        }
        ReplyExpectation expected{*pending, nullptr, config, &ids_in_use_};
        if (const auto known = infos_.find(instance_id); known != infos_.end()) {
            expected.instance = &known->second;
        }
        auto tainted = TaintedReply::capture(child_.region(), 0);
        if (!tainted) {
            return tainted.error();
        }
        auto verified = validate_reply(*tainted, expected, destination);
        if (verified && verified->ok() && verified->instance_info()) {
            ids_in_use_.set(verified->instance_id());
            infos_[verified->instance_id()] = *verified->instance_info();
        }
        if (verified && verified->ok() && operation == Operation::destroy) {
            ids_in_use_.reset(instance_id);
            infos_.erase(instance_id);
        }
        return verified;
    }

    const CodecInstanceInfo &info(uint32_t id) const { return infos_.at(id); }

private:
    SandboxChild &child_;
    RequestWriter writer_;
    InstanceIdSet ids_in_use_;
    std::map<uint32_t, CodecInstanceInfo> infos_;
};

// The G.711 packet of frame from the plugin loaded in this process.
std::vector<uint8_t> encode_in_process(const CodecConfig &config, const std::vector<int16_t> &frame)
{
    StderrLogger logger{LogLevel::warning};
    DescriptorFields fields;
    auto plugin = LoadedPlugin::open(CORDON_G711_PLUGIN_PATH, fields);
    if (!plugin) {
        ADD_FAILURE() << plugin.error().message;
        return {};
    }
    if (!(*plugin)->initialise(logger)) {
        ADD_FAILURE() << "in-process init failed";
        return {};
    }
    const auto *codec =
        static_cast<const cordon_codec_interface *>((*plugin)->get_interface(CORDON_CODEC_INTERFACE_ID));
    std::vector<cordon_codec_param> params;
    const cordon_codec_config abi = to_abi_config(config, params);
    cordon_codec_instance *instance = nullptr;
    cordon_codec_instance_info info{};
    info.struct_size = sizeof(info);
    if (codec == nullptr || codec->create(&abi, &instance, &info) != CORDON_STATUS_OK) {
        ADD_FAILURE() << "in-process create failed";
        return {};
    }
    std::vector<uint8_t> packet(info.max_packet_bytes);
    size_t packet_bytes = 0;
    const cordon_status status =
        codec->encode(instance, frame.data(), frame.size(), packet.data(), packet.size(), &packet_bytes);
    codec->destroy(instance);
    EXPECT_EQ(status, CORDON_STATUS_OK);
    packet.resize(packet_bytes);
    return packet;
}

TEST(SandboxChild, ServesAWholeG711SessionAndExitsCleanlyOnShutdown)
{
    SandboxChild child(SandboxChild::arguments_for(CORDON_G711_PLUGIN_PATH));
    ASSERT_TRUE(child.spawned());
    HostSide host(child);

    auto described = host.round_trip(Operation::describe, no_instance_id, {});
    ASSERT_TRUE(described) << described.error().message << "\n" << child.wait_for_end().describe();
    ASSERT_TRUE(described->ok());
    ASSERT_TRUE(described->plugin());
    EXPECT_EQ(described->plugin()->fields.id, "org.cordon.codec.g711");
    ASSERT_EQ(described->plugin()->formats.size(), 2u);
    EXPECT_EQ(described->plugin()->formats[0].encoding_name, "PCMU");
    EXPECT_EQ(described->plugin()->formats[1].encoding_name, "PCMA");

    const CodecConfig config = pcmu_config();
    const auto config_bytes = serialise_config(config);
    auto created =
        host.round_trip(Operation::create, no_instance_id, std::as_bytes(std::span(config_bytes)), {}, &config);
    ASSERT_TRUE(created) << created.error().message;
    ASSERT_TRUE(created->ok());
    const uint32_t id = created->instance_id();
    const CodecInstanceInfo info = host.info(id);

    const std::vector<int16_t> frame = test_frame();
    std::vector<uint8_t> packet(info.max_packet_bytes);
    auto encoded = host.round_trip(Operation::encode, id, std::as_bytes(std::span(frame)),
                                   std::as_writable_bytes(std::span(packet)));
    ASSERT_TRUE(encoded) << encoded.error().message;
    ASSERT_TRUE(encoded->ok());
    packet.resize(encoded->payload_bytes());
    EXPECT_EQ(packet, encode_in_process(config, frame));

    std::vector<int16_t> decoded(info.max_decoded_samples);
    auto decoded_reply = host.round_trip(Operation::decode, id, std::as_bytes(std::span(packet)),
                                         std::as_writable_bytes(std::span(decoded)));
    ASSERT_TRUE(decoded_reply) << decoded_reply.error().message;
    ASSERT_TRUE(decoded_reply->ok());
    EXPECT_EQ(decoded_reply->payload_bytes(), frame.size() * sizeof(int16_t));

    auto destroyed = host.round_trip(Operation::destroy, id, {});
    ASSERT_TRUE(destroyed) << destroyed.error().message;
    EXPECT_TRUE(destroyed->ok());

    child.request_shutdown();
    const ChildEnd end = child.wait_for_end();
    EXPECT_TRUE(end.exited && end.exit_code == exit_served_until_shutdown) << end.describe();
}

TEST(SandboxChild, BadArgumentsExitWithUsageAndAReason)
{
    struct BadCase {
        std::vector<std::string> arguments;
        std::string reason; // what the log line must say
    };
    const auto with = [](std::string option, std::string value) {
        std::vector<std::string> arguments = SandboxChild::arguments_for("/x.so");
        for (size_t index = 0; index + 1 < arguments.size(); index += 2) {
            if (arguments[index] == option) {
                arguments[index + 1] = value;
            }
        }
        return arguments;
    };
    std::vector<std::string> duplicated = SandboxChild::arguments_for("/x.so");
    duplicated.insert(duplicated.end(), {"--plugin", "/y.so"});
    std::vector<std::string> unknown = SandboxChild::arguments_for("/x.so");
    unknown.insert(unknown.end(), {"--extra", "1"});
    std::vector<std::string> truncated = SandboxChild::arguments_for("/x.so");
    truncated.resize(truncated.size() - 2);
    const std::vector<BadCase> cases = {
        {{}, "missing --plugin"},
        {{"--plugin"}, "--plugin needs a value"},
        {truncated, "missing --handover-fd"},
        {duplicated, "--plugin given more than once"},
        {unknown, "unknown argument '--extra'"},
        {with("--plugin", "relative/x.so"), "absolute path"},
        {with("--plugin", ""), "absolute path"},
        {with("--slots", "0"), "--slots wants a whole number from 1 to 64"},
        {with("--slots", "65"), "--slots wants"},
        {with("--region-fd", "-3"), "--region-fd wants"},
        {with("--region-fd", "3x"), "--region-fd wants"},
        {with("--region-fd", "2"), "--region-fd wants a whole number from 3"},
        {with("--request-fd", "99999999999"), "--request-fd wants"},
        {with("--reply-fd", "4"), "four different descriptors"},
        {with("--handover-fd", "3"), "four different descriptors"},
        {with("--memory-limit-mb", "15"), "--memory-limit-mb wants a whole number from 16 to 65536"},
        {with("--memory-limit-mb", "65537"), "--memory-limit-mb wants"},
    };
    for (const BadCase &bad : cases) {
        SandboxChild child(bad.arguments);
        const ChildEnd end = child.wait_for_end();
        EXPECT_TRUE(end.exited && end.exit_code == exit_usage) << bad.reason << ": " << end.describe();
        EXPECT_NE(end.log.find(bad.reason), std::string::npos) << end.log;
        EXPECT_NE(end.log.find("usage: cordon-sandbox"), std::string::npos) << end.log;
        EXPECT_EQ(std::count(end.log.begin(), end.log.end(), '\n'), 1) << end.log;
    }
}

TEST(SandboxChild, AMissingPluginEndsTheChildWithItsPathLogged)
{
    const std::string missing = "/nonexistent/cordon-test/no-such-plugin.so";
    SandboxChild child(SandboxChild::arguments_for(missing));
    const ChildEnd end = child.wait_for_end();
    EXPECT_TRUE(end.exited && end.exit_code == exit_plugin_not_loaded) << end.describe();
    EXPECT_NE(end.log.find(missing), std::string::npos) << end.log;
}

TEST(SandboxChild, ABrokenPluginEndsTheChildWithTheReasonLogged)
{
    SandboxChild child(SandboxChild::arguments_for(CORDON_NULL_DESCRIPTOR_PLUGIN_PATH));
    const ChildEnd end = child.wait_for_end();
    EXPECT_TRUE(end.exited && end.exit_code == exit_descriptor_refused) << end.describe();
    EXPECT_NE(end.log.find("null_descriptor.so"), std::string::npos) << end.log;
    EXPECT_NE(end.log.find("descriptor"), std::string::npos) << end.log;
}

TEST(SandboxChild, AFailedInitEndsTheChildAndThePluginsLogLineComesThrough)
{
    SandboxChild child(SandboxChild::arguments_for(CORDON_INIT_FAILS_PLUGIN_PATH));
    const ChildEnd end = child.wait_for_end();
    EXPECT_TRUE(end.exited && end.exit_code == exit_plugin_init_failed) << end.describe();
    EXPECT_NE(end.log.find("plugin debug: test plugin initialised\n"), std::string::npos) << end.log;
    EXPECT_NE(end.log.find("init failed: internal plugin error"), std::string::npos) << end.log;
}

TEST(SandboxChild, ARegionOfTheWrongSizeIsRefusedBeforeAnyPluginLoads)
{
    SandboxChild child(SandboxChild::arguments_for(CORDON_G711_PLUGIN_PATH, default_slot_count + 1));
    const ChildEnd end = child.wait_for_end();
    EXPECT_TRUE(end.exited && end.exit_code == exit_region_refused) << end.describe();
}

} // namespace
} // namespace cordon::sandbox::test
