"""What the photo comparison's renderer takes, without importing ReportLab (as
reports/inputs.py for handouts): the window shows a pair, and the render process lays out the
page, from these alone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class ComparedPhoto:
    """One side of the comparison: the image bytes (JPEG or PNG) and what is printed under it."""

    image: bytes
    width: int
    height: int
    taken_on: dt.date
    visit_label: str
    days_label: str  # e.g. "Day 30 after the first treatment" (the window's words)


@dataclass(frozen=True)
class ComparePage:
    """The whole page: who, which view, the two photos, the footer line."""

    clinic_name: str
    patient_name: str
    view_label: str
    before: ComparedPhoto
    after: ComparedPhoto
    printed_on: dt.date
    paper_size: str = "A4"  # or "Letter"
    title: str = "Your progress"
    footer: str = ""
