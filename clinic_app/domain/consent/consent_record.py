"""The frozen consent record's pure parts: signatures as strokes, fingerprints and the hash.

A signature is a list of strokes, each a list of (x, y) points in a box of ``width`` by
``height`` (the pad's size). The hash covers the rendered text, both signatures, both names,
the ticks and the signing instant: changing any of them after the fact is detected.
Standard library only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

HASH_FORMAT = 1
MIN_POINTS = 5  # fewer points in all than this is a tap, not a signature
MIN_NAME_LETTERS = 2

Point = tuple[float, float]


@dataclass(frozen=True)
class Signature:
    """Strokes drawn on a pad of ``width`` x ``height`` (pixels of the pad, y down)."""

    width: float
    height: float
    strokes: tuple[tuple[Point, ...], ...] = ()

    @property
    def points(self) -> int:
        return sum(len(stroke) for stroke in self.strokes)

    @property
    def empty(self) -> bool:
        return self.points < MIN_POINTS

    def to_stored(self) -> dict[str, Any]:
        """JSON form: ``{"width", "height", "strokes": [[[x, y], ...], ...]}``."""
        return {
            "width": round(float(self.width), 1),
            "height": round(float(self.height), 1),
            "strokes": [
                [[round(float(x), 1), round(float(y), 1)] for x, y in stroke]
                for stroke in self.strokes
            ],
        }

    @classmethod
    def from_stored(cls, raw: Mapping[str, Any] | None) -> Signature:
        """The signature of its JSON form (an empty one for None or a damaged value)."""
        if not isinstance(raw, Mapping):
            return cls(0.0, 0.0)
        strokes = tuple(
            tuple((float(p[0]), float(p[1])) for p in stroke if len(p) == 2)
            for stroke in raw.get("strokes") or []
            if isinstance(stroke, list)
        )
        return cls(float(raw.get("width") or 0), float(raw.get("height") or 0), strokes)


def name_problem(name: str) -> str:
    """Why a typed signer's name is refused ('' when it is fine)."""
    letters = sum(ch.isalpha() for ch in name)
    if not name.strip():
        return "type the signer's full name"
    if letters < MIN_NAME_LETTERS:
        return "type the signer's full name (letters, not only marks such as '.')"
    return ""


def signature_problem(signature: Signature) -> str:
    """Why a signature is refused ('' when it is fine)."""
    if signature.empty:
        return "sign in the box (the signature is empty)"
    return ""


def fingerprint(values: Mapping[str, Any]) -> str:
    """SHA-256 (hex) of ``values`` as canonical JSON: what a consent was given for."""
    text = json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def plan_fingerprint(
    intensity: str | None, areas: Iterable[str], device_profile_id: str, sessions_planned: int
) -> str:
    """What identifies the treatment plan a consent covers (docs/consent.md)."""
    return fingerprint(
        {
            "intensity": intensity or "",
            "areas": sorted(areas),
            "device": device_profile_id or "",
            "sessions": sessions_planned,
        }
    )


def findings_fingerprint(
    skin_type: str | None, finding_ids: Iterable[str], flags: Iterable[str]
) -> str:
    """What the consent's particular risks were chosen from: skin type, findings, flags."""
    return fingerprint(
        {"skin_type": skin_type or "", "findings": sorted(finding_ids), "flags": sorted(flags)}
    )


@dataclass(frozen=True)
class SignedContent:
    """Everything the hash of a consent covers."""

    text: str
    content_id: str
    content_version: str
    patient_name: str
    witness_name: str
    patient_signature: Signature
    witness_signature: Signature
    photo_clinical: bool
    photo_marketing: bool
    signed_at: dt.datetime
    extra: Mapping[str, Any] = field(default_factory=dict)

    def sha256(self) -> str:
        """SHA-256 (hex) over the text and the signatures with their names and ticks, the
        instant and ``extra`` (which patient, plan and findings)."""
        moment = self.signed_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        return fingerprint(
            {
                "format": HASH_FORMAT,
                "text": self.text,
                "content": f"{self.content_id}@{self.content_version}",
                "patient": [self.patient_name, self.patient_signature.to_stored()],
                "witness": [self.witness_name, self.witness_signature.to_stored()],
                "photo": [self.photo_clinical, self.photo_marketing],
                "signed_at": moment,
                "record": dict(self.extra),
            }
        )


def strokes_bounds(strokes: Sequence[Sequence[Point]]) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of all points; zeros when there are none."""
    xs = [x for stroke in strokes for x, _ in stroke]
    ys = [y for stroke in strokes for _, y in stroke]
    if not xs:
        return (0.0, 0.0, 0.0, 0.0)
    return (min(xs), min(ys), max(xs), max(ys))
