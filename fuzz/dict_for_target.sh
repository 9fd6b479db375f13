#!/usr/bin/env bash
# Prints the dictionary for a fuzz target, or nothing: fuzz/dict/<target>.dict,
# else the dictionary of its family, found by dropping "_word" suffixes
# (codec_decode_opus: codec_decode_opus.dict, codec_decode.dict, codec.dict).
# Used by scripts/fuzz.sh and .clusterfuzzlite/build.sh alike.
# Usage: fuzz/dict_for_target.sh TARGET
set -euo pipefail
dir="$(dirname "$0")/dict"
name=$1
while :; do
  if [ -f "$dir/$name.dict" ]; then
    echo "$dir/$name.dict"
    exit 0
  fi
  [[ $name == *_* ]] || exit 0
  name=${name%_*}
done
