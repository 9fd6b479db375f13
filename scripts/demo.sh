#!/usr/bin/env bash
# Installs what is missing, builds, and runs the main job: list the plugins,
# then round-trip a generated speech-like signal through every codec, and
# once more through Opus in the codec sandbox (the same bytes out).
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh
cmake --preset dev >/dev/null
cmake --build --preset dev

cordon=build/dev/bin/cordon
out=build/demo
mkdir -p "$out"

echo; echo "== plugins"
"$cordon" plugins

echo; echo "== speech-like test signal"
"$cordon" audio speech --rate 48000 --seconds 5 "$out/speech.wav"
"$cordon" audio speech --rate 48000 --channels 2 --seconds 5 "$out/speech-stereo.wav"

roundtrip() {
  local name=$1 input=$2; shift 2
  echo; echo "== $name"
  "$cordon" codec roundtrip "$@" "$input" "$out/$name.wav"
}
roundtrip pcmu "$out/speech.wav" --codec PCMU
roundtrip pcma "$out/speech.wav" --codec PCMA
roundtrip opus-16k-wideband "$out/speech.wav" --codec opus --rate 16000 --bitrate 24000
roundtrip opus-48k-stereo "$out/speech-stereo.wav" --codec opus --bitrate 64000
roundtrip opus-fec-10pct-loss "$out/speech.wav" --codec opus --rate 16000 --bitrate 32000 \
  --param useinbandfec=1 --expected-loss 10 --drop-every 10
roundtrip speex-narrowband "$out/speech.wav" --codec speex --rate 8000
roundtrip speex-wideband "$out/speech.wav" --codec speex --rate 16000
roundtrip speex-ultra-wideband "$out/speech.wav" --codec speex --rate 32000
roundtrip opus-16k-wideband-sandboxed "$out/speech.wav" --codec opus --rate 16000 --bitrate 24000 \
  --isolation sandbox
if cmp -s "$out/opus-16k-wideband.wav" "$out/opus-16k-wideband-sandboxed.wav"; then
  echo "           identical to the in-process run"
else
  echo "!! the sandboxed Opus output differs from the in-process one" >&2
  exit 1
fi

echo; echo "decoded files are in $out/"
