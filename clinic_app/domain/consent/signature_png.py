"""A signature's strokes drawn as a small black-on-white PNG, with the standard library only.

The frozen record keeps the strokes (the evidence, drawn as vectors on paper) and this PNG (a
picture any viewer opens). The PNG is made here, from the same strokes, so it never disagrees
with them.
"""

from __future__ import annotations

import itertools
import struct
import zlib

from clinic_app.domain.consent.consent_record import Signature

PEN = 2  # half the pen's width, in pixels


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def _dot(pixels: bytearray, width: int, height: int, x: int, y: int) -> None:
    for dy in range(-PEN + 1, PEN):
        for dx in range(-PEN + 1, PEN):
            px, py = x + dx, y + dy
            if 0 <= px < width and 0 <= py < height:
                pixels[py * width + px] = 0


def render_png(signature: Signature) -> bytes:
    """PNG (8-bit greyscale) of ``signature`` at its pad's size (at least 1 x 1)."""
    width = max(1, min(4000, round(signature.width)))
    height = max(1, min(2000, round(signature.height)))
    pixels = bytearray(b"\xff" * (width * height))
    for stroke in signature.strokes:
        points = list(stroke) or []
        if len(points) == 1:
            points = points * 2
        for (x0, y0), (x1, y1) in itertools.pairwise(points):
            steps = max(1, round(max(abs(x1 - x0), abs(y1 - y0))))
            for step in range(steps + 1):
                t = step / steps
                _dot(pixels, width, height, round(x0 + (x1 - x0) * t), round(y0 + (y1 - y0) * t))
    raw = b"".join(
        b"\x00" + bytes(pixels[row * width : (row + 1) * width]) for row in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(raw, 9))
        + _chunk(b"IEND", b"")
    )
