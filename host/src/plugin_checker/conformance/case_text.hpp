// How the raw checks word what they saw: a status by its name, a frame by
// its number.
#pragma once

#include <string>

#include "cordon/plugin.h"

namespace cordon::plugin_check {

inline std::string status_text(int status)
{
    return "status " + std::to_string(status) + " (" + cordon_status_message(static_cast<cordon_status>(status)) + ")";
}

inline std::string frame_text(size_t index) { return "frame " + std::to_string(index); }

} // namespace cordon::plugin_check
