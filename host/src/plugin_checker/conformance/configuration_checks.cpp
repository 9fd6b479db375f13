// Creating what the plugin advertises, and refusing what it does not.
#include "plugin_abi/codec_contract.hpp"
#include "plugin_checker/conformance/case_text.hpp"
#include "plugin_checker/conformance/raw_checks.hpp"

namespace cordon::plugin_check {
namespace {

constexpr uint32_t rate_no_codec_offers = 11025;
constexpr uint32_t duration_no_codec_offers_us = 7000;

// True when create refused the configuration as it should.
bool create_refused(const cordon_codec_interface &raw, const CodecConfig &config)
{
    std::vector<cordon_codec_param> params;
    const cordon_codec_config abi_config = to_abi_config(config, params);
    cordon_codec_instance *instance = nullptr;
    cordon_codec_instance_info info{};
    info.struct_size = sizeof(info);
    const int status = static_cast<int>(raw.create(&abi_config, &instance, &info));
    raw.destroy(instance);
    return status == CORDON_STATUS_INVALID_ARGUMENT || status == CORDON_STATUS_UNSUPPORTED;
}

} // namespace

CaseFailure check_configuration_lifecycle(const cordon_codec_interface &raw, const ConformanceCase &the_case)
{
    RawInstance instance(&raw, the_case.config);
    if (!instance.ok()) {
        return "create refused an advertised configuration: " + status_text(instance.create_status());
    }
    auto info = validate_instance_info(instance.info(), the_case.config);
    if (!info) {
        return "create described the instance wrongly: " + info.error().message;
    }
    return std::nullopt; // destroyed by RawInstance
}

CaseFailure check_refuses_foreign_configurations(const cordon_codec_interface &raw, const ConformanceCase &the_case)
{
    CodecConfig spoiled = the_case.config;
    spoiled.params = {{"no-such-parameter", "1"}};
    if (!create_refused(raw, spoiled)) {
        return std::string("an unknown fmtp parameter was accepted");
    }
    spoiled = the_case.config;
    spoiled.sample_rate = rate_no_codec_offers;
    if (!create_refused(raw, spoiled)) {
        return "sample rate " + std::to_string(rate_no_codec_offers) + " was accepted";
    }
    spoiled = the_case.config;
    spoiled.channels = CORDON_CODEC_MAX_CHANNELS + 1;
    if (!create_refused(raw, spoiled)) {
        return std::to_string(spoiled.channels) + " channels were accepted";
    }
    spoiled = the_case.config;
    spoiled.frame_duration_us = duration_no_codec_offers_us;
    if (!create_refused(raw, spoiled)) {
        return std::to_string(duration_no_codec_offers_us / 1000) + " ms frames were accepted";
    }
    spoiled = the_case.config;
    spoiled.encoding_name = "no-such-encoding";
    if (!create_refused(raw, spoiled)) {
        return std::string("an unknown encoding name was accepted");
    }
    return std::nullopt;
}

} // namespace cordon::plugin_check
