#include "plugin_checker/plugin_file.hpp"

#include <elf.h>

#include <cstring>
#include <fstream>
#include <system_error>
#include <vector>

namespace cordon::plugin_check {

namespace fs = std::filesystem;

namespace {

// True when count entries of entry_size bytes at offset end inside the file.
bool table_fits(uint64_t offset, uint64_t count, uint64_t entry_size, uint64_t file_size)
{
    if (offset > file_size || entry_size == 0) {
        return count == 0;
    }
    return count <= (file_size - offset) / entry_size;
}

} // namespace

std::optional<std::string> elf_header_problem(std::span<const uint8_t> head, uint64_t file_size)
{
    if (head.size() < SELFMAG || std::memcmp(head.data(), ELFMAG, SELFMAG) != 0) {
        return std::string("not an ELF file (no ELF magic at its start)");
    }
    if (head.size() < sizeof(Elf64_Ehdr)) {
        return "truncated ELF: " + std::to_string(file_size) + " bytes cannot hold an ELF header";
    }
    Elf64_Ehdr header;
    std::memcpy(&header, head.data(), sizeof header);
    if (header.e_ident[EI_CLASS] != ELFCLASS64 || header.e_ident[EI_DATA] != ELFDATA2LSB) {
        return std::string("not a 64-bit little-endian ELF object, so not built for this host");
    }
    if (header.e_type != ET_DYN) {
        return "an ELF file of type " + std::to_string(header.e_type) + ", not a shared object";
    }
    if (!table_fits(header.e_phoff, header.e_phnum, header.e_phentsize, file_size) ||
        !table_fits(header.e_shoff, header.e_shnum, header.e_shentsize, file_size)) {
        return std::string("truncated ELF: its program or section header table lies past the end of the file");
    }
    return std::nullopt;
}

Result<PluginFile> open_plugin_file(const fs::path &path)
{
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    if (error || !fs::exists(status)) {
        return Error{ErrorCode::not_found, path.string() + ": no such file"};
    }
    if (fs::is_directory(status)) {
        return Error{ErrorCode::invalid_argument, path.string() + " is a directory; name one plugin file (*.so)"};
    }
    if (!fs::is_regular_file(status)) {
        return Error{ErrorCode::invalid_argument, path.string() + " is not a regular file"};
    }
    PluginFile file;
    file.path = fs::canonical(path, error);
    const uintmax_t size = error ? 0 : fs::file_size(file.path, error);
    if (error) {
        return Error{ErrorCode::io, path.string() + ": " + error.message()};
    }
    if (size == 0) {
        return Error{ErrorCode::malformed_input, path.string() + " is empty"};
    }
    if (size > max_plugin_file_bytes) {
        return Error{ErrorCode::malformed_input, path.string() + " is " + std::to_string(size >> 20) +
                                                     " MiB; a plugin file may have at most " +
                                                     std::to_string(max_plugin_file_bytes >> 20) + " MiB"};
    }
    file.size_bytes = size;
    std::ifstream in(file.path, std::ios::binary);
    std::vector<uint8_t> head(sizeof(Elf64_Ehdr));
    if (!in) {
        return Error{ErrorCode::io, path.string() + ": cannot be read"};
    }
    in.read(reinterpret_cast<char *>(head.data()), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<size_t>(in.gcount()));
    if (auto problem = elf_header_problem(head, file.size_bytes)) {
        return Error{ErrorCode::malformed_input, path.string() + ": " + *problem};
    }
    return file;
}

} // namespace cordon::plugin_check
