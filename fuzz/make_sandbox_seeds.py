#!/usr/bin/env python3
"""Writes the seed corpora of the sandbox_reply and sandbox_request fuzz targets.

Run once from the repository root (python3 fuzz/make_sandbox_seeds.py) after a
change to the message layout in sandbox/protocol/messages.hpp or to the
payload encodings in sandbox/protocol/*_payload.cpp, and commit the result.
Headers are written in x86-64 (little-endian) byte order, as the structs lie
in memory; each header is padded to message_header_bytes before its payload.
"""
import pathlib
import struct

MESSAGE_HEADER_BYTES = 64
DESCRIBE, CREATE, ENCODE, DECODE, CONCEAL, RESET, DESTROY = range(1, 8)
OK, INVALID_ARGUMENT = 0, 1
ROOT = pathlib.Path(__file__).resolve().parent.parent / "corpus"


def u32(value):
    return struct.pack("<I", value)


def text(value):
    data = value.encode()
    return u32(len(data)) + data


def reply(sequence, operation, instance, status, payload, length=None, detail=0):
    length = len(payload) if length is None else length
    header = struct.pack("<QIIiIII", sequence, operation, instance, status, detail, length, 0)
    return header.ljust(MESSAGE_HEADER_BYTES, b"\0") + payload


def request(sequence, operation, instance, payload, capacity=32768):
    header = struct.pack("<QIIII", sequence, operation, instance, len(payload), capacity)
    return header.ljust(MESSAGE_HEADER_BYTES, b"\0") + payload


def record(data):
    return struct.pack("<H", len(data)) + data


def description(kind=4, plugin_id="org.cordon.codec.g711"):
    fmt = (text("PCMU") + u32(8000) + u32(1) + struct.pack("<i", 0) + u32(1) + u32(8000) + u32(2)
           + u32(2) + u32(10000) + u32(20000) + u32(0) + b"\0")
    return (u32(1) + u32(0) + u32(kind) + text(plugin_id) + text("G.711") + text("Cordon project")
            + text("0.1.0") + b"\0" + u32(1) + fmt)


def config(name="PCMU", channels=2):
    return (text(name) + u32(8000) + u32(8000) + u32(channels) + u32(20000) + u32(0)
            + struct.pack("<i", -1) + u32(0) + u32(0))


def write(target, seeds):
    directory = ROOT / target
    directory.mkdir(parents=True, exist_ok=True)
    for name, data in seeds.items():
        (directory / name).write_bytes(data)


info = u32(160) + u32(320) + u32(640) + u32(0)
write("sandbox_reply", {
    "encode_ok": reply(1, ENCODE, 7, OK, bytes(range(100))),
    "decode_ok": reply(1, DECODE, 7, OK, bytes(640)),
    "conceal_ok": reply(1, CONCEAL, 7, OK, bytes(640)),
    "reset_ok": reply(1, RESET, 7, OK, b""),
    "destroy_failed": reply(1, DESTROY, 7, INVALID_ARGUMENT, b"", detail=2),
    "describe_ok": reply(1, DESCRIBE, 0, OK, description()),
    "describe_truncated": reply(1, DESCRIBE, 0, OK, description()[:40]),
    "describe_bad_id": reply(1, DESCRIBE, 0, OK, description(plugin_id="org.cordon.\xe9")),
    "create_ok": reply(1, CREATE, 1, OK, info),
    "create_id_in_use": reply(1, CREATE, 7, OK, info),
    "wrong_sequence": reply(2, ENCODE, 7, OK, b"abc"),
    "unknown_status": reply(1, ENCODE, 7, 77, b""),
    "length_past_slot": reply(1, DECODE, 7, OK, b"", length=40000),
})

pcm = bytes(640)
write("sandbox_request", {
    "describe": record(request(1, DESCRIBE, 0, b"")),
    "create_encode_decode_destroy": record(request(1, CREATE, 0, config()))
    + record(request(2, ENCODE, 1, pcm)) + record(request(3, DECODE, 1, bytes(320)))
    + record(request(4, DESTROY, 1, b"")),
    "create_conceal_reset": record(request(1, CREATE, 0, config("PCMA", 1)))
    + record(request(2, CONCEAL, 1, b"")) + record(request(3, RESET, 1, b"")),
    "create_malformed": record(request(1, CREATE, 0, config()[:7])),
    "unknown_operation": record(request(1, 99, 0, b"")),
    "unknown_instance": record(request(1, ENCODE, 200, pcm)),
    "sequence_replayed": record(request(5, RESET, 0, b"")) + record(request(5, RESET, 0, b"")),
})
