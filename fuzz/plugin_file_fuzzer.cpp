// A file handed to `cordon plugin check`, before anything loads it: the ELF
// header gate (open_plugin_file) and the exported-symbol listing
// (read_defined_symbols), which runs Boost.DLL's reader in a child process.
// The property: whatever the bytes, the checker neither crashes nor hangs and
// the names it returns are bounded. Boost.DLL itself trusts the tables it
// walks; a crash there must stay in the reader's child.
//
// Input: the file's bytes.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "plugin_checker/plugin_file.hpp"
#include "plugin_checker/symbol_reader.hpp"

namespace {

const std::filesystem::path &input_file()
{
    static const std::filesystem::path file =
        std::filesystem::temp_directory_path() / ("cordon-fuzz-plugin-file-" + std::to_string(getpid()) + ".so");
    return file;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    {
        std::ofstream out(input_file(), std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char *>(data), static_cast<std::streamsize>(size));
    }
    auto file = cordon::plugin_check::open_plugin_file(input_file());
    if (!file) {
        return 0;
    }
    auto symbols = cordon::plugin_check::read_defined_symbols(file->path);
    if (symbols) {
        for (const std::string &name : *symbols) {
            if (name.empty() || name.size() > cordon::plugin_check::max_symbol_name_bytes) {
                std::abort();
            }
        }
    }
    return 0;
}
