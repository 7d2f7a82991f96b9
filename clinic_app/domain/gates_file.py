"""Reading resources/clinical/gates.toml: the shipped file, then the clinic's override.

One reader for the reason floors (reasons.py), the gate wording (gates.py) and the test-spot
intervals (services/clinical/test_spots.py). Standard library only. Every session save and gate
check reads it: a file whose bytes were parsed before is not parsed again (a copy of what it
gave is returned), so a clinic's edit still counts at the next read.
"""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path
from typing import Any

from clinic_app.content import ContentError, layered_files, loads_toml

GATES_DIR = "clinical"
GATES_FILE = "gates.toml"


PARSED_KEPT = 8  # files (name and bytes) whose parse is kept
_parsed: dict[tuple[str, bytes], dict[str, Any]] = {}


class GatesFileError(ContentError):
    """The gates file cannot be read; the message names the file and the field."""


def _parse(name: str, raw: bytes) -> dict[str, Any]:
    """The TOML ``raw`` holds, parsed once per content; a copy, so callers may change it."""
    data = _parsed.get((name, raw))
    if data is None:
        data = loads_toml(raw.decode("utf-8-sig"))
        if len(_parsed) >= PARSED_KEPT:
            _parsed.clear()
        _parsed[(name, raw)] = data
    return copy.deepcopy(data)


def gates_files(data_dir: Path | None = None) -> list[tuple[str, dict[str, Any]]]:
    """(name, data) of the gates file as shipped and as the clinic replaced it, in that order
    (the clinic's wins when a caller lets later entries override earlier ones)."""
    found: list[tuple[str, dict[str, Any]]] = []
    for entry in layered_files(GATES_DIR, data_dir):
        if entry.name != GATES_FILE:
            continue
        try:
            found.append((str(entry), _parse(str(entry), entry.read_bytes())))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError, OSError) as exc:
            raise GatesFileError(f"{entry}: {exc}") from exc
    return found
