#include "tests/integration/growth.hpp"

#include <algorithm>
#include <cstdio>

namespace cordon::test {

namespace {

double median(std::vector<double> values)
{
    if (values.empty()) {
        return 0;
    }
    std::sort(values.begin(), values.end());
    const std::size_t middle = values.size() / 2;
    return values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

} // namespace

Growth growth_of(const std::vector<double> &samples, std::size_t warm_up, std::size_t window)
{
    if (samples.size() <= warm_up) {
        return {};
    }
    const auto measured = samples.begin() + static_cast<std::ptrdiff_t>(warm_up);
    const std::size_t available = samples.size() - warm_up;
    const std::size_t width = std::max<std::size_t>(1, std::min(window, available / 2));
    Growth growth;
    growth.early = median(std::vector<double>(measured, measured + static_cast<std::ptrdiff_t>(width)));
    growth.late = median(std::vector<double>(samples.end() - static_cast<std::ptrdiff_t>(width), samples.end()));
    return growth;
}

std::string describe(const Growth &growth)
{
    char text[96];
    std::snprintf(text, sizeof text, "early %.0f -> late %.0f (%+.0f)", growth.early, growth.late, growth.by());
    return text;
}

} // namespace cordon::test
