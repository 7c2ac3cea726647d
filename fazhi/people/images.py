"""A tiny valid PNG drawn without an imaging library: solid-colour photos for the demo and tests."""

from __future__ import annotations

import struct
import zlib


def solid_png(colour: tuple[int, int, int] = (166, 27, 27), width: int = 48, height: int = 36) -> bytes:
    """A solid-colour PNG (RFC 2083): signature, IHDR, one IDAT of unfiltered rows, IEND."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    row = b"\x00" + bytes(colour) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )
