// A codec's interface table in two steps: reading the C table into plain
// formats (bounded, never past a NULL or a count over the limit), then
// checking those formats. The loader runs both; the sandbox runs the check on
// the formats a child reports. Both must refuse the same formats alike.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cordon/codec.h"
#include "plugin_abi/codec_interface_validation.hpp"

namespace cordon {
namespace {

cordon_status refuse_create(const cordon_codec_config *, cordon_codec_instance **, cordon_codec_instance_info *)
{
    return CORDON_STATUS_UNSUPPORTED;
}
cordon_status refuse_encode(cordon_codec_instance *, const int16_t *, size_t, uint8_t *, size_t, size_t *)
{
    return CORDON_STATUS_UNSUPPORTED;
}
cordon_status refuse_decode(cordon_codec_instance *, const uint8_t *, size_t, int16_t *, size_t, size_t *)
{
    return CORDON_STATUS_UNSUPPORTED;
}
cordon_status refuse_reset(cordon_codec_instance *) { return CORDON_STATUS_UNSUPPORTED; }
void ignore_destroy(cordon_codec_instance *) {}

CodecFormat opus()
{
    CodecFormat format;
    format.encoding_name = "opus";
    format.clock_rate = 48000;
    format.rtp_channels = 2;
    format.sample_rates = {8000, 16000, 48000};
    format.max_channels = 2;
    format.frame_durations_us = {20000};
    format.fmtp_parameters = {"useinbandfec"};
    format.has_inband_fec = true;
    return format;
}

// The C table a plugin would export for these formats; it points into
// formats, which must outlive it.
struct Table {
    explicit Table(const std::vector<CodecFormat> &formats)
    {
        for (const CodecFormat &format : formats) {
            auto &names = fmtp_names.emplace_back();
            for (const std::string &name : format.fmtp_parameters) {
                names.push_back(name.c_str());
            }
        }
        for (size_t i = 0; i < formats.size(); ++i) {
            const CodecFormat &source = formats[i];
            cordon_codec_format format{};
            format.encoding_name = source.encoding_name.c_str();
            format.clock_rate = source.clock_rate;
            format.rtp_channels = source.rtp_channels;
            format.static_payload_type = source.static_payload_type;
            format.sample_rates = source.sample_rates.data();
            format.sample_rate_count = static_cast<uint32_t>(source.sample_rates.size());
            format.max_channels = source.max_channels;
            format.frame_durations_us = source.frame_durations_us.data();
            format.frame_duration_count = static_cast<uint32_t>(source.frame_durations_us.size());
            format.fmtp_parameters = fmtp_names[i].data();
            format.fmtp_parameter_count = static_cast<uint32_t>(fmtp_names[i].size());
            format.has_inband_fec = source.has_inband_fec ? 1u : 0u;
            c_formats.push_back(format);
        }
        codec.struct_size = sizeof codec;
        codec.format_struct_size = sizeof(cordon_codec_format);
        codec.formats = c_formats.data();
        codec.format_count = static_cast<uint32_t>(c_formats.size());
        codec.create = refuse_create;
        codec.encode = refuse_encode;
        codec.decode = refuse_decode;
        codec.reset = refuse_reset;
        codec.destroy = ignore_destroy;
    }
    Table(const Table &) = delete;
    Table &operator=(const Table &) = delete;

    std::vector<std::vector<const char *>> fmtp_names;
    std::vector<cordon_codec_format> c_formats;
    cordon_codec_interface codec{};
};

std::string refusal(const Result<std::vector<CodecFormat>> &result)
{
    return result ? std::string("(accepted)") : result.error().message;
}

TEST(CodecInterfaceValidation, ReadsAndKeepsEveryFormat)
{
    const std::vector<CodecFormat> formats{opus()};
    const Table table(formats);
    const auto read = validate_codec_interface(&table.codec);
    ASSERT_TRUE(read) << read.error().message;
    ASSERT_EQ(read->size(), 1u);
    EXPECT_EQ(read->at(0).encoding_name, "opus");
    EXPECT_EQ(read->at(0).sample_rates, (std::vector<uint32_t>{8000, 16000, 48000}));
    EXPECT_EQ(read->at(0).fmtp_parameters, (std::vector<std::string>{"useinbandfec"}));
    EXPECT_TRUE(read->at(0).has_inband_fec);
}

// Each hostile format, refused with the same words whether it came as a C
// table from a plugin in process or as values from a sandbox child.
TEST(CodecInterfaceValidation, BothPathsRefuseTheSameFormatsAlike)
{
    struct Case {
        std::function<void(CodecFormat &)> spoil;
        const char *refusal;
    };
    const Case cases[] = {
        {[](CodecFormat &f) { f.encoding_name = "op us"; }, "format 0: encoding name \"op us\" is not an SDP token"},
        {[](CodecFormat &f) { f.encoding_name = std::string(33, 'x'); },
         "format 0: encoding name is longer than 32 bytes"},
        {[](CodecFormat &f) { f.clock_rate = 999; }, "format 0 (opus): clock rate 999 is out of range"},
        {[](CodecFormat &f) { f.rtp_channels = 0; }, "format 0 (opus): rtp_channels 0 is out of range"},
        {[](CodecFormat &f) { f.static_payload_type = 96; },
         "format 0 (opus): static payload type 96 is neither -1 nor 0..95"},
        {[](CodecFormat &f) { f.sample_rates.clear(); }, "format 0 (opus): sample rate count 0 is outside 1..32"},
        {[](CodecFormat &f) { f.sample_rates = {7}; }, "format 0 (opus): sample rate 7 is outside 8000.."},
        {[](CodecFormat &f) { f.frame_durations_us = {1}; },
         "format 0 (opus): frame duration (us) 1 is outside 2500..120000"},
        {[](CodecFormat &f) { f.fmtp_parameters = {"mode\xE2\x80\x8B"}; },
         "format 0 (opus): fmtp parameter 0 \"mode\\u200B\" is not an SDP token"},
    };
    for (const Case &c : cases) {
        std::vector<CodecFormat> formats{opus()};
        c.spoil(formats[0]);
        const Table table(formats);
        const std::string from_table = refusal(validate_codec_interface(&table.codec));
        const std::string from_values = refusal(validate_codec_formats(formats));
        EXPECT_EQ(from_table, from_values);
        EXPECT_EQ(from_values.rfind(c.refusal, 0), 0u) << from_values;
    }
    std::vector<CodecFormat> twice{opus(), opus()};
    twice[1].encoding_name = "OPUS";
    const Table table(twice);
    EXPECT_EQ(refusal(validate_codec_interface(&table.codec)), "format 1 (OPUS/48000) is listed twice");
    EXPECT_EQ(refusal(validate_codec_formats(twice)), "format 1 (OPUS/48000) is listed twice");
    EXPECT_EQ(refusal(validate_codec_formats({})), "codec format count 0 is outside 1..64");
}

// What only a C table can get wrong: NULLs, and counts that would make the
// reader walk past the plugin's arrays. Each is refused before anything is
// read through the pointer.
TEST(CodecInterfaceValidation, RefusesNullsAndHugeCountsBeforeReadingThroughThem)
{
    const std::vector<CodecFormat> formats{opus()};
    const auto *unmapped = reinterpret_cast<const uint32_t *>(std::uintptr_t{8});
    struct Case {
        std::function<void(Table &)> spoil;
        const char *refusal;
    };
    const Case cases[] = {
        {[](Table &t) { t.codec.formats = nullptr; }, "codec format list is missing (NULL)"},
        {[](Table &t) { t.codec.format_count = 1u << 30; }, "codec format count 1073741824 is outside 1..64"},
        {[](Table &t) { t.c_formats[0].encoding_name = nullptr; }, "format 0: encoding name is missing (NULL)"},
        {[](Table &t) { t.c_formats[0].sample_rates = nullptr; }, "format 0: sample rate list is missing (NULL)"},
        {[&](Table &t) {
             t.c_formats[0].sample_rates = unmapped;
             t.c_formats[0].sample_rate_count = 0xffffffffu;
         },
         "format 0: sample rate count 4294967295 is outside 1..32"},
        {[&](Table &t) {
             t.c_formats[0].frame_durations_us = unmapped;
             t.c_formats[0].frame_duration_count = 33;
         },
         "format 0: frame duration (us) count 33 is outside 1..32"},
        {[](Table &t) { t.c_formats[0].fmtp_parameters = nullptr; }, "format 0: fmtp parameter list is missing (NULL)"},
        {[](Table &t) { t.c_formats[0].fmtp_parameter_count = 1000; },
         "format 0: fmtp parameter count 1000 exceeds 32"},
        {[](Table &t) { t.fmtp_names[0][0] = nullptr; }, "format 0: fmtp parameter 0 is missing (NULL)"},
        {[](Table &t) { t.codec.decode = nullptr; }, "required codec function decode is missing (NULL)"},
        {[](Table &t) { t.codec.format_struct_size = sizeof(cordon_codec_format) - 4; }, "codec format_struct_size"},
        {[](Table &t) { t.codec.struct_size = 8; }, "codec interface struct_size is 8 bytes"},
    };
    for (const Case &c : cases) {
        Table table(formats);
        c.spoil(table);
        const std::string reason = refusal(validate_codec_interface(&table.codec));
        EXPECT_EQ(reason.rfind(c.refusal, 0), 0u) << reason;
    }
    EXPECT_EQ(refusal(validate_codec_interface(nullptr)), "codec interface is missing (NULL)");
}

// A name without its NUL is read no further than one byte past its limit.
TEST(CodecInterfaceValidation, ReadsAnUnterminatedNameOnlyOneBytePastItsLimit)
{
    const std::vector<CodecFormat> formats{opus()};
    Table table(formats);
    const std::vector<char> unterminated(max_encoding_name_bytes + 1, 'x');
    table.c_formats[0].encoding_name = unterminated.data();
    EXPECT_EQ(refusal(validate_codec_interface(&table.codec)), "format 0: encoding name is longer than 32 bytes");
}

} // namespace
} // namespace cordon
