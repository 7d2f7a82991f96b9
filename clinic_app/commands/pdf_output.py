"""Where a sub-command's PDF goes: standard output ("-"), a device or pipe, or a file."""

from __future__ import annotations

import sys
from pathlib import Path


def write_pdf(pdf: bytes, output: str) -> None:
    """The PDF to standard output, or to a file made 0600 (it holds patient details), written
    whole or not at all; a device or pipe named as the output is written to directly."""
    from clinic_app import storage

    if output == "-":
        sys.stdout.buffer.write(pdf)
        sys.stdout.buffer.flush()
        return
    target = Path(output)
    if target.exists() and not target.is_file():
        target.write_bytes(pdf)
        return
    storage.write_private_atomically(target, pdf)
