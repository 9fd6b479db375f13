#!/usr/bin/env python3
"""Seeds for fuzz_plugin_file: small ELF64 shared objects whose section
tables the symbol reader walks (.symtab, .strtab, .shstrtab), one exporting
only cordon_plugin_entry and one exporting an extra function, plus a header
with no sections. Run from the repository root; writes corpus/plugin_file/."""
import pathlib
import struct

ET_DYN, EM_X86_64 = 3, 62
SHT_SYMTAB, SHT_STRTAB = 2, 3
STB_GLOBAL, STT_FUNC, STV_DEFAULT = 1, 2, 0
EHDR_SIZE, SHDR_SIZE, SYM_SIZE = 64, 64, 24


def elf_header(shoff, shnum, shstrndx):
    ident = b"\x7fELF" + bytes([2, 1, 1, 0]) + bytes(8)
    return ident + struct.pack("<HHIQQQIHHHHHH", ET_DYN, EM_X86_64, 1, 0, 0, shoff, 0, EHDR_SIZE, 0, 0,
                               SHDR_SIZE, shnum, shstrndx)


def section(name, kind, offset, size, link=0, entsize=0):
    return struct.pack("<IIQQQQIIQQ", name, kind, 0, 0, offset, size, link, 0, 1, entsize)


def shared_object(names):
    strtab = b"\0" + b"".join(n.encode() + b"\0" for n in names)
    symbols = bytes(SYM_SIZE)  # the null symbol
    at = 1
    for n in names:
        symbols += struct.pack("<IBBHQQ", at, (STB_GLOBAL << 4) | STT_FUNC, STV_DEFAULT, 1, 0x1000, 16)
        at += len(n) + 1
    shstrtab = b"\0.symtab\0.strtab\0.shstrtab\0"
    # GNU ld's order, .strtab last: Boost.DLL takes the last string table
    # for the symbols' names, not the one .symtab links to.
    body = symbols + shstrtab + strtab
    sym_off = EHDR_SIZE
    shstr_off = sym_off + len(symbols)
    str_off = shstr_off + len(shstrtab)
    shoff = EHDR_SIZE + len(body)
    sections = (bytes(SHDR_SIZE) + section(1, SHT_SYMTAB, sym_off, len(symbols), 3, SYM_SIZE) +
                section(17, SHT_STRTAB, shstr_off, len(shstrtab)) + section(9, SHT_STRTAB, str_off, len(strtab)))
    return elf_header(shoff, 4, 2) + body + sections


def main():
    out = pathlib.Path("corpus/plugin_file")
    out.mkdir(parents=True, exist_ok=True)
    (out / "entry_only.so").write_bytes(shared_object(["cordon_plugin_entry"]))
    (out / "extra_export.so").write_bytes(shared_object(["cordon_plugin_entry", "vendor_debug_dump"]))
    (out / "no_sections.so").write_bytes(elf_header(0, 0, 0))


if __name__ == "__main__":
    main()
