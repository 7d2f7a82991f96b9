"""What the session editor needs besides device profiles: the series default, the questions of the
pre-pulse re-check and the suggestion lists (``resources/sessions/sessions.toml``, replaceable
from ``DATA_DIR/overrides/sessions/``). Standard library only.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clinic_app.content import ContentError, layered_files, loads_toml
from clinic_app.domain.screening.screening_model import Severity
from clinic_app.domain.sessions.anaesthetic_allergy import AnaestheticList, parse_anaesthetics

RESOURCE_DIR = "sessions"
FILE_NAME = "sessions.toml"
FORMAT_VERSION = 1
SEVERITIES = tuple(severity.value for severity in Severity)


class SessionContentError(ContentError):
    """sessions.toml cannot be used: the file, the key and what would be right."""


@dataclass(frozen=True)
class RecheckQuestion:
    """A screening question asked again on the day (``id`` of resources/rules/questions.toml)."""

    id: str
    ask: str = ""


@dataclass(frozen=True)
class PrescriptionCheck:
    """A re-check question asked only when the consultation recorded a prescription of
    ``kind``; the answer "no" is the finding described here (``[[recheck.prescription]]``)."""

    kind: str  # a prescription kind of the consultation's plan, e.g. "antiviral"
    id: str  # the re-check answer's key
    ask: str  # may hold {drug}, {start}, {days}, {last_day}
    rule_id: str
    version: int
    severity: str  # absolute | relative | caution
    title: str
    message: str
    advice: str
    source: str


@dataclass(frozen=True)
class SessionContent:
    default_interval_weeks: int
    interval_source: str
    recheck_title: str
    recheck_intro: str
    recheck_questions: tuple[RecheckQuestion, ...]
    recheck_source: str
    recheck_prescriptions: tuple[PrescriptionCheck, ...] = ()
    anaesthetic_products: tuple[str, ...] = ()
    anaesthetics: AnaestheticList = field(default_factory=AnaestheticList)  # what each contains
    endpoints: tuple[str, ...] = ()
    reactions: tuple[str, ...] = ()
    demo_relative_reasons: tuple[str, ...] = ()
    demo_caution_reasons: tuple[str, ...] = ()
    origin: str = ""


def _fail(origin: str, key: str, expected: str) -> SessionContentError:
    return SessionContentError(f"{origin}: {key}: {expected}")


def _texts(table: dict[str, Any], key: str, origin: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(origin, key, 'write a list of texts, e.g. ["..."]')
    return tuple(v.strip() for v in value)


def _text(table: dict[str, Any], key: str, where: str, origin: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _fail(origin, f"{where}.{key}", f'write a non-empty text, e.g. {key} = "..."')
    return value.strip()


def parse_session_content(text: str, origin: str = FILE_NAME) -> SessionContent:
    """The content of a sessions.toml text; SessionContentError names what is wrong."""
    try:
        data = loads_toml(text)
    except tomllib.TOMLDecodeError as exc:
        raise SessionContentError(f"{origin}: is not valid TOML ({exc})") from None
    if data.get("format_version") != FORMAT_VERSION:
        raise _fail(origin, "format_version", f"write format_version = {FORMAT_VERSION}")
    series = data.get("series")
    recheck = data.get("recheck")
    suggestions = data.get("suggestions", {})
    demo = data.get("demo", {})
    if not isinstance(series, dict) or not isinstance(recheck, dict):
        raise _fail(origin, "series/recheck", "both tables [series] and [recheck] are required")
    if not isinstance(suggestions, dict) or not isinstance(demo, dict):
        raise _fail(origin, "suggestions/demo", "write tables [suggestions] and [demo]")
    weeks = series.get("default_interval_weeks")
    if isinstance(weeks, bool) or not isinstance(weeks, int) or not 1 <= weeks <= 52:
        raise _fail(
            origin, "series.default_interval_weeks", "write a whole number of weeks, 1 to 52"
        )
    questions = []
    raw_questions = recheck.get("question", [])
    if not isinstance(raw_questions, list):
        raise _fail(origin, "recheck.question", "write [[recheck.question]] tables")
    for index, entry in enumerate(raw_questions):
        if not isinstance(entry, dict):
            raise _fail(origin, f"recheck.question[{index}]", "write a table with an id")
        ask = entry.get("ask", "")
        questions.append(
            RecheckQuestion(
                id=_text(entry, "id", f"recheck.question[{index}]", origin),
                ask=ask.strip() if isinstance(ask, str) else "",
            )
        )
    try:
        anaesthetics = parse_anaesthetics(data.get("anaesthetics"), origin)
    except ValueError as exc:
        raise SessionContentError(str(exc)) from None
    return SessionContent(
        anaesthetics=anaesthetics,
        recheck_prescriptions=_prescription_checks(recheck, origin),
        default_interval_weeks=weeks,
        interval_source=_text(series, "source", "series", origin),
        recheck_title=_text(recheck, "title", "recheck", origin),
        recheck_intro=_text(recheck, "intro", "recheck", origin),
        recheck_questions=tuple(questions),
        recheck_source=_text(recheck, "source", "recheck", origin),
        anaesthetic_products=_texts(suggestions, "anaesthetic_products", origin),
        endpoints=_texts(suggestions, "endpoints", origin),
        reactions=_texts(suggestions, "reactions", origin),
        demo_relative_reasons=_texts(demo, "relative_reasons", origin),
        demo_caution_reasons=_texts(demo, "caution_reasons", origin),
        origin=origin,
    )


def _prescription_checks(recheck: dict[str, Any], origin: str) -> tuple[PrescriptionCheck, ...]:
    raw = recheck.get("prescription", [])
    if not isinstance(raw, list):
        raise _fail(origin, "recheck.prescription", "write [[recheck.prescription]] tables")
    checks = []
    for index, entry in enumerate(raw):
        where = f"recheck.prescription[{index}]"
        if not isinstance(entry, dict):
            raise _fail(origin, where, "write a table with kind, id, ask and the finding")
        version = entry.get("version")
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise _fail(origin, f"{where}.version", "write a whole number, 1 or more")
        severity = _text(entry, "severity", where, origin)
        if severity not in SEVERITIES:
            raise _fail(origin, f"{where}.severity", f"write one of {', '.join(SEVERITIES)}")
        texts = {
            key: _text(entry, key, where, origin)
            for key in ("kind", "id", "ask", "rule_id", "title", "message", "advice", "source")
        }
        checks.append(PrescriptionCheck(version=version, severity=severity, **texts))
    return tuple(checks)


def load_session_content(data_dir: Path | None = None) -> SessionContent:
    """The shipped sessions.toml, or the clinic's file of the same name when there is one."""
    for file in layered_files(RESOURCE_DIR, data_dir):
        if file.name == FILE_NAME:
            return parse_session_content(file.read_text(encoding="utf-8"), str(file))
    raise SessionContentError(f"resources/{RESOURCE_DIR}/{FILE_NAME} is missing")
