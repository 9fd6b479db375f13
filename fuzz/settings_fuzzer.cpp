// The settings file: any bytes must give settings or an error, never a crash.
#include <cstdint>
#include <string_view>

#include "cordon/host/settings.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const auto result = cordon::parse_settings(text, "fuzz.toml");
    // Either outcome must be complete: an error always says something.
    if (!result.ok() && result.error().message.empty()) {
        __builtin_trap();
    }
    return 0;
}
