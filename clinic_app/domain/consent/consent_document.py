"""A consent document read from ``resources/consent/<lang>/<id>.toml`` (clinic-overridable).

The file holds every sentence; this module only checks its shape and renders the text a patient
signs (:func:`render`). Standard library and clinic_app.content only.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clinic_app.content import layered_files, loads_toml, read_content
from clinic_app.domain.translations import (
    ENGLISH,
    LanguageUse,
    fallback,
    missing_translation,
    summary,
)

CONSENT_DIR = "consent/en"  # the English documents; consent_dir(language) for the others
CO2_RESURFACING = "co2_resurfacing"
VERSION = re.compile(r"^(\d+)\.(\d+)$")
INTENSITIES = ("light", "moderate", "deep")
# The marks of the rendered text (what the dialog and the printed copy lay out).
TITLE, HEADING, BULLET, PARTICULAR = "# ", "## ", "- ", "! "


class ConsentContentError(ValueError):
    """The consent file cannot be used as it is; the message names the file and the field."""


@dataclass(frozen=True)
class Particular:
    """A risk added for patients with one of ``when`` and none of ``unless``."""

    id: str
    when: frozenset[str]
    unless: frozenset[str]
    text: str

    def applies(self, flags: frozenset[str]) -> bool:
        return bool(self.when & flags) and not self.unless & flags


@dataclass(frozen=True)
class ConsentDocument:
    """The consent as the file says it."""

    content_id: str
    version: str
    title: str
    labels: Mapping[str, str]
    procedure: tuple[str, ...]
    recovery_intro: str
    recovery: Mapping[str, str]  # intensity -> text
    risks: tuple[str, ...]
    particular: tuple[Particular, ...]
    alternatives: tuple[str, ...]
    photos: str
    acknowledgements: tuple[str, ...]
    withdrawal: str
    language: str = ENGLISH

    @property
    def major(self) -> int:
        """The major number of ``version``: a new one asks for a new consent."""
        return major_of(self.version)

    def label(self, key: str) -> str:
        return str(self.labels.get(key, key))


def major_of(version: str) -> int:
    """The major number of a "major.minor" version (0 when it is not one)."""
    found = VERSION.match(version.strip())
    return int(found.group(1)) if found else 0


LABELS = (
    "procedure", "recovery", "risks", "particular", "alternatives", "photos",
    "acknowledgements", "withdrawal", "photo_tick", "marketing_tick", "patient_signature",
    "witness_signature", "signed_on", "page", "footer",
)  # fmt: skip


def _text(raw: Mapping[str, Any], key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ConsentContentError(f"{where}: '{key}' must be a text")
    return value.strip()


def _texts(raw: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ConsentContentError(f"{where}: '{key}' must be a list of texts")
    return tuple(v.strip() for v in value)


def _table(raw: Mapping[str, Any], key: str, where: str) -> Mapping[str, Any]:
    value = raw.get(key)
    if not isinstance(value, dict):
        raise ConsentContentError(f"{where}: [{key}] is missing")
    return value


def _sourced(entry: Mapping[str, Any], where: str) -> None:
    if not str(entry.get("source") or entry.get("sources") or "").strip():
        raise ConsentContentError(f"{where}: each part names its source ('source')")


def parse(raw: Mapping[str, Any], origin: str) -> ConsentDocument:
    """The document of a parsed consent file; ConsentContentError naming ``origin``."""
    meta = _table(raw, "meta", origin)
    version = _text(meta, "version", f"{origin} [meta]")
    if not VERSION.match(version):
        raise ConsentContentError(f"{origin} [meta]: version must be 'major.minor', e.g. '1.0'")
    labels = _table(raw, "labels", origin)
    for key in LABELS:
        _text(labels, key, f"{origin} [labels]")
    procedure = _table(raw, "procedure", origin)
    recovery = _table(raw, "recovery", origin)
    by_intensity = _table(recovery, "intensities", f"{origin} [recovery]")
    risks = raw.get("risks")
    if not isinstance(risks, list) or not risks:
        raise ConsentContentError(f"{origin}: [[risks]] is missing")
    for number, risk in enumerate(risks, 1):
        _sourced(risk, f"{origin} risk {number}")
    particular: list[Particular] = []
    for number, entry in enumerate(raw.get("particular") or [], 1):
        where = f"{origin} [[particular]] {number}"
        _sourced(entry, where)
        particular.append(
            Particular(
                id=_text(entry, "id", where),
                when=frozenset(_texts(entry, "when", where)),
                unless=frozenset(entry.get("unless") or ()),
                text=_text(entry, "text", where),
            )
        )
    sections = ("procedure", "recovery", "alternatives", "photos", "acknowledgements")
    for name in (*sections, "withdrawal"):
        _sourced(_table(raw, name, origin), f"{origin} [{name}]")
    return ConsentDocument(
        content_id=_text(meta, "id", f"{origin} [meta]"),
        version=version,
        title=_text(meta, "title", f"{origin} [meta]"),
        labels={k: str(v) for k, v in labels.items()},
        procedure=_texts(procedure, "paragraphs", f"{origin} [procedure]"),
        recovery_intro=_text(recovery, "intro", f"{origin} [recovery]"),
        recovery={
            k: _text(by_intensity, k, f"{origin} [recovery.intensities]") for k in INTENSITIES
        },
        risks=tuple(_text(r, "text", f"{origin} risk") for r in risks),
        particular=tuple(particular),
        alternatives=_texts(_table(raw, "alternatives", origin), "items", origin),
        photos=_text(_table(raw, "photos", origin), "text", f"{origin} [photos]"),
        acknowledgements=_texts(_table(raw, "acknowledgements", origin), "items", origin),
        withdrawal=_text(_table(raw, "withdrawal", origin), "text", f"{origin} [withdrawal]"),
        language=str(meta.get("language") or ENGLISH),
    )


def consent_dir(language: str = ENGLISH) -> str:
    """Where the consent documents of ``language`` are (under resources/ and the overrides)."""
    return f"consent/{language}"


def _raw(content_id: str, data_dir: Path | None, language: str) -> tuple[dict[str, Any], str]:
    folder = consent_dir(language)
    for entry in layered_files(folder, data_dir):
        if entry.name == f"{content_id}.toml":
            origin = f"{folder}/{entry.name}"
            try:
                return loads_toml(read_content(entry, origin)), origin
            except tomllib.TOMLDecodeError as exc:
                raise ConsentContentError(f"{origin} is not valid TOML: {exc}") from None
    raise ConsentContentError(f"no consent document '{content_id}' in {folder}")


def load_document(
    content_id: str = CO2_RESURFACING, data_dir: Path | None = None, language: str = ENGLISH
) -> ConsentDocument:
    """The consent ``content_id`` in ``language``, the clinic's own file first
    (``DATA_DIR/overrides``)."""
    raw, origin = _raw(content_id, data_dir, language)
    return parse(raw, origin)


def load_in(
    wanted: str, content_id: str = CO2_RESURFACING, data_dir: Path | None = None
) -> tuple[ConsentDocument, LanguageUse]:
    """The consent in ``wanted`` when its file says everything the English one says (every
    key, placeholder, code and version), else the English one, whole, and which it is."""
    if wanted == ENGLISH:
        return load_document(content_id, data_dir), LanguageUse(wanted, ENGLISH)
    english, _origin = _raw(content_id, data_dir, ENGLISH)
    try:
        other, origin = _raw(content_id, data_dir, wanted)
        problems = [
            f"{content_id}.toml {problem}" for problem in missing_translation(english, other)
        ]
        if problems:
            return parse(english, f"{CONSENT_DIR}/{content_id}.toml"), fallback(
                wanted, summary(problems)
            )
        return parse(other, origin), LanguageUse(wanted, wanted)
    except (ConsentContentError, ValueError) as exc:
        return parse(english, f"{CONSENT_DIR}/{content_id}.toml"), fallback(
            wanted, str(exc).rstrip(".")
        )


def particular_risks(document: ConsentDocument, flags: Iterable[str]) -> tuple[Particular, ...]:
    """The risks particular to a patient with ``flags`` (care_personal.flags_of)."""
    have = frozenset(flags)
    return tuple(item for item in document.particular if item.applies(have))


def render(document: ConsentDocument, flags: Iterable[str], intensity: str | None) -> str:
    """The exact text the patient reads and signs: marked lines (``# `` title, ``## ``
    heading, ``- `` item, ``! `` a risk particular to this patient), paragraphs between."""
    lines = [TITLE + document.title, "", HEADING + document.label("procedure"), ""]
    for paragraph in document.procedure:
        lines += [paragraph, ""]
    lines += [HEADING + document.label("recovery"), "", document.recovery_intro, ""]
    chosen = [intensity] if intensity in document.recovery else list(INTENSITIES)
    lines += [BULLET + document.recovery[name] for name in chosen if name]
    lines += ["", HEADING + document.label("risks"), ""]
    lines += [BULLET + risk for risk in document.risks]
    mine = particular_risks(document, flags)
    if mine:
        lines += ["", HEADING + document.label("particular"), ""]
        lines += [PARTICULAR + item.text for item in mine]
    lines += ["", HEADING + document.label("alternatives"), ""]
    lines += [BULLET + item for item in document.alternatives]
    lines += ["", HEADING + document.label("photos"), "", document.photos]
    lines += ["", HEADING + document.label("acknowledgements"), ""]
    lines += [BULLET + item for item in document.acknowledgements]
    lines += ["", HEADING + document.label("withdrawal"), "", document.withdrawal]
    return "\n".join(lines) + "\n"
