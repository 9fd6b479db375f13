// An untrusted codec plugin behind the same CodecPlugin/CodecInstance
// interface as one in process: every call becomes a request to the plugin's
// sandbox child through its supervisor. Instances of one plugin share one
// batcher, so run_codec_calls carries their frames together.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cordon/host/codec.hpp"
#include "cordon/host/log.hpp"
#include "sandbox/supervisor/sandbox_supervisor.hpp"

namespace cordon::sandbox {

class SandboxCallBatcher;

class SandboxedCodecPlugin final : public CodecPlugin {
public:
    // Starts the plugin's sandbox child; the reason when it cannot run there.
    static Result<std::unique_ptr<SandboxedCodecPlugin>> start(const std::filesystem::path &plugin,
                                                               const SandboxLimits &limits, Logger &logger);

    // The first child's description, which every later child must repeat.
    const std::string &id() const override { return fields().id; }
    const std::vector<CodecFormat> &formats() const override;
    Result<std::unique_ptr<CodecInstance>> create(const CodecConfig &config) const override;
    Isolation isolation() const override { return Isolation::sandbox; }
    std::optional<SandboxStats> sandbox_stats() const override;
    std::size_t instances_alive() const override;

    // The descriptor fields as the child reported them, validated.
    const DescriptorFields &fields() const;

private:
    explicit SandboxedCodecPlugin(std::shared_ptr<SandboxCallBatcher> batcher);

    std::shared_ptr<SandboxCallBatcher> batcher_; // shared with every instance: keeps the child alive
};

} // namespace cordon::sandbox
