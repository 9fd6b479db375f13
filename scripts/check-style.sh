#!/usr/bin/env bash
# Fails on any C or C++ file that clang-format 14 would change (.clang-format)
# and on any project header included by its bare name instead of its path
# (CMakeLists.txt, "One include convention"). Fix with: scripts/check-style.sh --fix
set -euo pipefail
cd "$(dirname "$0")/.."

format=clang-format-14
command -v "${format}" >/dev/null || { echo "check-style: ${format} is missing (scripts/install-deps.sh installs it)" >&2; exit 2; }

mapfile -t sources < <(git ls-files '*.c' '*.h' '*.cpp' '*.hpp' '*.cpp.in')
if [ "${1:-}" = "--fix" ]; then
  printf '%s\0' "${sources[@]}" | xargs -0 -P "$(nproc)" -n 50 "${format}" -i
  exit 0
fi

status=0
if ! printf '%s\0' "${sources[@]}" | xargs -0 -P "$(nproc)" -n 50 "${format}" --dry-run -Werror; then
  echo "check-style: the files above are not formatted (scripts/check-style.sh --fix)" >&2
  status=1
fi
if grep -nE '^\s*#\s*include\s+"[^/"]+"' "${sources[@]}"; then
  echo "check-style: include project headers by their path (\"sip/parser.hpp\", \"sandbox/protocol/messages.hpp\")" >&2
  status=1
fi
exit "${status}"
