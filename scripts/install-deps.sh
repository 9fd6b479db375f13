#!/usr/bin/env bash
# Installs every Debian 12 package Cordon needs to build, test, benchmark and fuzz.
# Idempotent and non-interactive: packages already present are left alone.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config clang-14 lld-14 libclang-rt-14-dev
  # lld as ld.lld, which gcc's -fuse-ld=lld looks for (cmake/CordonLinker.cmake)
  lld
  # a compiler cache: rebuilds (and CI in a fresh clone) compile only what changed
  ccache
  # llvm-profdata-14 and llvm-cov-14 for scripts/coverage.sh
  llvm-14
  # scripts/check-style.sh (formatting) and scripts/tidy.sh (static checks)
  clang-format-14 clang-tidy-14
  # host and plugin dependencies
  libboost-dev nlohmann-json3-dev libssl-dev libosip2-dev libsrtp2-dev
  libopus-dev libspeex-dev libspeexdsp-dev libseccomp-dev libsndfile1-dev
  libtomlplusplus-dev libcli11-dev
  # PIDF presence documents (host/src/presence): a maintained XML parser, used
  # behind Cordon's own size, depth and DOCTYPE checks
  libpugixml-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  # integration tests: a real SIP registrar and proxy (tests/integration/). The
  # tests start their own Kamailio; the system service the package may start is unused.
  kamailio kamailio-tls-modules
  # the presence and presence_xml modules, for the fixture's presence server
  # (KamailioOptions::presence); their tables are db_text, in the kamailio package
  kamailio-presence-modules
  # integration tests: baresip as the other party (tests/integration/baresip_fixture.hpp).
  # baresip-core alone holds every module the tests load (aufile, sndfile,
  # ctrl_tcp, srtp, opus, g711); the baresip metapackage would only add GUI,
  # X11, GStreamer and FFmpeg modules through its recommends.
  baresip-core
  # a Latin-1 locale (generated below) for the test that shows wire text is
  # never folded by the process's locale (tests/core/ascii_text_tests.cpp)
  locales
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
else
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! locale -a 2>/dev/null | grep -qix 'en_US.iso88591'; then
  echo "install-deps: generating the locale en_US.ISO-8859-1"
  "${sudo_cmd[@]}" localedef -i en_US -f ISO-8859-1 en_US.ISO-8859-1
fi
