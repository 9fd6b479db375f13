#!/usr/bin/env bash
# Installs what is missing, builds `cordon` (with its plugins and the
# sandbox child), and runs the main job: `cordon demo`, a complete secure
# call on this machine between two Cordon agents through a Kamailio on
# loopback (TLS, SHA-256 digest, SRTP, Opus in the codec sandbox, speech
# both ways), with a short summary. Arguments go to `cordon demo`
# (--seconds N, --json); the WAV files are kept in build/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh
cmake --preset dev >/dev/null
cmake --build --preset dev --target cordon

exec build/dev/bin/cordon demo --keep build/demo "$@"
