#!/usr/bin/env bash
# Line coverage of the code each fuzz target reaches over its corpus: builds
# the coverage preset (clang source-based coverage, build/coverage), replays
# corpus/<target>/ through each target's replay driver, and prints one line
# per target over the repository's own code it links (the harness in fuzz/
# and system headers left out). Reports stay in build/coverage/profiles/.
#
# Usage: scripts/coverage.sh [-r] [-v] [TARGET...]
#   -r  also replay what the last scripts/fuzz.sh run found
#       (build/fuzz-runs/<target>/corpus)
#   -v  print the per-file report of each target too
set -euo pipefail
cd "$(dirname "$0")/.."

usage="usage: $0 [-r] [-v] [TARGET...]"
with_runs=0
verbose=0
while getopts "rv" option; do
  case $option in
    r) with_runs=1 ;;
    v) verbose=1 ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))

./scripts/install-deps.sh
cmake --preset coverage >/dev/null
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets <build/coverage/fuzz_targets.txt
cmake --build --preset coverage -j2 --target "${targets[@]/#/fuzz_}"

profiles=build/coverage/profiles
mkdir -p "$profiles"
# Only Cordon's code under test: not the harness, the replay driver or libraries.
ignore='(^/usr/|/fuzz/|/build/)'
printf '%-24s %6s %8s %8s %10s\n' target files lines missed "line cover"
for target in "${targets[@]}"; do
  inputs=("corpus/$target")
  [ "$with_runs" -eq 1 ] && [ -d "build/fuzz-runs/$target/corpus" ] && inputs+=("build/fuzz-runs/$target/corpus")
  rm -f "$profiles/$target".*
  LLVM_PROFILE_FILE="$profiles/$target.%p.profraw" "build/coverage/bin/fuzz_$target" "${inputs[@]}" \
    >"$profiles/$target.log" 2>&1 || { echo "!! $target: replay failed, see $profiles/$target.log" >&2; exit 1; }
  llvm-profdata-14 merge -sparse "$profiles/$target".*.profraw -o "$profiles/$target.profdata"
  llvm-cov-14 report "build/coverage/bin/fuzz_$target" -instr-profile="$profiles/$target.profdata" \
    -ignore-filename-regex="$ignore" >"$profiles/$target.report"
  # TOTAL's columns: regions, missed, cover, functions, missed, cover, lines, missed, cover, ...
  awk -v target="$target" '
    /^-/ || /^Filename/ || NF == 0 { next }
    $1 == "TOTAL" { printf "%-24s %6d %8s %8s %10s\n", target, files, $8, $9, $10; next }
    { files++ }' "$profiles/$target.report"
  if [ "$verbose" -eq 1 ]; then
    sed 's/^/    /' "$profiles/$target.report"
  fi
done
