// The smallest encoding that can carry a config or a format list: unsigned
// and signed 32-bit integers in little-endian order, one-byte flags, and
// strings as a 32-bit length followed by that many bytes (no NUL).
//
// ByteReader checks every read against what is left, never allocates more
// than the input could hold, and remembers the first failure: after it, every
// read returns zero or empty, so loops bounded by a count read from the input
// stop at once. Callers check error() once, at the end.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cordon::sandbox {

class ByteWriter {
public:
    void u8(uint8_t value) { bytes_.push_back(value); }
    void u32(uint32_t value)
    {
        for (unsigned shift = 0; shift < 32; shift += 8) {
            bytes_.push_back(static_cast<uint8_t>(value >> shift));
        }
    }
    void i32(int32_t value) { u32(static_cast<uint32_t>(value)); }
    void string(std::string_view text)
    {
        u32(static_cast<uint32_t>(text.size()));
        bytes_.insert(bytes_.end(), text.begin(), text.end());
    }

    const std::vector<uint8_t> &bytes() const { return bytes_; }

private:
    std::vector<uint8_t> bytes_;
};

class ByteReader {
public:
    // what names the payload in error messages ("CREATE request").
    ByteReader(std::span<const uint8_t> bytes, std::string what) : bytes_(bytes), what_(std::move(what)) {}

    uint8_t u8(std::string_view field)
    {
        const auto taken = take(1, field);
        return taken.empty() ? 0 : taken[0];
    }
    uint32_t u32(std::string_view field)
    {
        const auto taken = take(4, field);
        uint32_t value = 0;
        for (size_t i = 0; i < taken.size(); ++i) {
            value |= uint32_t{taken[i]} << (8 * i);
        }
        return value;
    }
    int32_t i32(std::string_view field) { return static_cast<int32_t>(u32(field)); }
    bool flag(std::string_view field)
    {
        const uint8_t value = u8(field);
        if (value > 1) {
            fail(std::string(field) + " is " + std::to_string(value) + ", not 0 or 1");
        }
        return value == 1;
    }
    // A count of entries that follow, refused above max_count.
    uint32_t count(std::string_view field, uint32_t max_count)
    {
        const uint32_t value = u32(field);
        if (value > max_count) {
            fail(std::string(field) + " " + std::to_string(value) + " exceeds " + std::to_string(max_count));
            return 0;
        }
        return value;
    }
    // A string of at most max_bytes bytes, none of them NUL (a NUL would make
    // the C string the plugin or validator sees differ from the bytes sent).
    std::string string(std::string_view field, size_t max_bytes)
    {
        const uint32_t length = u32(field);
        if (failed()) {
            return {};
        }
        if (length > max_bytes) {
            fail(std::string(field) + " length " + std::to_string(length) + " exceeds " + std::to_string(max_bytes) +
                 " bytes");
            return {};
        }
        const auto taken = take(length, field);
        const std::string text(taken.begin(), taken.end());
        if (text.find('\0') != std::string::npos) {
            fail(std::string(field) + " contains a NUL byte");
            return {};
        }
        return text;
    }

    // Refuses trailing bytes: a payload means exactly one thing.
    void expect_end()
    {
        if (!failed() && offset_ != bytes_.size()) {
            fail(std::to_string(bytes_.size() - offset_) + " unexpected bytes after the last field");
        }
    }

    bool failed() const { return error_.has_value(); }
    const std::optional<std::string> &error() const { return error_; }

private:
    std::span<const uint8_t> take(size_t length, std::string_view field)
    {
        if (failed()) {
            return {};
        }
        if (length > bytes_.size() - offset_) {
            fail(std::string(field) + " needs " + std::to_string(length) + " bytes at offset " +
                 std::to_string(offset_) + ", only " + std::to_string(bytes_.size() - offset_) + " left");
            return {};
        }
        const auto taken = bytes_.subspan(offset_, length);
        offset_ += length;
        return taken;
    }
    void fail(std::string message)
    {
        if (!failed()) {
            error_ = what_ + ": " + std::move(message);
        }
    }

    std::span<const uint8_t> bytes_;
    size_t offset_ = 0;
    std::string what_;
    std::optional<std::string> error_;
};

} // namespace cordon::sandbox
