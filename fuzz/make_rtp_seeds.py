#!/usr/bin/env python3
"""Writes the seed corpora of the rtp_packet and rtcp_packet fuzz targets:
packets in the shapes a call carries (RFC 3550), built here by hand.

Run once from the repository root (python3 fuzz/make_rtp_seeds.py) and commit
the result. Every seed is a few dozen to a few hundred bytes.
"""
import pathlib
import struct

CORPUS = pathlib.Path(__file__).resolve().parent.parent / "corpus"
SR, RR, SDES, BYE, APP, RTPFB, PSFB = 200, 201, 202, 203, 204, 205, 206


def rtp(pt, seq, ts, ssrc, payload, marker=False, csrcs=(), extension=None, padding=0):
    first = 0x80 | (0x20 if padding else 0) | (0x10 if extension else 0) | len(csrcs)
    out = struct.pack(">BBHII", first, (0x80 if marker else 0) | pt, seq, ts, ssrc)
    out += b"".join(struct.pack(">I", c) for c in csrcs)
    if extension:
        profile, data = extension
        out += struct.pack(">HH", profile, len(data) // 4) + data
    out += payload
    if padding:
        out += bytes(padding - 1) + bytes([padding])
    return out


def rtcp(count, ptype, body, padding=0):
    if padding:
        body += bytes(padding - 1) + bytes([padding])
    assert len(body) % 4 == 0
    first = 0x80 | (0x20 if padding else 0) | count
    return struct.pack(">BBH", first, ptype, len(body) // 4) + body


def report_block(ssrc, fraction, lost, highest, jitter, lsr, dlsr):
    return struct.pack(">IIIIII", ssrc, fraction << 24 | (lost & 0xFFFFFF), highest, jitter, lsr, dlsr)


def sender_report(ssrc, blocks, ntp=(0xE8A1B2C3, 0x80000000), rtp_ts=160000, packets=1000, octets=160000):
    body = struct.pack(">IIIIII", ssrc, ntp[0], ntp[1], rtp_ts, packets, octets) + b"".join(blocks)
    return rtcp(len(blocks), SR, body)


def receiver_report(ssrc, blocks):
    return rtcp(len(blocks), RR, struct.pack(">I", ssrc) + b"".join(blocks))


def sdes(chunks):
    body = b""
    for ssrc, items in chunks:
        chunk = struct.pack(">I", ssrc) + b"".join(bytes([t, len(v)]) + v for t, v in items) + b"\0"
        chunk += bytes(-len(chunk) % 4)
        body += chunk
    return rtcp(len(chunks), SDES, body)


def bye(ssrcs, reason=b""):
    body = b"".join(struct.pack(">I", s) for s in ssrcs)
    if reason:
        text = bytes([len(reason)]) + reason
        body += text + bytes(-len(text) % 4)
    return rtcp(len(ssrcs), BYE, body)


ALICE, BOB = 0x3A2B1C0D, 0x5E6F7081
block_about_bob = report_block(BOB, 12, 3, 0x0001002A, 37, 0xB2C38000, 98304)
block_negative = report_block(ALICE, 0, -2, 0x00000100, 5, 0, 0)
cname_alice = sdes([(ALICE, [(1, b"alice@192.0.2.10")])])
seeds = {
    "rtp_packet": {
        "pcmu_20ms.bin": rtp(0, 4711, 160 * 4711, ALICE, bytes([0xFF]) * 160, marker=True),
        "opus_csrcs.bin": rtp(111, 65535, 0xFFFFFC40, BOB, bytes(range(60)), csrcs=(1, 2, 0xDEADBEEF)),
        "one_byte_extension.bin": rtp(111, 12, 960, ALICE, b"\x78\x01\x02",
                                      extension=(0xBEDE, bytes([0x10, 0x7F, 0x22, 0x01, 0x02, 0x03, 0, 0]))),
        "padding.bin": rtp(8, 300, 48000, BOB, bytes([0xD5]) * 20, padding=4),
        "dtmf_event.bin": rtp(101, 5, 8000, ALICE, bytes([5, 0x8A, 0x03, 0x20]), marker=True),
        "header_only.bin": rtp(0, 1, 160, ALICE, b""),
        # For the statistics reader: three packets, each behind a u16 length and a u8 of milliseconds.
        "three_in_sequence.bin": b"".join(
            struct.pack("<H", 12 + 4) + rtp(0, seq, seq * 160, ALICE, b"\xff" * 4) + bytes([20])
            for seq in (65534, 65535, 0)),
    },
    "rtcp_packet": {
        "sr_sdes.bin": sender_report(ALICE, [block_about_bob]) + cname_alice,
        "rr_sdes_bye.bin": receiver_report(BOB, [block_negative]) +
        sdes([(BOB, [(1, b"bob@example.org"), (2, b"Bob")])]) + bye([BOB], b"hung up"),
        "sr_no_blocks_sdes_app.bin": sender_report(ALICE, []) + cname_alice +
        rtcp(1, APP, struct.pack(">I", ALICE) + b"cord" + bytes(4)),
        "rr_feedback.bin": receiver_report(BOB, [block_about_bob, block_negative]) +
        sdes([(BOB, [(1, b"b")])]) + rtcp(1, RTPFB, struct.pack(">III", BOB, ALICE, 0x002A0000)) +
        rtcp(1, PSFB, struct.pack(">II", BOB, ALICE)),
        "rr_padding_last.bin": receiver_report(BOB, []) + sdes([(BOB, [(1, b"bob@h")])]) + bye([BOB, ALICE]) +
        rtcp(0, 207, struct.pack(">I", BOB), padding=4),
        "rr_only.bin": receiver_report(BOB, []),
    },
}
for target, files in seeds.items():
    directory = CORPUS / target
    directory.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (directory / name).write_bytes(data)
