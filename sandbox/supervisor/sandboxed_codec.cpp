#include "sandbox/supervisor/sandboxed_codec.hpp"

#include "plugin_abi/codec_contract.hpp"

namespace cordon::sandbox {

// Turns the host's CodecCalls into the supervisor's frame work. Only
// SandboxedCodecInstance hands this batcher out, so every call it receives is
// on one of them.
class SandboxCallBatcher final : public CodecCallBatcher {
public:
    explicit SandboxCallBatcher(std::shared_ptr<SandboxSupervisor> supervisor) : supervisor_(std::move(supervisor)) {}

    SandboxSupervisor &supervisor() const { return *supervisor_; }
    void run(std::span<CodecCall *const> calls) override;

private:
    std::shared_ptr<SandboxSupervisor> supervisor_;
};

namespace {

class SandboxedCodecInstance final : public CodecInstance {
public:
    SandboxedCodecInstance(std::shared_ptr<SandboxCallBatcher> batcher, uint32_t handle, CodecInstanceInfo info,
                           bool can_conceal)
        : batcher_(std::move(batcher)), handle_(handle), info_(info), can_conceal_(can_conceal)
    {
    }
    ~SandboxedCodecInstance() override { batcher_->supervisor().destroy_instance(handle_); }
    SandboxedCodecInstance(const SandboxedCodecInstance &) = delete;
    SandboxedCodecInstance &operator=(const SandboxedCodecInstance &) = delete;

    uint32_t handle() const { return handle_; }
    const CodecInstanceInfo &info() const override { return info_; }
    bool has_native_concealment() const override { return can_conceal_; }
    CodecCallBatcher *batcher() override { return batcher_.get(); }

    Result<size_t> encode(std::span<const int16_t> pcm, std::span<uint8_t> packet) override
    {
        CodecCall call;
        call.kind = CodecCall::Kind::encode;
        call.pcm_in = pcm;
        call.packet_out = packet;
        return run(call);
    }
    Result<size_t> decode(std::span<const uint8_t> packet, std::span<int16_t> pcm) override
    {
        CodecCall call;
        call.kind = CodecCall::Kind::decode;
        call.packet_in = packet;
        call.pcm_out = pcm;
        return run(call);
    }
    Result<size_t> conceal(std::span<const uint8_t> next_packet, std::span<int16_t> pcm) override
    {
        CodecCall call;
        call.kind = CodecCall::Kind::conceal;
        call.packet_in = next_packet;
        call.pcm_out = pcm;
        return run(call);
    }
    Result<void> reset() override { return batcher_->supervisor().reset_instance(handle_); }

private:
    Result<size_t> run(CodecCall &call)
    {
        call.instance = this;
        const FrameWork work{handle_, &call};
        batcher_->supervisor().run(std::span(&work, 1));
        return std::move(call.result);
    }

    std::shared_ptr<SandboxCallBatcher> batcher_;
    uint32_t handle_;
    CodecInstanceInfo info_;
    bool can_conceal_;
};

} // namespace

void SandboxCallBatcher::run(std::span<CodecCall *const> calls)
{
    std::vector<FrameWork> work;
    work.reserve(calls.size());
    for (CodecCall *call : calls) {
        work.push_back({static_cast<const SandboxedCodecInstance *>(call->instance)->handle(), call});
    }
    supervisor_->run(work);
}

Result<std::unique_ptr<SandboxedCodecPlugin>> SandboxedCodecPlugin::start(const std::filesystem::path &plugin,
                                                                          const SandboxLimits &limits, Logger &logger)
{
    auto supervisor = SandboxSupervisor::start(plugin, limits, logger);
    if (!supervisor) {
        return supervisor.error();
    }
    return std::unique_ptr<SandboxedCodecPlugin>(
        new SandboxedCodecPlugin(std::make_shared<SandboxCallBatcher>(std::move(supervisor.value()))));
}

SandboxedCodecPlugin::SandboxedCodecPlugin(std::shared_ptr<SandboxCallBatcher> batcher) : batcher_(std::move(batcher))
{
}

const std::vector<CodecFormat> &SandboxedCodecPlugin::formats() const
{
    return batcher_->supervisor().description().formats;
}

const DescriptorFields &SandboxedCodecPlugin::fields() const { return batcher_->supervisor().description().fields; }

std::optional<SandboxStats> SandboxedCodecPlugin::sandbox_stats() const { return batcher_->supervisor().stats(); }

std::size_t SandboxedCodecPlugin::instances_alive() const { return batcher_->supervisor().instances_alive(); }

Result<std::unique_ptr<CodecInstance>> SandboxedCodecPlugin::create(const CodecConfig &config) const
{
    auto resolved = resolve_config(formats(), config);
    if (!resolved) {
        return resolved.error();
    }
    CodecInstanceInfo info;
    auto handle = batcher_->supervisor().create_instance(*resolved, info);
    if (!handle) {
        return handle.error();
    }
    return std::unique_ptr<CodecInstance>(
        new SandboxedCodecInstance(batcher_, *handle, info, batcher_->supervisor().description().has_conceal));
}

} // namespace cordon::sandbox
