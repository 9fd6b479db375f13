// The shared memory region itself: a sealed memfd mapped into each process.
// The host creates and sizes it; the child maps the descriptor it inherits.
// Seals stop either side from shrinking it under the other (a SIGBUS in the
// host) or growing it.
#pragma once

#include <cstddef>
#include <cstring>
#include <span>

#include "cordon/host/result.hpp"
#include "sandbox/protocol/region_layout.hpp"

namespace cordon::sandbox {

// memcpy that accepts an empty range with null pointers (an empty span's
// data() may be null, which memcpy itself does not allow).
inline void copy_bytes(void *to, const void *from, size_t bytes)
{
    if (bytes > 0) {
        std::memcpy(to, from, bytes);
    }
}

// Raw access to the mapped bytes at layout offsets. Whoever reads copies out
// (std::memcpy) before checking, since the other process may write at any time.
class RegionView {
public:
    RegionView(std::byte *base, RegionLayout layout) : base_(base), layout_(layout) {}

    const RegionLayout &layout() const { return layout_; }
    std::byte *at(size_t offset) const { return base_ + offset; }
    std::span<std::byte> request_payload(uint32_t slot) const
    {
        return {at(RegionLayout::request_payload_offset(slot)), payload_capacity_bytes};
    }
    std::span<std::byte> reply_payload(uint32_t slot) const
    {
        return {at(RegionLayout::reply_payload_offset(slot)), payload_capacity_bytes};
    }

    // One trivially copyable struct in or out, by value, in a single copy.
    template <class T> T load(size_t offset) const
    {
        T value;
        std::memcpy(&value, at(offset), sizeof(T));
        return value;
    }
    template <class T> void store(size_t offset, const T &value) const { std::memcpy(at(offset), &value, sizeof(T)); }

private:
    std::byte *base_;
    RegionLayout layout_;
};

class SharedRegion {
public:
    // Host side: a new sealed memfd (close-on-exec) of layout.region_bytes(),
    // mapped read-write. The child receives fd() through its spawn.
    static Result<SharedRegion> create(RegionLayout layout);
    // Child side: maps an inherited descriptor, refusing one whose size is not
    // exactly what layout says, or that lacks the seals. Takes ownership of fd.
    static Result<SharedRegion> map_inherited(int fd, RegionLayout layout);

    SharedRegion(SharedRegion &&other) noexcept;
    SharedRegion &operator=(SharedRegion &&other) noexcept;
    SharedRegion(const SharedRegion &) = delete;
    SharedRegion &operator=(const SharedRegion &) = delete;
    ~SharedRegion();

    int fd() const { return fd_; }
    RegionView view() const { return {base_, layout_}; }
    const RegionLayout &layout() const { return layout_; }

private:
    SharedRegion(int fd, std::byte *base, RegionLayout layout) : fd_(fd), base_(base), layout_(layout) {}
    void release();

    int fd_ = -1;
    std::byte *base_ = nullptr;
    RegionLayout layout_;
};

} // namespace cordon::sandbox
