// The 8-byte wake-ups host and child exchange on their request and reply
// descriptors (a pipe or an eventfd): an ordinary wake-up is 1.
#pragma once

#include <cstdint>

namespace cordon::sandbox {

// An eventfd cannot report that the host closed it, so the host asks for a
// clean exit by adding this to the request counter. A read of the request fd
// that ends (a pipe's EOF) or fails also ends the child's serve loop.
inline constexpr uint64_t shutdown_wake_value = uint64_t{1} << 62;

} // namespace cordon::sandbox
