#!/usr/bin/env python3
"""Writes the seed corpus of the jitter_buffer fuzz target.

Run once from the repository root (python3 fuzz/make_jitter_seeds.py) after a
change to the input layout described at the top of
fuzz/jitter_buffer_fuzzer.cpp, and commit the result.
"""
import pathlib
import struct

ROOT = pathlib.Path(__file__).resolve().parent.parent / "corpus" / "jitter_buffer"
FRAME_BYTES = 160
NEXT, ABSOLUTE, RELATIVE, NEAR_WRAP = range(4)
TICK, RESET = 2, 3


def u16(value):
    return struct.pack("<H", value & 0xFFFF)


def put(mode, frames, sequence, payload_bytes, value=0, raw_span=None):
    op = mode << 2 | (frames & 7) << 4 | (0x80 if raw_span is not None else 0)
    out = bytes([op])
    if mode == ABSOLUTE:
        out += u16(value) + u16(value >> 16)
    elif mode == RELATIVE:
        out += u16(value)
    elif mode == NEAR_WRAP:
        out += bytes([value & 0xFF])
    if raw_span is not None:
        out += u16(raw_span)
    payload = bytes((sequence * 7 + i) & 0xFF for i in range(payload_bytes))
    return out + u16(sequence) + u16(len(payload)) + payload


def tick(held_frames=0):
    return bytes([TICK, held_frames])


def setup(pcma=False, stereo=False, max_packets=49, max_missing=9):
    return bytes([int(pcma) | int(stereo) << 1 | max_packets << 2, max_missing])


def in_order():
    steps = b"".join(put(NEXT, 1, n, FRAME_BYTES) + tick() for n in range(20))
    return setup() + steps


def reordered_lost_late():
    steps = put(ABSOLUTE, 1, 0, FRAME_BYTES, value=1000)
    for n, delta in [(2, 2), (1, -1), (4, 3), (3, -1)]:
        steps += put(RELATIVE, 1, n, FRAME_BYTES, value=delta)
    steps += tick() * 3 + put(RELATIVE, 1, 9, FRAME_BYTES, value=5) + tick() * 4
    steps += put(RELATIVE, 1, 5, FRAME_BYTES, value=-4) + tick() * 3
    return setup(pcma=True) + steps


def across_the_wrap():
    steps = put(NEAR_WRAP, 1, 65534, FRAME_BYTES, value=0)
    steps += b"".join(put(NEXT, 1, n & 0xFFFF, FRAME_BYTES) + tick() for n in range(65535, 65545))
    return setup(stereo=True) + steps


def long_packets_and_odd_spans():
    steps = put(ABSOLUTE, 3, 0, 3 * FRAME_BYTES, value=0) + tick(2) + tick(1) + tick()
    steps += put(NEXT, 0, 1, 2 * FRAME_BYTES, raw_span=2 * FRAME_BYTES) + tick(1) + tick()
    steps += put(NEXT, 7, 2, FRAME_BYTES) + put(NEXT, 1, 3, 80, raw_span=80) + put(NEXT, 1, 4, 0) + tick()
    return setup() + steps


def flood_then_restart():
    steps = b"".join(put(RELATIVE, 1, n, 32, value=(n * 37) % 250 - 100) for n in range(120))
    steps += tick() * 12 + bytes([RESET]) + tick() + put(ABSOLUTE, 1, 500, FRAME_BYTES, value=0x7FFFFFFF)
    steps += put(NEXT, 1, 501, FRAME_BYTES) + tick() * 3
    return setup(max_packets=8, max_missing=3) + steps


SEEDS = {
    "in_order": in_order,
    "reordered_lost_late": reordered_lost_late,
    "across_the_wrap": across_the_wrap,
    "long_packets_and_odd_spans": long_packets_and_odd_spans,
    "flood_then_restart": flood_then_restart,
}

if __name__ == "__main__":
    ROOT.mkdir(parents=True, exist_ok=True)
    for name, make in SEEDS.items():
        (ROOT / name).write_bytes(make())
