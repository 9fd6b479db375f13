// RTP from the wire. Any bytes must give a packet view inside the input or a
// one-line printable reason, never a crash. A packet that parses must write
// back to the same bytes (padding aside: the writer adds none) and parse back
// to the same fields.
//
// The same input, read as a sequence of packets (a little-endian u16 length,
// that many bytes, then a u8 of milliseconds since the previous arrival),
// drives one RtpReceiveStatistics, whose counts and report blocks must stay
// consistent with what it was fed.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <span>
#include <vector>

#include "core/ascii_text.hpp"
#include "fuzz/fuzz_bytes.hpp"
#include "media/rtp_packet.hpp"
#include "media/rtp_receive_statistics.hpp"

namespace {

using cordon::media::RtpArrival;

constexpr uint32_t clock_rate = 48000;
// Reports are made now and then, so fraction_lost sees intervals.
constexpr uint64_t packets_per_report = 7;

void check_refusal(const cordon::Error &error)
{
    if (error.code != cordon::ErrorCode::malformed_input || error.message.empty()) {
        __builtin_trap();
    }
    if (!cordon::is_printable_ascii(error.message)) {
        __builtin_trap();
    }
}

bool inside(std::span<const uint8_t> part, std::span<const uint8_t> whole)
{
    return part.empty() || (part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size());
}

void check_round_trip(std::span<const uint8_t> packet, const cordon::media::RtpPacketView &view)
{
    if (!inside(view.payload, packet) || !inside(view.extension, packet)) {
        __builtin_trap();
    }
    std::vector<uint8_t> out(cordon::media::rtp_packet_size(view.header, view.extension.size(), view.payload.size()));
    const auto written = cordon::media::write_rtp(view.header, view.payload, out, view.extension);
    if (!written.ok() || *written != out.size() || out.size() != packet.size() - view.padding) {
        __builtin_trap();
    }
    constexpr uint8_t padding_bit = 0x20;
    if (out[0] != (packet[0] & ~padding_bit) || !std::equal(out.begin() + 1, out.end(), packet.begin() + 1)) {
        __builtin_trap();
    }
    const auto again = cordon::media::parse_rtp(out);
    if (!again.ok() || !(again->header == view.header) || again->padding != 0 ||
        !std::ranges::equal(again->payload, view.payload) || !std::ranges::equal(again->extension, view.extension)) {
        __builtin_trap();
    }
}

void check_statistics(const cordon::media::RtpReceiveStatistics &source, uint64_t fed)
{
    const auto &counters = source.counters();
    if (counters.packets != fed || counters.late + counters.duplicates + counters.bad + counters.restarts > fed) {
        __builtin_trap();
    }
    if (source.is_valid() && (source.expected() < 1 || source.received() < 1)) {
        __builtin_trap();
    }
}

void feed_statistics(const uint8_t *data, size_t size)
{
    cordon::fuzz::ByteReader reader(data, size);
    cordon::media::RtpReceiveStatistics source(0, clock_rate);
    auto now = std::chrono::steady_clock::time_point{} + std::chrono::hours(1);
    uint64_t fed = 0;
    while (!reader.empty()) {
        const auto bytes = reader.bytes(reader.u16());
        now += std::chrono::milliseconds(reader.u8());
        const auto view = cordon::media::parse_rtp(bytes);
        if (!view.ok()) {
            continue;
        }
        const RtpArrival arrival = source.on_packet(view->header.sequence, view->header.timestamp, now);
        ++fed;
        if (arrival == RtpArrival::probation && source.is_valid()) {
            __builtin_trap();
        }
        if (fed % packets_per_report == 0) {
            const auto block = source.make_report_block(now);
            if (block.has_value() != source.is_valid() ||
                (block && block->extended_highest_sequence != source.extended_highest_sequence())) {
                __builtin_trap();
            }
        }
        check_statistics(source, fed);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::span<const uint8_t> packet(data, size);
    const auto view = cordon::media::parse_rtp(packet);
    if (view.ok()) {
        check_round_trip(packet, *view);
    } else {
        check_refusal(view.error());
    }
    feed_statistics(data, size);
    return 0;
}
