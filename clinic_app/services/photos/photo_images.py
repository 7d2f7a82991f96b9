"""Turning a photo file into what is stored: upright, without EXIF (GPS, camera, dates), its
SHA-256, its size and a small JPEG thumbnail. Pure: bytes in, values out; call it in a worker.

A JPEG that is already upright keeps its compressed image data bit for bit: only the metadata
segments are cut out (EXIF, XMP, IPTC, comments, and anything after the end of the image, where
phones put extra pictures with their own EXIF). A JPEG whose EXIF orientation says it is turned
is decoded, turned and encoded again with its own quantisation tables and chroma subsampling.
PNG is encoded again without its text and EXIF chunks; HEIC (when the pillow-heif plugin is
importable) becomes a JPEG. Pillow is imported here, never at the window's start.
"""

from __future__ import annotations

import hashlib
import io
import struct
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

from clinic_app.services.errors import ServiceError

if TYPE_CHECKING:
    from PIL import Image

MAX_FILE_BYTES = 80 * 1024 * 1024
MAX_PIXELS = 100_000_000  # a 100 MP image; Pillow's own guard against decompression bombs
THUMBNAIL_PX = 320
THUMBNAIL_QUALITY = 85
REENCODE_QUALITY = 95  # PNG/HEIC sources made JPEG, and JPEGs without quantisation tables
JPEG, PNG = "image/jpeg", "image/png"
SUFFIXES = (".jpg", ".jpeg", ".png", ".heic", ".heif")


class PhotoFormatError(ServiceError):
    """The file is not a photo this app can store; the message says why."""


@dataclass(frozen=True)
class PreparedPhoto:
    """A photo as it will be stored: the bytes (upright, no metadata) and what describes them."""

    data: bytes
    sha256: str
    media_type: str
    width: int
    height: int
    thumbnail: bytes
    turned: bool  # whether the EXIF orientation had to be applied (the image was encoded again)


def heic_supported() -> bool:
    """Whether HEIC/HEIF files can be read (the optional pillow-heif plugin is importable)."""
    try:
        import pillow_heif
    except ImportError:
        return False
    pillow_heif.register_heif_opener()
    return True


def warm_up() -> None:
    """Import Pillow and its JPEG and PNG plugins (and pillow-heif) ahead of the first photo;
    the window calls it in its loading worker, so the first import never pays for it."""
    from PIL import Image, JpegImagePlugin, PngImagePlugin  # noqa: F401

    heic_supported()
    Image.preinit()


def accepted_suffixes() -> tuple[str, ...]:
    """File name endings offered in the file dialog and accepted when dropped."""
    return SUFFIXES if heic_supported() else SUFFIXES[:3]


# JPEG metadata, cut out without decoding ----------------------------------------------------

_SOI, _EOI, _SOS = 0xD8, 0xD9, 0xDA
_STANDALONE = {0x01, *range(0xD0, 0xD8)}


def _keep_segment(marker: int, payload: bytes) -> bool:
    if marker == 0xE0:
        return payload.startswith(b"JFIF\x00")
    if marker == 0xE2:
        return payload.startswith(b"ICC_PROFILE\x00")  # colours; not MPF (extra pictures)
    if marker == 0xEE:
        return payload.startswith(b"Adobe")  # how the colour channels are coded
    return not (0xE1 <= marker <= 0xEF or marker == 0xFE)  # APPn, COM


def strip_jpeg_metadata(data: bytes) -> bytes:
    """The JPEG ``data`` without EXIF, XMP, IPTC, comments or trailing data; the image data is
    copied unchanged. PhotoFormatError when the stream is not a whole JPEG."""
    if data[:2] != b"\xff\xd8":
        raise PhotoFormatError("The file is not a JPEG image.")
    out = bytearray(b"\xff\xd8")
    position, end = 2, len(data)
    while True:
        if position + 1 >= end or data[position] != 0xFF:
            raise PhotoFormatError("The JPEG file is cut short or damaged.")
        while position + 2 < end and data[position + 1] == 0xFF:
            position += 1  # fill bytes before a marker
        marker = data[position + 1]
        if marker == _EOI:
            out += b"\xff\xd9"
            return bytes(out)
        if marker in _STANDALONE or marker == _SOI:
            out += data[position : position + 2]
            position += 2
            continue
        if position + 4 > end:
            raise PhotoFormatError("The JPEG file is cut short or damaged.")
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        segment_end = position + 2 + length
        if length < 2 or segment_end > end:
            raise PhotoFormatError("The JPEG file is cut short or damaged.")
        if _keep_segment(marker, data[position + 4 : segment_end]):
            out += data[position:segment_end]
        position = segment_end
        if marker == _SOS:  # entropy-coded data up to the next marker (not 00, not RSTn)
            scan = position
            while True:
                found = data.find(b"\xff", scan)
                if found < 0 or found + 1 >= end:
                    raise PhotoFormatError("The JPEG file is cut short or damaged.")
                following = data[found + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
                    scan = found + 1 if following == 0xFF else found + 2
                    continue
                out += data[position:found]
                position = found
                break


# Decoding and encoding ----------------------------------------------------------------------


def _open(data: bytes) -> Image.Image:
    from PIL import Image, UnidentifiedImageError

    heic_supported()  # registers the HEIF opener when the plugin is there
    if len(data) > MAX_FILE_BYTES:
        raise PhotoFormatError(
            f"The file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; export a smaller one."
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            width, height = image.size
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoFormatError(
            "The file is not a JPEG, PNG or HEIC photo (or it is damaged)."
        ) from None
    except OSError as exc:
        raise PhotoFormatError(f"The photo cannot be read: {exc}.") from None
    if image.format not in ("JPEG", "PNG", "HEIF"):
        raise PhotoFormatError(
            f"{image.format or 'This'} images are not accepted; use JPEG, PNG or HEIC."
        )
    if width * height > MAX_PIXELS:
        raise PhotoFormatError(f"The photo has more than {MAX_PIXELS // 1_000_000} megapixels.")
    return image


def _orientation(image: Image.Image) -> int:
    try:
        value = image.getexif().get(0x0112, 1)
    except Exception:  # a damaged EXIF block: the picture is taken as it is
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _thumbnail(image: Image.Image) -> bytes:
    """A JPEG of at most THUMBNAIL_PX a side; a JPEG is decoded at a fraction of its size."""
    from PIL import Image

    if image.format == "JPEG":
        image.draft("RGB", (THUMBNAIL_PX * 2, THUMBNAIL_PX * 2))  # DCT scaling: 1/2 .. 1/8
    small = image.convert("RGB") if image.mode not in ("RGB", "L") else image.copy()
    small.thumbnail((THUMBNAIL_PX, THUMBNAIL_PX), Image.Resampling.LANCZOS, reducing_gap=2.0)
    out = io.BytesIO()
    small.save(out, "JPEG", quality=THUMBNAIL_QUALITY)
    return out.getvalue()


def _reencoded_jpeg(image: Image.Image, orientation: int) -> tuple[bytes, int, int]:
    from PIL import ImageOps, JpegImagePlugin

    icc = image.info.get("icc_profile")
    options: dict[str, object] = {"quality": REENCODE_QUALITY}
    if image.format == "JPEG":
        options = {
            "qtables": image.quantization,  # type: ignore[attr-defined]
            "subsampling": JpegImagePlugin.get_sampling(image),
        }
    image.load()
    upright = ImageOps.exif_transpose(image) if orientation != 1 else image
    if upright.mode not in ("RGB", "L", "CMYK"):
        upright = upright.convert("RGB")
    out = io.BytesIO()
    upright.save(out, "JPEG", icc_profile=icc, **options)
    return out.getvalue(), upright.width, upright.height


def _reencoded_png(image: Image.Image, orientation: int) -> tuple[bytes, int, int]:
    from PIL import ImageOps

    icc = image.info.get("icc_profile")
    image.load()
    upright = ImageOps.exif_transpose(image) if orientation != 1 else image
    out = io.BytesIO()
    upright.save(out, "PNG", icc_profile=icc)
    return out.getvalue(), upright.width, upright.height


def prepare(data: bytes) -> PreparedPhoto:
    """What is stored for the photo file ``data``; PhotoFormatError when it cannot be used."""
    image = _open(data)
    orientation = _orientation(image)
    try:
        if image.format == "JPEG" and orientation == 1:
            stored, media_type = strip_jpeg_metadata(data), JPEG
            width, height = image.size
            thumb_source = _open(stored)  # the stored stream decodes: checked as it is kept
        elif image.format == "PNG":
            (stored, width, height), media_type = _reencoded_png(image, orientation), PNG
            thumb_source = _open(stored)
        else:
            (stored, width, height), media_type = _reencoded_jpeg(image, orientation), JPEG
            thumb_source = _open(stored)
        thumbnail = _thumbnail(thumb_source)
    except OSError as exc:  # truncated image data, found while decoding
        raise PhotoFormatError(f"The photo cannot be read: {exc}.") from None
    return PreparedPhoto(
        data=stored,
        sha256=hashlib.sha256(stored).hexdigest(),
        media_type=media_type,
        width=width,
        height=height,
        thumbnail=thumbnail,
        turned=orientation != 1,
    )
