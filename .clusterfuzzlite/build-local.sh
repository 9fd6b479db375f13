#!/usr/bin/env bash
# Runs build.sh outside the container, as ClusterFuzzLite would inside it
# (clang 14, libFuzzer, ASan + UBSan), into build/cflite/out, then runs each
# target briefly over its zipped seeds with its dictionary, as the runner
# would. Fails when a target, seed corpus or run is missing or broken.
# Usage: .clusterfuzzlite/build-local.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD/build/cflite
rm -rf "$root/out" && mkdir -p "$root/out" "$root/work"
export CC=clang-14 CXX=clang++-14
export CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fsanitize=fuzzer-no-link"
export CXXFLAGS="$CFLAGS -stdlib=libc++"  # as OSS-Fuzz passes it; build.sh drops it
export LIB_FUZZING_ENGINE=-fsanitize=fuzzer OUT=$root/out WORK=$root/work JOBS=2
.clusterfuzzlite/build.sh

mapfile -t targets <"$WORK/cordon-fuzz-build/fuzz_targets.txt"
for target in "${targets[@]}"; do
  seeds=$root/seeds/$target
  rm -rf "$seeds" && mkdir -p "$seeds"
  python3 -m zipfile -e "$OUT/${target}_seed_corpus.zip" "$seeds"
  seed_count=$(find "$seeds" -type f | wc -l)
  dict=()
  [ -f "$OUT/$target.dict" ] && dict=(-dict="$OUT/$target.dict")
  # From a directory other than the build tree, as the runner has none.
  (cd / && "$OUT/$target" "${dict[@]}" -runs=2000 "$seeds" >"$root/$target.log" 2>&1) ||
    { echo "!! $target failed; see $root/$target.log" >&2; exit 1; }
  echo "ok: $target ($seed_count seeds${dict:+, ${dict[0]#-dict=}})"
done
