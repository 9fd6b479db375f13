#include "ua/duration_text.hpp"

namespace cordon::ua {

std::string duration_text(std::chrono::milliseconds duration)
{
    if (duration.count() % 1000 == 0) {
        return std::to_string(duration.count() / 1000) + " s";
    }
    return std::to_string(duration.count()) + " ms";
}

} // namespace cordon::ua
