# Links with LLVM's lld when the compiler accepts it (scripts/install-deps.sh
# installs it). Every test program links the host libraries statically with
# their debug information, so a build links about 170 large programs and a
# change to one host file relinks a dozen: with GNU ld that was about 99 s of
# a dev build's relinking, with lld about 59 s (one 77 MB test program: GNU
# ld 2.5-3.3 s of CPU, lld about 1 s). -DCORDON_LLD=OFF keeps the default linker.
option(CORDON_LLD "Link with lld when the compiler accepts -fuse-ld=lld" ON)
if(CORDON_LLD)
  include(CheckLinkerFlag)
  check_linker_flag(CXX "-fuse-ld=lld" CORDON_CXX_ACCEPTS_LLD)
  check_linker_flag(C "-fuse-ld=lld" CORDON_C_ACCEPTS_LLD)
  if(CORDON_CXX_ACCEPTS_LLD AND CORDON_C_ACCEPTS_LLD)
    add_link_options(-fuse-ld=lld)
    message(STATUS "Linking with lld")
  endif()
endif()
