"""Reading resources/clinical/gates.toml: the shipped file, then the clinic's override.

One reader for the reason floors (reasons.py), the gate wording (gates.py) and the test-spot
intervals (services/clinical/test_spots.py). Standard library only.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from clinic_app.content import ContentError, layered_files, loads_toml

GATES_DIR = "clinical"
GATES_FILE = "gates.toml"


class GatesFileError(ContentError):
    """The gates file cannot be read; the message names the file and the field."""


def gates_files(data_dir: Path | None = None) -> list[tuple[str, dict[str, Any]]]:
    """(name, data) of the gates file as shipped and as the clinic replaced it, in that order
    (the clinic's wins when a caller lets later entries override earlier ones)."""
    found: list[tuple[str, dict[str, Any]]] = []
    for entry in layered_files(GATES_DIR, data_dir):
        if entry.name != GATES_FILE:
            continue
        try:
            found.append((str(entry), loads_toml(entry.read_bytes().decode("utf-8-sig"))))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError, OSError) as exc:
            raise GatesFileError(f"{entry}: {exc}") from exc
    return found
