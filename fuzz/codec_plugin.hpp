// A codec plugin opened through its ABI as the host opens one: entry,
// descriptor, init with a host services table, get_interface
// ("cordon.codec/1"). Shared by the codec fuzz targets and the seed
// generator. A breach of the ABI contract aborts, so that libFuzzer reports
// it with the input that caused it.
#pragma once

#include <cstdint>

#include "cordon/codec.h"
#include "cordon/plugin.h"

// The plugin linked statically into each codec fuzz target (its -static
// library, see cmake/CordonPlugin.cmake).
extern "C" const cordon_plugin_descriptor *cordon_plugin_entry(void);

namespace cordon::fuzz {

// Prints which rule broke and aborts.
[[noreturn]] void contract_broken(const char *rule);

inline void require(bool holds, const char *rule)
{
    if (!holds) {
        contract_broken(rule);
    }
}

bool is_known_status(cordon_status status);

// Checks the descriptor and the interface the way the host's validation
// does, with a host services table whose log drops every line (a fuzzer
// would spend its time printing refusals). The plugin stays initialised for
// the life of the process.
const cordon_codec_interface &open_codec_plugin(cordon_plugin_entry_fn entry);

// Format index of the interface, walked with the plugin's own stride.
const cordon_codec_format &format_at(const cordon_codec_interface &codec, uint32_t index);

} // namespace cordon::fuzz
