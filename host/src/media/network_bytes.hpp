// Network byte order (big endian) for the RTP and RTCP codecs. Callers check
// the span's size first; these only read or write exactly their width.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace cordon::media {

inline uint16_t read_u16(std::span<const uint8_t> bytes, size_t at)
{
    return static_cast<uint16_t>(bytes[at] << 8u | bytes[at + 1]);
}

inline uint32_t read_u32(std::span<const uint8_t> bytes, size_t at)
{
    return static_cast<uint32_t>(bytes[at]) << 24u | static_cast<uint32_t>(bytes[at + 1]) << 16u |
           static_cast<uint32_t>(bytes[at + 2]) << 8u | bytes[at + 3];
}

inline void write_u16(std::span<uint8_t> bytes, size_t at, uint16_t value)
{
    bytes[at] = static_cast<uint8_t>(value >> 8u);
    bytes[at + 1] = static_cast<uint8_t>(value);
}

inline void write_u32(std::span<uint8_t> bytes, size_t at, uint32_t value)
{
    write_u16(bytes, at, static_cast<uint16_t>(value >> 16u));
    write_u16(bytes, at + 2, static_cast<uint16_t>(value));
}

} // namespace cordon::media
