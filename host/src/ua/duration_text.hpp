// A limit as the reasons calls end with say it.
#pragma once

#include <chrono>
#include <string>

namespace cordon::ua {

// "3 s", or "1500 ms" for a limit that is not whole seconds.
std::string duration_text(std::chrono::milliseconds duration);

} // namespace cordon::ua
