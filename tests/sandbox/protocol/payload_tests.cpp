// Serialised payloads: round trips, and hostile DESCRIBE and CREATE payloads
// (truncated, overlong, past the limits, invalid text) refused with a message
// naming the field.
#include <vector>

#include <gtest/gtest.h>

#include "sandbox/protocol/byte_codec.hpp"
#include "sandbox/protocol/create_payload.hpp"
#include "sandbox/protocol/description_payload.hpp"
#include "sandbox/supervisor/description_validation.hpp"

namespace cordon::sandbox {
namespace {

PluginDescription valid_description()
{
    PluginDescription description;
    description.abi_major = CORDON_ABI_MAJOR;
    description.abi_minor = CORDON_ABI_MINOR;
    description.kind = CORDON_PLUGIN_KIND_CODEC;
    description.id = "com.example.codec";
    description.name = "Example";
    description.vendor = "Example Ltd.";
    description.version = "1.0";
    CodecFormat format;
    format.encoding_name = "opus";
    format.clock_rate = 48000;
    format.rtp_channels = 2;
    format.sample_rates = {8000, 48000};
    format.max_channels = 2;
    format.frame_durations_us = {20000};
    format.fmtp_parameters = {"useinbandfec"};
    format.has_inband_fec = true;
    description.formats = {format};
    return description;
}

// Expects a refusal, at parsing or at validation, mentioning fragment.
void expect_refused(const std::vector<uint8_t> &bytes, const std::string &fragment)
{
    auto parsed = parse_description(bytes);
    std::string message;
    if (!parsed) {
        EXPECT_EQ(parsed.error().code, ErrorCode::malformed_input);
        message = parsed.error().message;
    } else {
        auto validated = validate_description(*parsed);
        ASSERT_FALSE(validated) << "accepted; expected: " << fragment;
        EXPECT_EQ(validated.error().code, ErrorCode::contract_violation);
        message = validated.error().message;
    }
    EXPECT_NE(message.find(fragment), std::string::npos) << "\"" << fragment << "\" not in: " << message;
}

TEST(SandboxPayload, DescriptionRoundTripsAndValidates)
{
    auto parsed = parse_description(serialise_description(valid_description()));
    ASSERT_TRUE(parsed) << parsed.error().message;
    auto validated = validate_description(*parsed);
    ASSERT_TRUE(validated) << validated.error().message;
    EXPECT_EQ(validated->fields.id, "com.example.codec");
    EXPECT_EQ(validated->formats.at(0).fmtp_parameters.at(0), "useinbandfec");
    EXPECT_TRUE(validated->formats.at(0).has_inband_fec);
}

TEST(SandboxPayload, TruncatedDescriptionAtEveryLength)
{
    const auto bytes = serialise_description(valid_description());
    for (size_t length = 0; length < bytes.size(); ++length) {
        const std::vector<uint8_t> truncated(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(length));
        auto parsed = parse_description(truncated);
        ASSERT_FALSE(parsed) << "accepted at length " << length;
        EXPECT_NE(parsed.error().message.find("left"), std::string::npos) << parsed.error().message;
    }
}

TEST(SandboxPayload, TrailingBytesAreRefused)
{
    auto bytes = serialise_description(valid_description());
    bytes.push_back(0);
    expect_refused(bytes, "1 unexpected bytes after the last field");
}

TEST(SandboxPayload, OverlongStrings)
{
    PluginDescription description = valid_description();
    description.id = "com." + std::string(CORDON_MAX_ID_BYTES, 'a');
    expect_refused(serialise_description(description), "id length 132 exceeds 128 bytes");

    description = valid_description();
    description.formats[0].encoding_name = std::string(33, 'x');
    expect_refused(serialise_description(description), "format 0 encoding name length 33 exceeds 32");

    // A length prefix far past the payload.
    ByteWriter writer;
    writer.u32(CORDON_ABI_MAJOR);
    writer.u32(CORDON_ABI_MINOR);
    writer.u32(CORDON_PLUGIN_KIND_CODEC);
    writer.u32(0xFFFFFFFFu);
    expect_refused(writer.bytes(), "id length 4294967295 exceeds 128");
}

TEST(SandboxPayload, CountsPastTheLimits)
{
    PluginDescription description = valid_description();
    description.formats.assign(CORDON_CODEC_MAX_FORMATS + 1, description.formats[0]);
    expect_refused(serialise_description(description), "format count 65 exceeds 64");

    description = valid_description();
    description.formats[0].sample_rates.assign(CORDON_CODEC_MAX_LIST_ENTRIES + 1, 8000);
    expect_refused(serialise_description(description), "sample rate count 33 exceeds 32");

    description = valid_description();
    description.formats[0].fmtp_parameters.assign(CORDON_CODEC_MAX_LIST_ENTRIES + 1, "x");
    expect_refused(serialise_description(description), "fmtp parameter count 33 exceeds 32");

    description = valid_description();
    description.formats.clear();
    expect_refused(serialise_description(description), "format count 0");
}

TEST(SandboxPayload, InvalidTextAndValues)
{
    PluginDescription description = valid_description();
    description.id = "com.example.\xC0\xAF";
    expect_refused(serialise_description(description), "id is not valid UTF-8");

    description = valid_description();
    description.name = std::string("Ex\0ample", 8);
    expect_refused(serialise_description(description), "name contains a NUL byte");

    description = valid_description();
    description.kind = CORDON_PLUGIN_KIND_TRANSPORT;
    expect_refused(serialise_description(description), "not a codec");

    description = valid_description();
    description.abi_major = CORDON_ABI_MAJOR + 1;
    expect_refused(serialise_description(description), "major versions must match");

    description = valid_description();
    description.formats[0].sample_rates = {7};
    expect_refused(serialise_description(description), "sample rate 7 is outside");

    description = valid_description();
    description.formats.push_back(description.formats[0]);
    expect_refused(serialise_description(description), "listed twice");

    auto bytes = serialise_description(valid_description());
    bytes.back() = 2; // the in-band FEC flag
    expect_refused(bytes, "in-band FEC flag is 2, not 0 or 1");
}

TEST(SandboxPayload, ConfigRoundTripsAndRefusesHostileBytes)
{
    CodecConfig config;
    config.encoding_name = "opus";
    config.clock_rate = 48000;
    config.sample_rate = 48000;
    config.channels = 2;
    config.complexity = -1;
    config.params = {{"useinbandfec", "1"}};
    const auto bytes = serialise_config(config);
    auto parsed = parse_config(bytes);
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_EQ(parsed->encoding_name, "opus");
    EXPECT_EQ(parsed->complexity, -1);
    EXPECT_EQ(parsed->params, config.params);

    auto truncated = parse_config(std::span(bytes).first(bytes.size() - 1));
    ASSERT_FALSE(truncated);
    EXPECT_NE(truncated.error().message.find("parameter value"), std::string::npos) << truncated.error().message;

    config.params.assign(CORDON_CODEC_MAX_LIST_ENTRIES + 1, {"a", "b"});
    auto too_many = parse_config(serialise_config(config));
    ASSERT_FALSE(too_many);
    EXPECT_NE(too_many.error().message.find("parameter count 33 exceeds 32"), std::string::npos);

    config.params = {{"a", std::string(max_param_value_bytes + 1, 'v')}};
    auto overlong = parse_config(serialise_config(config));
    ASSERT_FALSE(overlong);
    EXPECT_NE(overlong.error().message.find("parameter value length 257"), std::string::npos);
}

TEST(SandboxPayload, InstanceInfoIsExactlySixteenBytes)
{
    const auto bytes = serialise_instance_info({sizeof(cordon_codec_instance_info), 160, 160, 320, 5});
    ASSERT_EQ(bytes.size(), instance_info_payload_bytes);
    auto parsed = parse_instance_info(bytes);
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->delay_samples_per_channel, 5u);
    EXPECT_FALSE(parse_instance_info(std::span(bytes).first(15)));
    auto longer = bytes;
    longer.push_back(0);
    EXPECT_FALSE(parse_instance_info(longer));
}

// A sandboxed plugin's strings are refused as a loaded one's are (the same
// validator), the code point named; a refusal that quotes the plugin's bytes
// quotes them escaped.
TEST(SandboxPayload, UndisplayableText)
{
    PluginDescription description = valid_description();
    description.name = "Codec \xE2\x80\xAE"
                       "cba";
    expect_refused(serialise_description(description),
                   "descriptor: name contains a bidirectional control U+202E (RIGHT-TO-LEFT OVERRIDE)");

    description = valid_description();
    description.vendor = "Vendor\xC2\x9B"
                         "31m";
    expect_refused(serialise_description(description),
                   "descriptor: vendor contains a control character U+009B (CONTROL SEQUENCE INTRODUCER)");

    description = valid_description();
    description.version = "1.0\xE2\x80\x8B";
    expect_refused(serialise_description(description),
                   "descriptor: version contains an invisible format character U+200B (ZERO WIDTH SPACE)");

    description = valid_description();
    description.formats[0].encoding_name = "L16\xE2\x80\xAE\x9B";
    expect_refused(serialise_description(description), "encoding name \"L16\\u202E\\x9B\" is not an SDP token");

    description = valid_description();
    description.formats[0].fmtp_parameters = {"mode\xE2\x80\x8B"};
    expect_refused(serialise_description(description), "fmtp parameter 0 \"mode\\u200B\" is not an SDP token");
}

} // namespace
} // namespace cordon::sandbox
