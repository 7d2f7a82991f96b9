"""The consultation wizard's texts and choices, read from ``resources/consultation/form.toml``.

Page titles, the concerns and downtime choices, the plan's intensity tiers and limits and the
names of the severities are data, overridable from ``DATA_DIR/overrides/consultation/`` (tables
are merged key by key, lists replaced). The screening questions live with the rules
(:mod:`clinic_app.domain.screening.screening`). Standard library only. Format: docs/consultation.md.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clinic_app.content import ContentError, layered_files, loads_toml

FORM_DIR = "consultation"
FORMAT_VERSION = 1
PAGE_IDS = ("concerns", "skin", "history", "medications", "areas", "review", "plan", "summary")
QUESTION_PAGES = ("skin", "history", "medications", "areas")
SEVERITIES = ("absolute", "relative", "caution")


class FormFileError(ContentError):
    """The consultation form file cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Option:
    """One choice: the value stored in the answers and the label shown."""

    value: str
    label: str
    max_days: int | None = None  # downtime choices: the longest downtime accepted


@dataclass(frozen=True)
class PageText:
    title: str
    subtitle: str = ""


@dataclass(frozen=True)
class Field:
    """The label and help of one field of the form."""

    label: str
    help: str = ""


@dataclass(frozen=True)
class Intensity:
    value: str
    label: str
    description: str
    downtime_days: int
    source: str


@dataclass(frozen=True)
class Limits:
    minimum: int
    maximum: int
    default: int | None = None
    usual_min: int | None = None
    usual_max: int | None = None
    source: str = ""


@dataclass(frozen=True)
class SeverityText:
    label: str
    effect: str


@dataclass(frozen=True)
class ConsultationForm:
    """Everything the wizard shows that is not a screening question."""

    pages: Mapping[str, PageText]
    sections: Mapping[str, tuple[str, ...]]  # page id -> question sections it asks
    other_sections_page: str
    section_titles: Mapping[str, str]
    concerns: Field
    concern_other: Field
    concern_choices: tuple[Option, ...]
    goals: Field
    downtime: Field
    downtime_choices: tuple[Option, ...]
    downtime_source: str
    treatment_date: Field
    severities: Mapping[str, SeverityText]
    not_candidate: Field
    intensities: tuple[Intensity, ...]
    sessions: Limits
    interval_weeks: Limits
    expected_downtime_days: Limits
    origin: str = ""

    def page(self, page_id: str) -> PageText:
        return self.pages.get(page_id, PageText(page_id.title()))

    def intensity(self, value: str) -> Intensity | None:
        return next((i for i in self.intensities if i.value == value), None)

    def concern_label(self, value: str) -> str:
        return next((c.label for c in self.concern_choices if c.value == value), value)

    def downtime_choice(self, value: str) -> Option | None:
        return next((c for c in self.downtime_choices if c.value == value), None)

    def page_of_section(self, section: str) -> str:
        """The wizard page asking the questions of ``section``."""
        for page_id, sections in self.sections.items():
            if section in sections:
                return page_id
        return self.other_sections_page


def load_form(data_dir: Path | None = None) -> ConsultationForm:
    """The shipped form overlaid by the clinic's; FormFileError names what is wrong."""
    merged: dict[str, Any] = {}
    names: list[str] = []
    for entry in layered_files(FORM_DIR, data_dir):
        try:
            data = loads_toml(entry.read_bytes().decode("utf-8-sig"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
            raise FormFileError(f"{entry}: cannot be read: {exc}") from None
        if data.get("format_version") != FORMAT_VERSION:
            raise FormFileError(f"{entry}: format_version must be {FORMAT_VERSION}")
        _merge(merged, data)
        names.append(str(entry))
    return _Reader(", ".join(names) or "consultation form").form(merged)


def _merge(into: dict[str, Any], data: Mapping[str, Any]) -> None:
    for key, value in data.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


class _Reader:
    def __init__(self, origin: str) -> None:
        self.origin = origin

    def fail(self, key: str, problem: str) -> FormFileError:
        return FormFileError(f"{self.origin}: {key}: {problem}")

    def table(self, data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
        value = data.get(key)
        if not isinstance(value, dict):
            raise self.fail(key, "a table is missing, e.g. [" + key + "]")
        return value

    def text(self, data: Mapping[str, Any], key: str, where: str, required: bool = True) -> str:
        value = data.get(key, "")
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.fail(f"{where}.{key}", "must be a non-empty text")
        return value.strip()

    def integer(self, data: Mapping[str, Any], key: str, where: str) -> int | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(f"{where}.{key}", "must be a whole number, 0 or more")
        return value

    def field(self, data: Mapping[str, Any], key: str) -> Field:
        table = self.table(data, key)
        return Field(self.text(table, "label", key), self.text(table, "help", key, False))

    def options(self, table: Mapping[str, Any], where: str) -> tuple[Option, ...]:
        raw = table.get("choices")
        if not isinstance(raw, list) or not raw:
            raise self.fail(f"{where}.choices", "must be a non-empty list")
        options = []
        for index, item in enumerate(raw, start=1):
            if not isinstance(item, dict):
                raise self.fail(f"{where}.choices[{index}]", '{ value = "...", label = "..." }')
            spot = f"{where}.choices[{index}]"
            options.append(
                Option(
                    self.text(item, "value", spot),
                    self.text(item, "label", spot),
                    self.integer(item, "max_days", spot),
                )
            )
        values = [option.value for option in options]
        if len(set(values)) != len(values):
            raise self.fail(f"{where}.choices", "a value is listed twice")
        return tuple(options)

    def limits(self, data: Mapping[str, Any], key: str) -> Limits:
        table = self.table(data, key)
        minimum = self.integer(table, "min", key)
        maximum = self.integer(table, "max", key)
        if minimum is None or maximum is None or minimum > maximum:
            raise self.fail(key, "needs min and max, with min <= max")
        default = self.integer(table, "default", key)
        if default is not None and not minimum <= default <= maximum:
            raise self.fail(f"{key}.default", f"must be between {minimum} and {maximum}")
        return Limits(
            minimum,
            maximum,
            default,
            self.integer(table, "usual_min", key),
            self.integer(table, "usual_max", key),
            self.text(table, "source", key, False),
        )

    def form(self, data: Mapping[str, Any]) -> ConsultationForm:
        pages_table = self.table(data, "pages")
        pages = {}
        for page_id in PAGE_IDS:
            page = self.table(pages_table, page_id) if page_id in pages_table else {}
            title = page.get("title") or page_id.title()
            pages[page_id] = PageText(str(title), str(page.get("subtitle", "")))
        sections_table = self.table(data, "sections")
        sections: dict[str, tuple[str, ...]] = {}
        for page_id in QUESTION_PAGES:
            listed = sections_table.get(page_id, [])
            if not isinstance(listed, list) or not all(isinstance(s, str) for s in listed):
                raise self.fail(f"sections.{page_id}", 'must be a list of sections, e.g. ["skin"]')
            sections[page_id] = tuple(listed)
        other = sections_table.get("other_sections_page", "history")
        if other not in QUESTION_PAGES:
            raise self.fail("sections.other_sections_page", f"must be one of {QUESTION_PAGES}")
        concerns = self.table(data, "concerns")
        downtime = self.table(data, "downtime")
        severity_table = self.table(data, "severity")
        severities = {}
        for name in SEVERITIES:
            table = self.table(severity_table, name)
            where = f"severity.{name}"
            severities[name] = SeverityText(
                self.text(table, "label", where), self.text(table, "effect", where, False)
            )
        intensities = self._intensities(data.get("intensity"))
        return ConsultationForm(
            pages=pages,
            sections=sections,
            other_sections_page=str(other),
            section_titles={
                str(k): str(v) for k, v in dict(data.get("section_titles", {})).items()
            },
            concerns=Field(
                self.text(concerns, "label", "concerns"),
                self.text(concerns, "help", "concerns", False),
            ),
            concern_other=Field(self.text(concerns, "other_label", "concerns")),
            concern_choices=self.options(concerns, "concerns"),
            goals=self.field(data, "goals"),
            downtime=self.field(data, "downtime"),
            downtime_choices=self.options(downtime, "downtime"),
            downtime_source=self.text(downtime, "source", "downtime", False),
            treatment_date=self.field(data, "treatment_date"),
            severities=severities,
            not_candidate=self.field(data, "not_candidate"),
            intensities=intensities,
            sessions=self.limits(data, "sessions"),
            interval_weeks=self.limits(data, "interval_weeks"),
            expected_downtime_days=self.limits(data, "expected_downtime_days"),
            origin=self.origin,
        )

    def _intensities(self, raw: object) -> tuple[Intensity, ...]:
        if not isinstance(raw, list) or not raw:
            raise self.fail("intensity", "needs at least one [[intensity]] table")
        found = []
        for index, item in enumerate(raw, start=1):
            where = f"intensity[{index}]"
            if not isinstance(item, dict):
                raise self.fail(where, "must be a table")
            days = self.integer(item, "downtime_days", where)
            if days is None:
                raise self.fail(f"{where}.downtime_days", "is missing")
            found.append(
                Intensity(
                    self.text(item, "value", where),
                    self.text(item, "label", where),
                    self.text(item, "description", where, False),
                    days,
                    self.text(item, "source", where),
                )
            )
        return tuple(found)
