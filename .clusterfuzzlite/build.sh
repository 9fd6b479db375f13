#!/bin/bash -eu
# Builds every Cordon fuzz target the OSS-Fuzz way: compilers and flags from
# $CC, $CXX, $CFLAGS, $CXXFLAGS, the engine from $LIB_FUZZING_ENGINE, and into
# $OUT each target's binary, <target>_seed_corpus.zip from corpus/<target>/
# and <target>.dict (fuzz/dict_for_target.sh). Shared libraries the runner
# image lacks go to $OUT/lib, found through an $ORIGIN/lib run path.
#
# Runs outside the container too, with clang 14 and libFuzzer:
#   .clusterfuzzlite/build-local.sh   (sets the variables, then runs each target)
set -o pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=${WORK:-/tmp}/cordon-fuzz-build

# Debian's and Ubuntu's toml++ is a shared library built against libstdc++:
# libc++ code cannot link it, so every target uses libstdc++.
CXXFLAGS=${CXXFLAGS//-stdlib=libc++/}

cmake -S "$src" -B "$build" -G Ninja \
  -DCMAKE_BUILD_TYPE= \
  -DCMAKE_C_COMPILER="$CC" -DCMAKE_CXX_COMPILER="$CXX" \
  -DCMAKE_C_FLAGS="$CFLAGS" -DCMAKE_CXX_FLAGS="$CXXFLAGS" \
  -DCMAKE_BUILD_RPATH='$ORIGIN/lib' \
  -DCORDON_FUZZ=ON -DCORDON_FUZZING_ENGINE="$LIB_FUZZING_ENGINE" \
  -DCORDON_BUILD_TESTS=OFF -DCORDON_BUILD_BENCH=OFF
mapfile -t targets <"$build/fuzz_targets.txt"
cmake --build "$build" -j "${JOBS:-$(nproc)}" --target "${targets[@]/#/fuzz_}"

mkdir -p "$OUT/lib"
for target in "${targets[@]}"; do
  cp "$build/bin/fuzz_$target" "$OUT/$target"
  (cd "$src/corpus/$target" && python3 -m zipfile -c "$OUT/${target}_seed_corpus.zip" ./*)
  dict=$("$src/fuzz/dict_for_target.sh" "$target")
  if [ -n "$dict" ]; then cp "$dict" "$OUT/$target.dict"; fi
  # Everything but the C library itself, which every runner has.
  ldd "$OUT/$target" | awk '$3 ~ /^\// {print $3}' |
    grep -vE '/(libc|libm|libdl|librt|libpthread|ld-linux[^/]*)\.so' |
    xargs -r cp -n -t "$OUT/lib/"
done
echo "build.sh: ${#targets[@]} targets in $OUT"
