// What a sandbox child writes on stdout and stderr, through the host's
// PluginLog: a hostile plugin controls every byte and how the writes are
// split. Whatever arrives, each forwarded line is short, valid UTF-8 without
// a control (a forged newline or terminal escape), bidirectional or invisible
// character, and at most the rate limit of lines gets through, plus the notes
// saying how many were dropped.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/display_text.hpp"
#include "sandbox/supervisor/plugin_log.hpp"

namespace {

// The cut-off note appended to an overlong line.
constexpr size_t longest_note = 64;

class CheckingLogger final : public cordon::Logger {
public:
    void write(cordon::LogLevel, std::string_view, std::string_view message) override
    {
        if (message.size() > cordon::sandbox::max_plugin_log_line_bytes + longest_note) {
            std::abort();
        }
        if (cordon::undisplayable_text_problem(message)) {
            std::abort();
        }
        ++lines_;
    }
    uint64_t lines() const { return lines_; }

private:
    uint64_t lines_ = 0;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    CheckingLogger logger;
    uint64_t forwarded = 0;
    {
        cordon::sandbox::PluginLog log(logger, "sandbox fuzz.so");
        // The first byte of each piece says how long the piece is, so the
        // fuzzer decides how the child's writes were split.
        size_t offset = 0;
        while (offset < size) {
            const size_t piece = std::min<size_t>(data[offset] + size_t{1}, size - offset - 1);
            log.feed(std::string_view(reinterpret_cast<const char *>(data) + offset + 1, piece));
            offset += piece + 1;
        }
        log.finish();
        forwarded = log.lines();
        if (log.lines() > logger.lines()) {
            std::abort();
        }
    }
    // One run takes far less than the one-second window: the limit holds.
    if (forwarded > cordon::sandbox::max_plugin_log_lines_per_second) {
        std::abort();
    }
    return 0;
}
