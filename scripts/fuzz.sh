#!/usr/bin/env bash
# Builds the fuzz targets (all, or the ones named: nothing else of the fuzz
# preset) and runs every fuzz target (or the ones named) for a
# time budget each, several targets at once, starting from corpus/<target>/.
# New inputs go to a scratch corpus under build/fuzz-runs/<target>/, never into
# the committed seeds unless -m merges them back: only inputs that add
# coverage (libFuzzer -merge=1) and only small ones, so corpus/ stays small.
# Fails on any crash, leak or timeout; the input is kept under
# build/fuzz-runs/<target>/crashes/ and a command to reproduce it is printed.
# Ends with a table per target: runs, exec/s, coverage (libFuzzer's cov and
# ft), corpus size, crashes and the slowest input.
#
# Usage: scripts/fuzz.sh [-t SECONDS] [-j JOBS] [-m] [TARGET...]
#   -t SECONDS  time per target (default 20)
#   -j JOBS     targets fuzzed at once, one process each (default: nproc)
#   -m          merge new coverage into corpus/<target>/ (inputs up to
#               merge_max_bytes only)
set -euo pipefail
cd "$(dirname "$0")/.."

usage="usage: $0 [-t SECONDS] [-j JOBS] [-m] [TARGET...]"
seconds=20
jobs=$(nproc)
merge=0
# Larger inputs rarely add coverage a smaller one could not, and they bloat
# the repository; the generated codec seeds are the exception and stay as made.
merge_max_bytes=4096
while getopts "t:j:m" option; do
  case $option in
    t) seconds=$OPTARG ;;
    j) jobs=$OPTARG ;;
    m) merge=1 ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
for number in "$seconds" "$jobs"; do
  [[ $number =~ ^[1-9][0-9]*$ ]] || { echo "$usage" >&2; exit 2; }
done

./scripts/install-deps.sh
cmake --preset fuzz >/dev/null
# The configure step lists every target (fuzz/CMakeLists.txt).
mapfile -t known < build/fuzz/fuzz_targets.txt
targets=("$@")
for target in "${targets[@]}"; do
  printf '%s\n' "${known[@]}" | grep -qxF "$target" ||
    { echo "no fuzz target '$target' (they are: ${known[*]})" >&2; exit 2; }
done
started=$SECONDS
if [ ${#targets[@]} -eq 0 ]; then
  targets=("${known[@]}")
  cmake --build --preset fuzz --target fuzz_all
else
  cmake --build --preset fuzz --target "${targets[@]/#/fuzz_}"
fi
echo "== fuzz: built in $((SECONDS - started)) s"
bin=build/fuzz/bin

# One target: fuzz, keep what it found, merge if asked. Its exit status is
# written to $work/status, since a background job's own status is awkward to
# collect in order.
run_target() {
  local target=$1 work=build/fuzz-runs/$1 status=0
  rm -rf "$work" && mkdir -p "$work/corpus" "$work/crashes" "$work/slow"
  cp -r "corpus/$target/." "$work/corpus/"
  local dict=() dict_file
  dict_file=$(fuzz/dict_for_target.sh "$target")
  [ -n "$dict_file" ] && dict=(-dict="$dict_file")
  # -report_slow_units=1: keep any input that takes a second or more.
  "$bin/fuzz_$target" "$work/corpus" "${dict[@]}" -max_total_time="$seconds" -timeout=10 \
    -report_slow_units=1 -artifact_prefix="$work/crashes/" -print_final_stats=1 >"$work/log" 2>&1 || status=$?
  # Slow inputs are reported, not failures.
  find "$work/crashes" -name 'slow-unit-*' -exec mv -t "$work/slow/" {} +
  if [ "$status" -eq 0 ] && [ "$merge" -eq 1 ]; then
    mkdir -p "$work/small"
    find "$work/corpus" -type f -size -$((merge_max_bytes + 1))c -exec cp -t "$work/small/" {} +
    "$bin/fuzz_$target" -merge=1 -merge_control_file="$work/merge.control" "corpus/$target" "$work/small" \
      >"$work/merge.log" 2>&1 || status=$?
  fi
  echo "$status" >"$work/status"
  echo "-- $target: $([ "$status" -eq 0 ] && echo done || echo "FAILED (exit $status)")"
}

echo "== ${#targets[@]} targets, ${seconds}s each, $jobs at a time"
started=$SECONDS
running=0
for target in "${targets[@]}"; do
  if [ "$running" -ge "$jobs" ]; then
    wait -n || true
    running=$((running - 1))
  fi
  run_target "$target" &
  running=$((running + 1))
done
wait
echo "== fuzz: ran in $((SECONDS - started)) s"

# The last value libFuzzer printed for a field, or "-".
last_stat() { grep -oE "$1" "$2" | tail -n 1 | grep -oE '[0-9]+[^ ]*$' || echo -; }

failed=0
printf '\n%-24s %10s %8s %6s %7s %14s %7s  %s\n' target runs exec/s cov ft corpus crashes slowest
for target in "${targets[@]}"; do
  work=build/fuzz-runs/$target
  log=$work/log
  crashes=$(find "$work/crashes" -type f | wc -l)
  slowest=$(last_stat 'stat::slowest_unit_time_sec: *[0-9]+' "$log")
  case $slowest in 0) slowest="<1s" ;; -) ;; *) slowest="${slowest}s" ;; esac
  slow_file=$(find "$work/slow" -type f | head -n 1)
  [ -n "$slow_file" ] && slowest="$slowest $slow_file"
  printf '%-24s %10s %8s %6s %7s %14s %7s  %s\n' "$target" \
    "$(last_stat 'stat::number_of_executed_units: *[0-9]+' "$log")" \
    "$(last_stat 'stat::average_exec_per_sec: *[0-9]+' "$log")" \
    "$(last_stat 'cov: [0-9]+' "$log")" "$(last_stat 'ft: [0-9]+' "$log")" \
    "$(last_stat 'corp: [0-9]+/[0-9]+[a-zA-Z]*' "$log")" "$crashes" "$slowest"
  [ "$(cat "$work/status")" -eq 0 ] || failed=1
done

for target in "${targets[@]}"; do
  work=build/fuzz-runs/$target
  [ "$(cat "$work/status")" -eq 0 ] && continue
  echo
  echo "!! $target failed; the last lines of its log ($work/log):"
  tail -n 30 "$work/log"
  for crash in "$work/crashes"/*; do
    [ -e "$crash" ] && echo "   reproduce: $bin/fuzz_$target $crash"
  done
done
if [ "$merge" -eq 1 ]; then
  echo
  for target in "${targets[@]}"; do
    echo "merged into corpus/$target: $(find "corpus/$target" -type f | wc -l) files," \
      "$(du -sb "corpus/$target" | cut -f1) bytes"
  done
fi
exit $failed
