// Reading a fuzz input front to back, and writing one the same way (for the
// seed generator). Past the end every read gives zeros, so any input, however
// short, is a complete one and the fuzzer never wastes a run on a refusal.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace cordon::fuzz {

class ByteReader {
public:
    ByteReader(const uint8_t *data, size_t size) : data_(data), size_(size) {}

    bool empty() const { return offset_ == size_; }

    uint8_t u8() { return empty() ? uint8_t{0} : data_[offset_++]; }

    // Little endian.
    uint16_t u16()
    {
        const uint8_t low = u8();
        return static_cast<uint16_t>(low | u8() << 8u);
    }

    // The next count bytes (fewer at the end) in a buffer of exactly their
    // size, so that ASan catches a read one past them.
    std::vector<uint8_t> bytes(size_t count)
    {
        const size_t taken = std::min(count, size_ - offset_);
        std::vector<uint8_t> out(data_ + offset_, data_ + offset_ + taken);
        offset_ += taken;
        return out;
    }

private:
    const uint8_t *data_;
    size_t size_;
    size_t offset_ = 0;
};

inline void put_u16(std::vector<uint8_t> &out, uint16_t value)
{
    out.push_back(static_cast<uint8_t>(value & 0xFFu));
    out.push_back(static_cast<uint8_t>(value >> 8u));
}

} // namespace cordon::fuzz
