"""Photos made in the tests with Pillow: real JPEGs with an EXIF orientation and a GPS tag."""

from __future__ import annotations

import io

from PIL import Image

RED = (255, 0, 0)


def photo_jpeg(orientation: int = 1, *, size: tuple[int, int] = (640, 480), seed: int = 0) -> bytes:
    """A JPEG with a red block at its stored top-left, an EXIF orientation, a camera model and
    a GPS position."""
    image = Image.new("RGB", size, (240, 240 - (seed * 23) % 200, 240))
    image.paste(RED, (0, 0, size[0] // 8, size[1] // 8))
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x0110] = "Phone 12"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (48.0, 51.0, 24.0)
    gps[3], gps[4] = "E", (2.0, 21.0, 3.0)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, exif=exif.tobytes())
    return out.getvalue()
