// An output buffer of the capacity handed to a plugin, followed by canaries in
// the same heap block: a write just past the capacity stays inside the block,
// where ASan cannot see it, so the canaries are checked after every call.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace cordon::fuzz {

template <typename T> class GuardedBuffer {
public:
    explicit GuardedBuffer(size_t capacity) : capacity_(capacity), storage_(capacity + canary_count, canary) {}

    // Never NULL, even at capacity 0: a NULL output would test argument
    // checks rather than the capacity.
    T *data() { return storage_.data(); }
    size_t capacity() const { return capacity_; }

    bool canaries_intact() const
    {
        return std::all_of(storage_.begin() + static_cast<std::ptrdiff_t>(capacity_), storage_.end(),
                           [](T value) { return value == canary; });
    }

private:
    static constexpr size_t canary_count = 32;
    static constexpr T canary = static_cast<T>(0x5A5A);

    size_t capacity_;
    std::vector<T> storage_;
};

} // namespace cordon::fuzz
