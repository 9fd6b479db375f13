#include <elf.h>
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "plugin_checker/plugin_file.hpp"

namespace cordon::plugin_check {
namespace {

std::vector<uint8_t> header_bytes(const Elf64_Ehdr &header)
{
    std::vector<uint8_t> bytes(sizeof header);
    std::memcpy(bytes.data(), &header, sizeof header);
    return bytes;
}

Elf64_Ehdr shared_object_header()
{
    Elf64_Ehdr header{};
    std::memcpy(header.e_ident, ELFMAG, SELFMAG);
    header.e_ident[EI_CLASS] = ELFCLASS64;
    header.e_ident[EI_DATA] = ELFDATA2LSB;
    header.e_type = ET_DYN;
    header.e_phoff = sizeof(Elf64_Ehdr);
    header.e_phentsize = sizeof(Elf64_Phdr);
    header.e_phnum = 2;
    header.e_shoff = 1000;
    header.e_shentsize = sizeof(Elf64_Shdr);
    header.e_shnum = 10;
    return header;
}

constexpr uint64_t whole_file = 1000 + 10 * sizeof(Elf64_Shdr);

TEST(ElfHeader, ASharedObjectWhoseTablesFitPasses)
{
    EXPECT_FALSE(elf_header_problem(header_bytes(shared_object_header()), whole_file));
}

TEST(ElfHeader, TablesPastTheEndAreTruncation)
{
    const auto problem = elf_header_problem(header_bytes(shared_object_header()), whole_file - 1);
    ASSERT_TRUE(problem);
    EXPECT_NE(problem->find("truncated"), std::string::npos);
    Elf64_Ehdr huge = shared_object_header();
    huge.e_shnum = 0xffff;
    huge.e_shoff = UINT64_MAX - 8;
    EXPECT_TRUE(elf_header_problem(header_bytes(huge), whole_file));
}

TEST(ElfHeader, TextAShortFileAndOtherObjectsAreRefused)
{
    const std::string text = "this is text";
    EXPECT_TRUE(elf_header_problem(std::span(reinterpret_cast<const uint8_t *>(text.data()), text.size()), 12));
    auto short_file = header_bytes(shared_object_header());
    short_file.resize(20);
    EXPECT_NE(elf_header_problem(short_file, 20)->find("truncated"), std::string::npos);
    Elf64_Ehdr executable = shared_object_header();
    executable.e_type = ET_EXEC;
    EXPECT_NE(elf_header_problem(header_bytes(executable), whole_file)->find("not a shared object"), std::string::npos);
    Elf64_Ehdr thirty_two = shared_object_header();
    thirty_two.e_ident[EI_CLASS] = ELFCLASS32;
    EXPECT_TRUE(elf_header_problem(header_bytes(thirty_two), whole_file));
}

TEST(PluginFile, MissingAndDirectoryAreErrors)
{
    EXPECT_EQ(open_plugin_file("/nonexistent/x.so").error().code, ErrorCode::not_found);
    EXPECT_EQ(open_plugin_file("/tmp").error().code, ErrorCode::invalid_argument);
}

} // namespace
} // namespace cordon::plugin_check
