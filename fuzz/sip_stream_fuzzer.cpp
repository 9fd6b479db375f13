// A stream transport's bytes through StreamFramer, split into pieces as the
// fuzzer chooses (each piece's length is the byte before it). Whatever
// arrives: no message larger than the cap, nothing buffered past the header
// cap plus one message, and the same items whether the bytes came in pieces
// or all at once.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sip/stream_framer.hpp"

namespace {

struct Outcome {
    std::vector<cordon::sip::StreamItem> items;
    bool failed = false;
};

bool same(const Outcome &a, const Outcome &b)
{
    if (a.failed != b.failed || a.items.size() != b.items.size()) {
        return false;
    }
    for (size_t index = 0; index < a.items.size(); ++index) {
        if (a.items[index].kind != b.items[index].kind || a.items[index].text != b.items[index].text) {
            return false;
        }
    }
    return true;
}

void take(Outcome &outcome, cordon::sip::StreamFramer &framer, std::string_view piece)
{
    if (outcome.failed) {
        return;
    }
    auto items = framer.feed(piece);
    if (!items) {
        if (items.error().message.empty()) {
            __builtin_trap();
        }
        outcome.failed = true;
        return;
    }
    for (auto &item : *items) {
        if (item.text.size() > cordon::sip::max_message_bytes) {
            __builtin_trap();
        }
        outcome.items.push_back(std::move(item));
    }
    if (framer.pending_bytes() > cordon::sip::max_header_section_bytes + cordon::sip::max_message_bytes + 256) {
        __builtin_trap();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    std::string whole;
    cordon::sip::StreamFramer in_pieces;
    Outcome pieces;
    size_t offset = 0;
    while (offset < size) {
        const size_t length = std::min<size_t>(data[offset], size - offset - 1);
        const std::string_view piece(reinterpret_cast<const char *>(data) + offset + 1, length);
        whole.append(piece);
        take(pieces, in_pieces, piece);
        offset += length + 1;
    }
    cordon::sip::StreamFramer at_once;
    Outcome single;
    take(single, at_once, whole);
    // An error may come sooner in pieces (a cap is hit before the rest
    // arrives), but never different items before it.
    if (!pieces.failed && !single.failed && !same(pieces, single)) {
        __builtin_trap();
    }
    return 0;
}
