#!/usr/bin/env bash
# Runs clang-tidy 14 (the checks in .clang-tidy, every finding an error) on
# the host library, the sandbox and the built-in plugins, with the dev
# build's compile commands. Needs a built dev tree (scripts/test.sh makes one).
#
# A file is analysed again only when something it is built from changed: its
# result is remembered under a key made of the clang-tidy version, the
# configuration, the file's compile command and the content of every project
# file the build says it includes (ninja's deps log). So a developer's run, and
# CI on the same machine, pay only for what changed.
# Usage: scripts/tidy.sh [BUILD_DIR [PATH_REGEX]]   (default: build/dev, every file)
set -euo pipefail
cd "$(dirname "$0")/.."

build=${1:-build/dev}
only=${2:-.}
tidy=clang-tidy-14
command -v "${tidy}" >/dev/null || { echo "tidy: ${tidy} is missing (scripts/install-deps.sh installs it)" >&2; exit 2; }
[ -f "${build}/compile_commands.json" ] && [ -f "${build}/.ninja_deps" ] ||
  { echo "tidy: ${build} is not a built tree (run scripts/test.sh first)" >&2; exit 2; }
cache=${CORDON_TIDY_CACHE:-${XDG_CACHE_HOME:-${HOME}/.cache}/cordon-tidy}
mkdir -p "${cache}"

started=$SECONDS
# One line per file still to analyse: "<key> <source>".
python3 - "${build}" "${cache}" "${tidy}" "${only}" > "${cache}/.todo" <<'EOF'
import hashlib, json, os, re, subprocess, sys
build, cache, tidy, only = sys.argv[1:5]
root = os.getcwd()
wanted = re.compile(r'^(host/src|sandbox|plugins)/.*\.(c|cpp)$')
commands = {}
for entry in json.load(open(os.path.join(build, 'compile_commands.json'))):
    source = os.path.relpath(os.path.join(entry['directory'], entry['file']), root)
    if wanted.match(source) and re.search(only, source) and source not in commands:
        commands[source] = entry
# ninja -t deps: every header each object was built from.
deps, current = {}, None
for line in subprocess.run(['ninja', '-C', build, '-t', 'deps'], capture_output=True, text=True).stdout.splitlines():
    if line and not line[0].isspace():
        current = line.split(':')[0]
        deps[current] = []
    elif line.strip() and current:
        deps[current].append(line.strip())
version = subprocess.run([tidy, '--version'], capture_output=True, text=True).stdout
config = open('.clang-tidy', 'rb').read()
def digest(path):
    try:
        return hashlib.sha256(open(path, 'rb').read()).hexdigest()
    except OSError:
        return 'missing'
for source, entry in sorted(commands.items()):
    key = hashlib.sha256()
    key.update(version.encode() + config)
    key.update(entry.get('command', ' '.join(entry.get('arguments', []))).replace(root, '.').encode())
    key.update(digest(source).encode())
    for header in deps.get(entry.get('output', ''), []):
        path = os.path.normpath(os.path.join(build, header))
        # Project files by content; system headers change with packages, by path and size.
        if path.startswith(root):
            key.update(os.path.relpath(path, root).encode() + digest(path).encode())
        else:
            key.update(header.encode() + str(os.path.getsize(header) if os.path.exists(header) else -1).encode())
    name = key.hexdigest()
    if not os.path.exists(os.path.join(cache, name)):
        print(name, source)
EOF

todo=$(wc -l < "${cache}/.todo")
echo "tidy: ${todo} files to analyse (the rest unchanged since they passed)"
status=0
if [ "${todo}" -gt 0 ]; then
  # Each file on its own, as many at once as there are cores; a pass is remembered.
  export CORDON_TIDY="${tidy}" CORDON_TIDY_BUILD="${build}" CORDON_TIDY_CACHE_DIR="${cache}"
  # shellcheck disable=SC2016
  xargs -P "$(nproc)" -L 1 sh -c '
    log="${CORDON_TIDY_CACHE_DIR}/$0.log"
    if "${CORDON_TIDY}" --quiet -p "${CORDON_TIDY_BUILD}" --warnings-as-errors="*" "$1" >"${log}" 2>&1; then
      touch "${CORDON_TIDY_CACHE_DIR}/$0"
    else
      cat "${log}"; status=1
    fi
    rm -f "${log}"; exit "${status:-0}"' < "${cache}/.todo" || status=1
fi
echo "tidy: done in $((SECONDS - started)) s"
exit "${status}"
