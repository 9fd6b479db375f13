# Compiles through ccache when it is installed (scripts/install-deps.sh puts
# it there), so CI and developers rebuild only what changed. Paths are hashed
# relative to the source tree and the build directory is left out of the
# hash, so a fresh clone elsewhere on the same machine reuses what an earlier
# one compiled. -DCORDON_COMPILER_CACHE=OFF, or a launcher of your own
# (CMAKE_<LANG>_COMPILER_LAUNCHER), turns it off.
option(CORDON_COMPILER_CACHE "Compile through ccache when it is installed" ON)
find_program(CORDON_CCACHE_PROGRAM ccache)
find_program(CORDON_ENV_PROGRAM env)
if(CORDON_COMPILER_CACHE AND CORDON_CCACHE_PROGRAM AND CORDON_ENV_PROGRAM AND NOT CMAKE_CXX_COMPILER_LAUNCHER
   AND NOT CMAKE_C_COMPILER_LAUNCHER)
  set(cordon_compiler_launcher "${CORDON_ENV_PROGRAM}" "CCACHE_BASEDIR=${PROJECT_SOURCE_DIR}" "CCACHE_NOHASHDIR=true"
                               "${CORDON_CCACHE_PROGRAM}")
  set(CMAKE_C_COMPILER_LAUNCHER ${cordon_compiler_launcher})
  set(CMAKE_CXX_COMPILER_LAUNCHER ${cordon_compiler_launcher})
  message(STATUS "Compiling through ${CORDON_CCACHE_PROGRAM}")
endif()
