// The symbols a plugin file defines, read from the file without loading it.
// Boost.DLL's library_info does the reading, but it trusts the ELF tables it
// walks (a string offset or a section size is used unchecked), so it runs in
// a child process of its own: bounded in memory, CPU time and output, and a
// crash there is a finding about the file, never a crash of the checker.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "cordon/host/result.hpp"

namespace cordon::plugin_check {

// What the reading child may use: enough for any real symbol table.
inline constexpr uint64_t symbol_reader_memory_bytes = uint64_t{256} << 20;
inline constexpr std::chrono::milliseconds symbol_reader_deadline{3000};
inline constexpr size_t max_symbol_list_bytes = size_t{1} << 20;
inline constexpr size_t max_symbol_name_bytes = 1024;

// The names of the visible symbols in the file's symbol table (Boost.DLL
// reads .symtab, so a stripped file lists none). An error when the reader
// failed, crashed or overran its limits.
Result<std::vector<std::string>> read_defined_symbols(const std::filesystem::path &file);

// The reader's output split into names: one per line, empty and overlong
// ones dropped, at most max_symbol_list_bytes read in total.
std::vector<std::string> split_symbol_list(std::string_view output);

} // namespace cordon::plugin_check
