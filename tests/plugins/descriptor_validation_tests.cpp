// Descriptor validation on descriptors built in memory: the edges of every
// rule, beyond the one real broken library per refusal in the registry tests.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include <gtest/gtest.h>

#include "cordon/auth.h"
#include "cordon/codec.h"
#include "cordon/media_encryption.h"
#include "cordon/transport.h"
#include "plugin_abi/descriptor_validation.hpp"

namespace cordon {
namespace {

const void *no_interface(const char * /*id*/) { return nullptr; }

cordon_plugin_descriptor valid_descriptor()
{
    cordon_plugin_descriptor descriptor{};
    descriptor.abi_major = CORDON_ABI_MAJOR;
    descriptor.abi_minor = CORDON_ABI_MINOR;
    descriptor.struct_size = sizeof(cordon_plugin_descriptor);
    descriptor.kind = CORDON_PLUGIN_KIND_CODEC;
    descriptor.id = "com.example.codec.vendor-x_2";
    descriptor.name = "Vendor X — Codec"; // UTF-8 beyond ASCII is fine in a name
    descriptor.vendor = "Example Ltd.";
    descriptor.version = "2.1.0-rc1";
    descriptor.get_interface = no_interface;
    return descriptor;
}

std::optional<std::string> validate(const cordon_plugin_descriptor &descriptor)
{
    DescriptorFields fields;
    return validate_descriptor(&descriptor, fields);
}

TEST(DescriptorValidation, AcceptsAValidDescriptorAndCopiesItsFields)
{
    const auto descriptor = valid_descriptor();
    DescriptorFields fields;
    EXPECT_EQ(validate_descriptor(&descriptor, fields), std::nullopt);
    EXPECT_EQ(fields.id, "com.example.codec.vendor-x_2");
    EXPECT_EQ(fields.name, "Vendor X — Codec");
    EXPECT_EQ(fields.version, "2.1.0-rc1");
    EXPECT_EQ(fields.kind, PluginKind::codec);
}

TEST(DescriptorValidation, AcceptsANewerMinorWithALargerStruct)
{
    auto descriptor = valid_descriptor();
    descriptor.abi_minor = CORDON_ABI_MINOR + 3;
    descriptor.struct_size = sizeof(cordon_plugin_descriptor) + 64;
    EXPECT_EQ(validate(descriptor), std::nullopt);
}

TEST(DescriptorValidation, RefusesEachBrokenField)
{
    const std::string long_id = "org." + std::string(CORDON_MAX_ID_BYTES, 'a');
    const std::string longest_name(CORDON_MAX_NAME_BYTES + 1, 'n');
    struct Case {
        void (*spoil)(cordon_plugin_descriptor &, const std::string &, const std::string &);
        const char *fragment;
    };
    const Case cases[] = {
        {[](auto &d, auto &, auto &) { d.abi_major = 0; }, "built for plugin ABI 0."},
        {[](auto &d, auto &, auto &) { d.struct_size = sizeof(d) - 1; }, "struct_size is"},
        {[](auto &d, auto &, auto &) { d.kind = 0; }, "unknown plugin kind 0"},
        {[](auto &d, auto &, auto &) { d.id = nullptr; }, "id is missing (NULL)"},
        {[](auto &d, auto &id, auto &) { d.id = id.c_str(); }, "id is longer than 128 bytes"},
        {[](auto &d, auto &, auto &) { d.id = "codec"; }, "needs at least two dot-separated labels"},
        {[](auto &d, auto &, auto &) { d.id = ".org.cordon"; }, "empty label"},
        {[](auto &d, auto &, auto &) { d.id = "org.cordon."; }, "empty label"},
        {[](auto &d, auto &, auto &) { d.id = "org.Cordon"; }, "may contain only a-z"},
        {[](auto &d, auto &, auto &) { d.id = "org.cor don"; }, "may contain only a-z"},
        {[](auto &d, auto &, auto &) { d.name = ""; }, "name is empty"},
        {[](auto &d, auto &, auto &name) { d.name = name.c_str(); }, "name is longer than 128 bytes"},
        {[](auto &d, auto &, auto &) { d.name = "bad \xED\xA0\x80 surrogate"; }, "name is not valid UTF-8"},
        {[](auto &d, auto &, auto &) { d.name = "line\nbreak"; }, "name contains a control character"},
        {[](auto &d, auto &, auto &) { d.vendor = nullptr; }, "vendor is missing (NULL)"},
        {[](auto &d, auto &, auto &) { d.vendor = "\x1b[31mred"; }, "vendor contains a control character"},
        {[](auto &d, auto &, auto &) { d.version = ""; }, "version is empty"},
        {[](auto &d, auto &, auto &) { d.version = "1.0 beta"; }, "printable ASCII without spaces"},
        {[](auto &d, auto &, auto &) { d.version = "1.0\xC3\xA9"; }, "printable ASCII without spaces"},
        {[](auto &d, auto &, auto &) { d.get_interface = nullptr; }, "get_interface is missing"},
    };
    for (const Case &c : cases) {
        auto descriptor = valid_descriptor();
        c.spoil(descriptor, long_id, longest_name);
        const auto reason = validate(descriptor);
        ASSERT_TRUE(reason.has_value()) << c.fragment;
        EXPECT_NE(reason->find(c.fragment), std::string::npos) << *reason;
    }
}

// Text that reads other than it is stored: one plugin could pass for
// another in `cordon plugins`, or write escapes to the terminal.
TEST(DescriptorValidation, RefusesUndisplayableCharactersInEveryStringNamingTheCodePoint)
{
    struct Hostile {
        const char *text;
        const char *problem;
    };
    const Hostile hostile[] = {
        {"org.example\xE2\x80\xAE"
         "cba",
         "contains a bidirectional control U+202E (RIGHT-TO-LEFT OVERRIDE)"},
        {"org.example\xE2\x81\xA6"
         "x",
         "contains a bidirectional control U+2066 (LEFT-TO-RIGHT ISOLATE)"},
        {"org.example\xC2\x9B"
         "31m",
         "contains a control character U+009B (CONTROL SEQUENCE INTRODUCER)"},
        {"org.example\xC2\x85", "contains a control character U+0085 (NEXT LINE)"},
        {"org.exa\xE2\x80\x8Bmple", "contains an invisible format character U+200B (ZERO WIDTH SPACE)"},
        {"org.example\xEF\xBB\xBF", "contains an invisible format character U+FEFF (ZERO WIDTH NO-BREAK SPACE)"},
        {"org.example\xF3\xA0\x81\x81", "contains an invisible format character U+E0041"},
        {"org.example\xE2\x80\xA8", "contains a line separator U+2028 (LINE SEPARATOR)"},
        {"org.example\xEF\xBF\xBF", "contains a noncharacter U+FFFF"},
        {"org.example\x9B", "is not valid UTF-8 (byte 0x9B at offset 11)"},
    };
    using Field = const char *cordon_plugin_descriptor::*;
    const std::pair<const char *, Field> fields[] = {{"id", &cordon_plugin_descriptor::id},
                                                     {"name", &cordon_plugin_descriptor::name},
                                                     {"vendor", &cordon_plugin_descriptor::vendor},
                                                     {"version", &cordon_plugin_descriptor::version}};
    for (const auto &[field_name, field] : fields) {
        for (const Hostile &text : hostile) {
            auto descriptor = valid_descriptor();
            descriptor.*field = text.text;
            EXPECT_EQ(validate(descriptor), std::string(field_name) + " " + text.problem);
        }
    }
}

TEST(DescriptorValidation, AcceptsStringsExactlyAtTheLimit)
{
    auto descriptor = valid_descriptor();
    const std::string id = "org." + std::string(CORDON_MAX_ID_BYTES - 4, 'a');
    const std::string name(CORDON_MAX_NAME_BYTES, 'n');
    const std::string version(CORDON_MAX_VERSION_BYTES, '1');
    descriptor.id = id.c_str();
    descriptor.name = name.c_str();
    descriptor.version = version.c_str();
    EXPECT_EQ(validate(descriptor), std::nullopt);
}

TEST(DescriptorValidation, RefusesNull)
{
    DescriptorFields fields;
    const auto reason = validate_descriptor(nullptr, fields);
    ASSERT_TRUE(reason);
    EXPECT_NE(reason->find("no descriptor"), std::string::npos);
}

TEST(DescriptorValidation, KeepsWhatWasReadBeforeARefusal)
{
    auto descriptor = valid_descriptor();
    descriptor.version = "";
    DescriptorFields fields;
    ASSERT_TRUE(validate_descriptor(&descriptor, fields));
    EXPECT_EQ(fields.id, "com.example.codec.vendor-x_2");
    EXPECT_EQ(fields.abi_major, CORDON_ABI_MAJOR);
    EXPECT_TRUE(fields.version.empty());
}

// A descriptor of another major version may have any layout: nothing past
// its three leading fields is read, so pointers that would fault are never
// followed. Likewise a struct too small for ABI 1.0.
TEST(DescriptorValidation, ReadsNothingPastTheLeadingFieldsOfAnotherLayout)
{
    auto descriptor = valid_descriptor();
    const auto *unmapped = reinterpret_cast<const char *>(std::uintptr_t{8});
    descriptor.id = descriptor.name = descriptor.vendor = descriptor.version = unmapped;
    descriptor.abi_major = CORDON_ABI_MAJOR + 1;
    auto reason = validate(descriptor);
    ASSERT_TRUE(reason);
    EXPECT_NE(reason->find("the major versions must match"), std::string::npos) << *reason;
    descriptor.abi_major = CORDON_ABI_MAJOR;
    descriptor.struct_size = 12;
    reason = validate(descriptor);
    ASSERT_TRUE(reason);
    EXPECT_NE(reason->find("struct_size is 12 bytes"), std::string::npos) << *reason;
}

// A string without its NUL is read no further than one byte past its limit.
TEST(DescriptorValidation, ReadsAnUnterminatedStringOnlyOneBytePastItsLimit)
{
    auto descriptor = valid_descriptor();
    const auto unterminated = std::make_unique<char[]>(CORDON_MAX_NAME_BYTES + 1);
    std::fill_n(unterminated.get(), CORDON_MAX_NAME_BYTES + 1, 'n');
    descriptor.name = unterminated.get();
    EXPECT_EQ(validate(descriptor), "name is longer than 128 bytes");
}

// The values a sandbox child reports go through the same checks, without
// any C struct: the same refusals, the same fields kept.
TEST(DescriptorValues, AreCheckedLikeADescriptorsFields)
{
    DescriptorValues values;
    values.abi_major = CORDON_ABI_MAJOR;
    values.abi_minor = CORDON_ABI_MINOR;
    values.kind = CORDON_PLUGIN_KIND_CODEC;
    values.id = "com.example.codec";
    values.name = "Codec";
    values.vendor = "Example";
    values.version = "1.0";
    values.has_get_interface = true;
    DescriptorFields fields;
    EXPECT_EQ(validate_descriptor_values(values, fields), std::nullopt);
    EXPECT_EQ(fields.kind, PluginKind::codec);

    auto missing = values;
    missing.vendor.reset();
    EXPECT_EQ(validate_descriptor_values(missing, fields), "vendor is missing (NULL)");
    auto spoofing = values;
    spoofing.name = "Codec\xE2\x80\xAE";
    EXPECT_EQ(validate_descriptor_values(spoofing, fields),
              "name contains a bidirectional control U+202E (RIGHT-TO-LEFT OVERRIDE)");
    auto other_major = values;
    other_major.abi_major = 7;
    const auto refusal = validate_descriptor_values(other_major, fields);
    ASSERT_TRUE(refusal);
    EXPECT_NE(refusal->find("built for plugin ABI 7."), std::string::npos) << *refusal;
    auto no_entry = values;
    no_entry.has_get_interface = false;
    EXPECT_EQ(validate_descriptor_values(no_entry, fields), "required function get_interface is missing (NULL)");
}

TEST(RequiredInterface, CodecsAuthAndTransportsHaveOne)
{
    const auto codec = required_interface_id(PluginKind::codec);
    ASSERT_TRUE(codec.has_value());
    EXPECT_STREQ(*codec, CORDON_CODEC_INTERFACE_ID);
    const auto auth = required_interface_id(PluginKind::auth);
    ASSERT_TRUE(auth.has_value());
    EXPECT_STREQ(*auth, CORDON_AUTH_INTERFACE_ID);
    const auto transport = required_interface_id(PluginKind::transport);
    ASSERT_TRUE(transport.has_value());
    EXPECT_STREQ(*transport, CORDON_TRANSPORT_INTERFACE_ID);
    const auto encryption = required_interface_id(PluginKind::encryption);
    ASSERT_TRUE(encryption.has_value());
    EXPECT_STREQ(*encryption, CORDON_MEDIA_ENCRYPTION_INTERFACE_ID);
}

} // namespace
} // namespace cordon
