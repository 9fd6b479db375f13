// A trusted codec plugin running inside the host process, behind the same
// CodecPlugin/CodecInstance interface the sandboxed one implements. Even
// trusted, every length it returns is checked against the capacity given.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cordon/codec.h"
#include "cordon/host/codec.hpp"
#include "core/alive_count.hpp"
#include "plugin_loading/loaded_plugin.hpp"

namespace cordon {

class InProcessCodecPlugin final : public CodecPlugin {
public:
    // Validates the plugin's codec interface; refuses it with the reason.
    static Result<std::unique_ptr<InProcessCodecPlugin>> create(std::shared_ptr<LoadedPlugin> plugin);

    const std::string &id() const override { return id_; }
    const std::vector<CodecFormat> &formats() const override { return formats_; }
    Result<std::unique_ptr<CodecInstance>> create(const CodecConfig &config) const override;
    Isolation isolation() const override { return Isolation::in_process; }
    std::size_t instances_alive() const override { return instances_.now(); }

private:
    InProcessCodecPlugin(std::shared_ptr<LoadedPlugin> plugin, const cordon_codec_interface *codec,
                         std::vector<CodecFormat> formats);

    std::shared_ptr<LoadedPlugin> plugin_;
    const cordon_codec_interface *codec_;
    std::vector<CodecFormat> formats_;
    std::string id_;
    AliveCount instances_;
};

} // namespace cordon
