// cordon-codec-conformance: the suite every codec plugin passes, Cordon's
// own and vendors' alike.
//
//   cordon-codec-conformance [--plugin FILE]... [--min-snr-db X] [--min-correlation X] [gtest flags]
//
// Without --plugin it tests every codec in the built-in plugin directory.
#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "conformance_fixture.hpp"
#include "quality_floors.hpp"

namespace cordon::conformance {

INSTANTIATE_TEST_SUITE_P(Every, CodecConformance, testing::ValuesIn(conformance_cases()),
                         [](const testing::TestParamInfo<ConformanceCase> &param) { return param.param.name; });

}  // namespace cordon::conformance

namespace {

std::optional<double> parse_number(const char *text)
{
    char *end = nullptr;
    const double value = std::strtod(text, &end);
    if (end == text || *end != '\0') {
        return std::nullopt;
    }
    return value;
}

}  // namespace

int main(int argc, char **argv)
{
    // Take our own options out before GoogleTest reads the rest.
    std::vector<std::filesystem::path> plugins;
    std::optional<double> min_snr_db;
    std::optional<double> min_correlation;
    std::vector<char *> remaining{argv[0]};
    for (int i = 1; i < argc; ++i) {
        const std::string argument = argv[i];
        const bool has_value = i + 1 < argc;
        if (argument == "--plugin" && has_value) {
            plugins.emplace_back(argv[++i]);
        } else if ((argument == "--min-snr-db" || argument == "--min-correlation") && has_value) {
            const auto value = parse_number(argv[++i]);
            if (!value) {
                std::cerr << "conformance: " << argument << " needs a number\n";
                return 2;
            }
            (argument == "--min-snr-db" ? min_snr_db : min_correlation) = value;
        } else {
            remaining.push_back(argv[i]);
        }
    }
    cordon::conformance::set_quality_floor_override(min_snr_db, min_correlation);
    if (!cordon::conformance::load_plugins_under_test(plugins)) {
        return 1;
    }
    int remaining_count = static_cast<int>(remaining.size());
    remaining.push_back(nullptr);  // argv[argc] is NULL, and GoogleTest moves it along
    testing::InitGoogleTest(&remaining_count, remaining.data());
    return RUN_ALL_TESTS();
}
