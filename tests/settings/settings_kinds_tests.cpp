// Every kind of setting a row can describe, through a table of the tests' own:
// the real table does not yet use every kind, and later settings will.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <sstream>

#include "settings/setting_spec.hpp"
#include "tests/settings/settings_test_support.hpp"

namespace cordon::settings_detail {
namespace {

using std::filesystem::path;
using test::lines_of;
using ::testing::ElementsAre;

// Where the test table's rows store their values (Settings has no fields for them).
struct StoredValues {
    std::string name;
    bool enabled = false;
    std::int64_t port = 0;
    std::size_t mode_index = 99;
    std::vector<std::string> tags;
    path socket = "unset";
    std::vector<path> roots;
    bool top = false;
};
StoredValues stored;

constexpr std::array<std::string_view, 3> modes = {"off", "on", "auto"};
constexpr std::array<std::string_view, 2> default_tags = {"x", "y"};
constexpr std::array<std::string_view, 1> default_roots = {"/srv"};

constexpr std::array<SettingSpec, 8> every_kind = {{
    {"kinds.name", StringSetting{"cordon", [](Settings &, std::string v) { stored.name = std::move(v); }}, "A name.",
     ""},
    {"kinds.enabled", BooleanSetting{true, [](Settings &, bool v) { stored.enabled = v; }}, "On or off.", ""},
    {"kinds.port", IntegerSetting{1, 65535, 5060, [](Settings &, std::int64_t v) { stored.port = v; }}, "A port.",
     "Ports below 1024 need privileges."},
    {"kinds.mode", ChoiceSetting{modes, "auto", [](Settings &, std::size_t v) { stored.mode_index = v; }}, "A mode.",
     ""},
    {"kinds.tags", StringListSetting{default_tags, [](Settings &, std::vector<std::string> v) { stored.tags = v; }},
     "Some tags.", ""},
    {"kinds.socket", PathSetting{"", [](Settings &, path v) { stored.socket = std::move(v); }}, "A socket.", ""},
    {"kinds.roots", PathListSetting{default_roots, [](Settings &, std::vector<path> v) { stored.roots = v; }},
     "Some roots.", ""},
    {"top", BooleanSetting{false, [](Settings &, bool v) { stored.top = v; }}, "A key outside any table.", ""},
}};
static_assert(table_problem(every_kind).empty());

std::vector<std::string> errors_of(std::string_view text)
{
    const Result<Settings> result = parse_settings_with(every_kind, text, "/srv/cordon/kinds.toml");
    return result.ok() ? std::vector<std::string>{} : lines_of(result.error().message);
}

class SettingKinds : public ::testing::Test {
protected:
    void SetUp() override { stored = StoredValues{}; }
};

TEST_F(SettingKinds, DefaultsAreStored)
{
    ASSERT_THAT(errors_of(""), ElementsAre());
    EXPECT_EQ(stored.name, "cordon");
    EXPECT_TRUE(stored.enabled);
    EXPECT_EQ(stored.port, 5060);
    EXPECT_EQ(stored.mode_index, 2U);
    EXPECT_EQ(stored.tags, (std::vector<std::string>{"x", "y"}));
    EXPECT_EQ(stored.socket, path());
    EXPECT_EQ(stored.roots, std::vector<path>{"/srv"});
    EXPECT_FALSE(stored.top);
}

TEST_F(SettingKinds, EveryKindIsRead)
{
    ASSERT_THAT(errors_of(R"(
top = true
[kinds]
name = "acme"
enabled = false
port = 65535
mode = "off"
tags = []
socket = "run/cordon.sock"
roots = ["/a", "b"]
)"),
                ElementsAre());
    EXPECT_EQ(stored.name, "acme");
    EXPECT_FALSE(stored.enabled);
    EXPECT_EQ(stored.port, 65535);
    EXPECT_EQ(stored.mode_index, 0U);
    EXPECT_TRUE(stored.tags.empty());
    EXPECT_EQ(stored.socket, path("/srv/cordon/run/cordon.sock"));
    EXPECT_EQ(stored.roots, (std::vector<path>{"/a", "/srv/cordon/b"}));
    EXPECT_TRUE(stored.top);
}

TEST_F(SettingKinds, EachKindRefusesWhatItDoesNotAccept)
{
    EXPECT_THAT(errors_of(R"([kinds]
name = 1
enabled = "yes"
port = 0
mode = "maybe"
tags = ["a", ["b"]]
socket = ""
roots = ["/a", "/a/"]
)"),
                ElementsAre("/srv/cordon/kinds.toml:2:8: kinds.name: expected a string, found an integer",
                            "/srv/cordon/kinds.toml:3:11: kinds.enabled: expected true or false, found a string",
                            "/srv/cordon/kinds.toml:4:8: kinds.port: must be from 1 to 65535, found 0",
                            "/srv/cordon/kinds.toml:5:8: kinds.mode: \"maybe\" is not one of \"off\", \"on\", "
                            "\"auto\"",
                            "/srv/cordon/kinds.toml:6:14: kinds.tags: entry 2: expected a string, found an array",
                            "/srv/cordon/kinds.toml:7:10: kinds.socket: a path must not be empty",
                            "/srv/cordon/kinds.toml:8:16: kinds.roots: entry 2: repeats entry 1 (\"/a\")"));
}

TEST_F(SettingKinds, IntegerRangeIsInclusiveAndFloatsAreRefused)
{
    EXPECT_THAT(errors_of("kinds.port = 1\n"), ElementsAre());
    EXPECT_EQ(stored.port, 1);
    EXPECT_THAT(errors_of("kinds.port = 65536\n"),
                ElementsAre("/srv/cordon/kinds.toml:1:14: kinds.port: must be from 1 to 65535, found 65536"));
    EXPECT_THAT(errors_of("kinds.port = 5060.0\n"),
                ElementsAre("/srv/cordon/kinds.toml:1:14: kinds.port: expected an integer, found a "
                            "floating-point number"));
}

TEST_F(SettingKinds, ASettingWithAProblemIsNotStored)
{
    EXPECT_FALSE(errors_of("kinds.name = \"kept\"\nkinds.port = -1\n").empty());
    EXPECT_NE(stored.port, -1);
}

TEST_F(SettingKinds, DocsDescribeEveryKind)
{
    const auto doc = [](std::size_t row) { return document_setting(every_kind[row]); };
    EXPECT_EQ(doc(0).type, "string");
    EXPECT_EQ(doc(0).default_value, "\"cordon\"");
    EXPECT_EQ(doc(1).type, "boolean");
    EXPECT_EQ(doc(1).default_value, "true");
    EXPECT_EQ(doc(2).type, "integer");
    EXPECT_EQ(doc(2).default_value, "5060");
    EXPECT_EQ(doc(2).constraints, "from 1 to 65535");
    EXPECT_EQ(doc(2).security_note, "Ports below 1024 need privileges.");
    EXPECT_EQ(doc(3).default_value, "\"auto\"");
    EXPECT_EQ(doc(3).constraints, "one of \"off\", \"on\", \"auto\"");
    EXPECT_EQ(doc(4).type, "array of strings");
    EXPECT_EQ(doc(4).default_value, "[\"x\", \"y\"]");
    EXPECT_EQ(doc(5).default_value, "not set");
    EXPECT_EQ(doc(6).default_value, "[\"/srv\"]");
    EXPECT_NE(doc(6).constraints.find("relative path"), std::string::npos);
}

TEST_F(SettingKinds, ExplainShowsSecurityNotesOnlyWhereThereAreSome)
{
    std::ostringstream out;
    explain_settings_with(every_kind, out);
    const std::string text = out.str();
    EXPECT_NE(text.find("    security: Ports below 1024 need privileges."), std::string::npos) << text;
    EXPECT_EQ(text.find("security:"), text.rfind("security:")) << text;
}

void ignore_string(Settings &, std::string) {}

TEST(SettingsTableCheck, FindsBrokenRows)
{
    const auto problem_of = [](std::initializer_list<SettingSpec> rows) {
        return std::string(table_problem(std::span<const SettingSpec>(rows.begin(), rows.size())));
    };
    const auto row = [](std::string_view key, SettingKind kind = StringSetting{"", ignore_string}) {
        return SettingSpec{key, kind, "Description.", ""};
    };
    EXPECT_EQ(problem_of({row("a.b"), row("a.c")}), "");
    EXPECT_EQ(problem_of({row("a.b"), row("a.b")}), "two settings share a key");
    EXPECT_EQ(problem_of({row("a"), row("a.b")}), "a setting's key is also the table of another setting");
    EXPECT_EQ(problem_of({row("a..b")}), "a key is empty or has an empty segment");
    EXPECT_EQ(problem_of({row("a b")}), "a key is not made of bare TOML segments");
    EXPECT_EQ(problem_of({SettingSpec{"a", StringSetting{"", ignore_string}, "", ""}}), "a setting has no description");
    EXPECT_EQ(problem_of({row("a", IntegerSetting{1, 2, 3, [](Settings &, std::int64_t) {}})}),
              "an integer default is out of its range");
    EXPECT_EQ(problem_of({row("a", ChoiceSetting{modes, "never", [](Settings &, std::size_t) {}})}),
              "a choice default is not a choice");
    EXPECT_EQ(problem_of({row("a", PathSetting{"relative", [](Settings &, path) {}})}),
              "a path default is not absolute");
    EXPECT_EQ(problem_of({row("a", StringSetting{"", nullptr})}), "a setting has nowhere to be stored");
}

} // namespace
} // namespace cordon::settings_detail
