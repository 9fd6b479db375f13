// A received PIDF body: any bytes give a document or a one-line printable
// refusal, never a crash. What read_pidf accepts must write and read back to
// an equal document, and writing that again must give the same text: a
// mismatch means the reader and writer disagree about some value.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/ascii_text.hpp"
#include "presence/pidf_document.hpp"
#include "presence/pidf_limits.hpp"

namespace {

void check_refusal(const cordon::Error &error)
{
    if (error.code != cordon::ErrorCode::malformed_input || error.message.empty()) {
        __builtin_trap();
    }
    if (!cordon::is_printable_ascii(error.message)) {
        __builtin_trap(); // bytes from the body got into the message unquoted
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view body(reinterpret_cast<const char *>(data), size);
    const auto document = cordon::presence::read_pidf(body);
    if (!document.ok()) {
        check_refusal(document.error());
        return 0;
    }
    (void)cordon::presence::overall_basic(*document);
    const std::string written = cordon::presence::write_pidf(*document);
    // Escaping and indentation may grow a body near the cap past it (a CDATA
    // section of '<' is written as &lt;), so only text within it is held to this.
    if (written.size() > cordon::presence::max_pidf_bytes) {
        return 0;
    }
    const auto again = cordon::presence::read_pidf(written);
    if (!again.ok() || *again != *document || cordon::presence::write_pidf(*again) != written) {
        __builtin_trap();
    }
    return 0;
}
