"""What the consent renderer takes, without importing ReportLab (see reports/inputs.py)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SignaturePrint:
    """One signature: its heading, the typed name, and its strokes on a pad of the given size."""

    heading: str
    name: str
    width: float
    height: float
    strokes: tuple[tuple[tuple[float, float], ...], ...]


@dataclass(frozen=True)
class ConsentPrint:
    """Everything the printed consent shows, already in words."""

    title: str
    text: str  # the frozen text, marked lines
    ticks: tuple[tuple[bool, str], ...]  # (ticked, label)
    signed_line: str  # e.g. "Signed on 01/06/2026 14:00"
    signatures: tuple[SignaturePrint, ...]
    patient_line: str  # the footer's left text: who
    version_line: str  # the footer's second line: content version and SHA-256
    page_label: str  # holding {page} and {pages}
