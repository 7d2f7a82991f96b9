"""What the plan page offers for prescriptions (resources/consultation/prescriptions.toml).

Standard library only; a clinic replaces the file from its data dir's overrides.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from clinic_app.content import ContentError, layered_files, loads_toml

FOLDER = "consultation"
FILE = "prescriptions.toml"


class PrescriptionOptionsError(ContentError):
    """The prescriptions file cannot be used; the message names the file and the field."""


@dataclass(frozen=True)
class AntiviralOptions:
    """The antiviral's label, suggested regimens, default first day and length."""

    label: str
    start_days_before: int
    default_days: int
    suggestions: tuple[str, ...]
    hint: str
    source: str


def load_antiviral_options(data_dir: Path | None = None) -> AntiviralOptions:
    """The antiviral options of the prescriptions file (the clinic's when it has one)."""
    chosen = [entry for entry in layered_files(FOLDER, data_dir) if entry.name == FILE]
    if not chosen:
        raise PrescriptionOptionsError(f"{FOLDER}/{FILE} is missing")
    entry = chosen[-1]
    try:
        data = loads_toml(entry.read_bytes().decode("utf-8-sig"))
        raw = data["antiviral"]
        options = AntiviralOptions(
            label=str(raw["label"]),
            start_days_before=int(raw["start_days_before"]),
            default_days=int(raw["default_days"]),
            suggestions=tuple(str(s) for s in raw.get("suggestions", [])),
            hint=str(raw.get("hint", "")),
            source=str(raw.get("source", "")),
        )
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise PrescriptionOptionsError(f"{entry}: [antiviral] cannot be read ({exc})") from exc
    if not 0 <= options.start_days_before <= 14 or not 1 <= options.default_days <= 30:
        raise PrescriptionOptionsError(
            f"{entry}: start_days_before must be 0-14 and default_days 1-30"
        )
    return options
