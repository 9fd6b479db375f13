#!/usr/bin/env python3
"""Writes the seed corpus of the wav_file fuzz target: small audio files in the
shapes read_wav meets (PCM, float, mu-law WAV; an AU file; lies in headers).

Run once from the repository root (python3 fuzz/make_wav_seeds.py) and commit
the result. Chunk layouts follow the RIFF WAVE and Sun AU formats as libsndfile
reads them; every file is a few hundred bytes.
"""
import math
import pathlib
import struct

ROOT = pathlib.Path(__file__).resolve().parent.parent / "corpus" / "wav_file"
PCM, FLOAT, MULAW = 1, 3, 7


def tone(count, rate, channels):
    return [int(12000 * math.sin(2 * math.pi * 440 * (i // channels) / rate)) for i in range(count * channels)]


def wav(fmt, rate, channels, bits, data, data_size=None):
    block = channels * bits // 8
    fmt_chunk = struct.pack("<HHIIHH", fmt, channels, rate, rate * block, block, bits)
    size = len(data) if data_size is None else data_size
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt_chunk)) + fmt_chunk + b"data" + struct.pack("<I", size) + data
    return b"RIFF" + struct.pack("<I", len(body)) + body


def pcm16(samples):
    return struct.pack("<%dh" % len(samples), *samples)


def au(rate, channels, data):
    # Sun AU: big-endian header, encoding 3 is 16-bit linear PCM.
    return b".snd" + struct.pack(">IIIII", 24, len(data), 3, rate, channels) + data


ROOT.mkdir(parents=True, exist_ok=True)
seeds = {
    "pcm16_mono_8k.wav": wav(PCM, 8000, 1, 16, pcm16(tone(80, 8000, 1))),
    "pcm16_stereo_48k.wav": wav(PCM, 48000, 2, 16, pcm16(tone(48, 48000, 2))),
    "pcm8_mono_16k.wav": wav(PCM, 16000, 1, 8, bytes((s >> 8) + 128 for s in tone(64, 16000, 1))),
    "float32_mono_16k.wav": wav(FLOAT, 16000, 1, 32, struct.pack("<4f", 0.5, -1.5, float("nan"), 2.0)),
    "mulaw_mono_8k.wav": wav(MULAW, 8000, 1, 8, bytes(range(0, 256, 4))),
    "three_channels.wav": wav(PCM, 8000, 3, 16, pcm16(tone(16, 8000, 3))),
    "rate_too_high.wav": wav(PCM, 384000, 1, 16, pcm16(tone(16, 384000, 1))),
    "data_size_lies.wav": wav(PCM, 8000, 1, 16, pcm16(tone(16, 8000, 1)), data_size=0x7FFFFFF0),
    "truncated.wav": wav(PCM, 8000, 1, 16, pcm16(tone(40, 8000, 1)))[:60],
    "pcm16_mono_8k.au": au(8000, 1, struct.pack(">16h", *tone(16, 8000, 1))),
}
for name, data in seeds.items():
    (ROOT / name).write_bytes(data)
