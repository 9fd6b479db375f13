// Compound RTCP from the wire. Any bytes must give a compound or a one-line
// printable reason, never a crash. What parses and the writer can carry (an
// SR or RR with up to 31 blocks, SDES chunks each with a CNAME, a BYE) must
// write to exactly rtcp_compound_size bytes and parse back to the same values;
// what the writer cannot carry is refused as invalid_argument.
#include <cstdint>
#include <span>
#include <vector>

#include "core/ascii_text.hpp"
#include "media/rtcp_packet.hpp"

namespace {

void check_refusal(const cordon::Error &error, cordon::ErrorCode expected)
{
    if (error.code != expected || error.message.empty()) {
        __builtin_trap();
    }
    if (!cordon::is_printable_ascii(error.message)) {
        __builtin_trap();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto compound = cordon::media::parse_rtcp(std::span<const uint8_t>(data, size));
    if (!compound.ok()) {
        check_refusal(compound.error(), cordon::ErrorCode::malformed_input);
        return 0;
    }
    // Every report block took 24 bytes of the input.
    if (compound->reports.size() * cordon::media::rtcp_report_block_bytes > size) {
        __builtin_trap();
    }
    std::vector<uint8_t> out(cordon::media::rtcp_compound_size(*compound));
    const auto written = cordon::media::write_rtcp(*compound, out);
    if (!written.ok()) {
        check_refusal(written.error(), cordon::ErrorCode::invalid_argument);
        return 0;
    }
    if (*written != out.size()) {
        __builtin_trap();
    }
    auto expected = *compound;
    expected.skipped_packets = 0; // the writer writes no APP, feedback or XR
    const auto again = cordon::media::parse_rtcp(out);
    if (!again.ok() || !(*again == expected)) {
        __builtin_trap();
    }
    return 0;
}
