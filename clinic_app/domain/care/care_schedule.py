"""Care schedules: the dated, personalised content of the pre-care and post-care handouts.

The wording lives in ``resources/care/<lang>/pre_care.toml`` and ``post_care.toml`` (a clinic
overrides a file from ``DATA_DIR/overrides/care/<lang>/``). This module loads and checks those
files, then computes what a handout says for one patient: real calendar dates counted from the
treatment day, the items the consultation found for this patient first, and the day-by-day
recovery calendar for the treatment's intensity. Layout is someone else's job
(``clinic_app.reports``).

Placeholders such as ``{stop_exfoliants_by}`` are filled from a fixed table of values by plain
text substitution: nothing is evaluated, attribute or index syntax is not recognised, and a
substituted value is never scanned again. Standard library only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clinic_app.content import override_dir, shipped
from clinic_app.domain.care.care_kinds import INTENSITIES as INTENSITIES
from clinic_app.domain.care.care_kinds import KINDS as KINDS
from clinic_app.domain.care.care_kinds import POST_CARE as POST_CARE
from clinic_app.domain.care.care_kinds import PRE_CARE as PRE_CARE

VERSION_MAX = 16

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
# Placeholders that only one label takes; they are filled when the page is laid out.
_LABEL_PLACEHOLDERS = {
    "page": frozenset({"page", "pages"}),
    "footer": frozenset({"template_version", "prepared_on"}),
    "footer_patient": frozenset({"patient_name", "date_of_birth"}),
    "day_label": frozenset({"day"}),
}
_COMMON_PLACEHOLDERS = frozenset({"treatment_date", "clinic_name", "clinic_phone"})
_PRE_LABELS = (
    "title", "intro", "patient", "date_of_birth", "treatment", "treatment_value",
    "treatment_value_no_time", "clinic_phone", "clinic_phone_value", "personal_heading",
    "general_heading", "checklist_heading", "when_by", "when_from", "when_on", "overdue",
    "day_of_heading", "week_heading", "week_text", "contact_text", "page", "footer",
    "footer_patient",
)  # fmt: skip
_POST_LABELS = (
    "title", "intro", "patient", "date_of_birth", "treatment", "treatment_value", "areas",
    "areas_not_recorded", "sun_protection", "sun_protection_value", "next_appointment",
    "calendar_heading", "day_column", "day_label", "expect_column", "do_column",
    "warning_heading", "warning_call", "warning_after", "after_heading", "page", "footer",
    "footer_patient",
)  # fmt: skip
_WHEN = ("by", "from", "on")
_MILESTONES = ("sunscreen_from_day", "moisturiser_from_day", "makeup_from_day", "actives_from_day")
_POST_PLACEHOLDERS = _COMMON_PLACEHOLDERS | {
    "intensity", "downtime", "sunscreen_from", "moisturiser_from", "makeup_from",
    "actives_from", "sun_protection_until",
}  # fmt: skip


class CareContentError(ValueError):
    """A care content file cannot be used; the message names the file and the entry."""


# ---------------------------------------------------------------------------------------------
# Small helpers


def format_date(day: dt.date, *, weekday: bool = True) -> str:
    """A date as printed on a handout: "Tue 1 Dec 2026" (same text whatever the locale).

    Without the weekday ("14 Mar 1980") for dates of birth.
    """
    text = f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
    return f"{_WEEKDAYS[day.weekday()]} {text}" if weekday else text


def format_time(moment: dt.time) -> str:
    """A time of day as printed on a handout: "09:30"."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def placeholders(text: str) -> set[str]:
    """The placeholder names used in ``text``."""
    return set(_PLACEHOLDER.findall(text))


def fill(text: str, values: Mapping[str, str]) -> str:
    """Replace each ``{name}`` found in ``values``; anything else is left exactly as written."""
    return _PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), text)


def flags_from_answers(answers: Mapping[str, Any]) -> frozenset[str]:
    """Flags of consultation answers: ``key`` when true, ``key:value`` for text and lists."""
    flags: set[str] = set()
    for key, value in answers.items():
        if value is True:
            flags.add(key)
        elif isinstance(value, str) and value.strip():
            flags.add(f"{key}:{value.strip()}")
        elif isinstance(value, list | tuple):
            flags.update(f"{key}:{item.strip()}" for item in value if isinstance(item, str))
    return frozenset(flags)


# ---------------------------------------------------------------------------------------------
# Templates (the checked content of one TOML file)


@dataclass(frozen=True)
class ChecklistTemplate:
    id: str
    date_key: str
    when: str  # "by", "from" or "on"
    text: str
    personal_when: frozenset[str]
    only_when: bool
    source: str


@dataclass(frozen=True)
class PreCareTemplate:
    language: str
    version: str
    checksum: str
    origin: str
    labels: Mapping[str, str]
    dates: Mapping[str, int]
    checklist: tuple[ChecklistTemplate, ...]
    notes: Mapping[str, str]  # flag -> undated note for this patient
    day_of: tuple[str, ...]

    @property
    def template_version(self) -> str:
        """What is printed and stored: kind, language, version and a checksum of the file."""
        return f"{PRE_CARE}/{self.language} {self.version} {self.checksum}"


@dataclass(frozen=True)
class IntensityTemplate:
    label: str
    downtime: str
    days: Mapping[str, int]  # milestone name -> day
    sun_protection_weeks: int


@dataclass(frozen=True)
class PhaseTemplate:
    id: str
    days: Mapping[str, tuple[int, int]]
    expect: Mapping[str, str]
    do: Mapping[str, tuple[str, ...]]

    def covers(self, intensity: str, day: int) -> bool:
        span = self.days.get(intensity)
        return span is not None and span[0] <= day <= span[1]


@dataclass(frozen=True)
class PostCareTemplate:
    language: str
    version: str
    checksum: str
    origin: str
    calendar_days: int
    default_intensity: str
    labels: Mapping[str, str]
    intensities: Mapping[str, IntensityTemplate]
    milestones: Mapping[str, str]
    phases: tuple[PhaseTemplate, ...]
    warning_signs: tuple[str, ...]
    after: tuple[str, ...]
    areas: Mapping[str, str]

    @property
    def template_version(self) -> str:
        return f"{POST_CARE}/{self.language} {self.version} {self.checksum}"


class _Reader:
    """Typed access to parsed TOML with messages that name the file and the key."""

    def __init__(self, origin: str) -> None:
        self.origin = origin

    def fail(self, where: str, problem: str) -> CareContentError:
        return CareContentError(f"{self.origin}: {where}: {problem}")

    def table(self, data: Mapping[str, Any], key: str, where: str) -> Mapping[str, Any]:
        value = data.get(key)
        if not isinstance(value, dict):
            raise self.fail(where, f"a table [{key}] is required")
        return value

    def text(self, data: Mapping[str, Any], key: str, where: str) -> str:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, f"'{key}' must be a non-empty text")
        return value.strip()

    def integer(self, data: Mapping[str, Any], key: str, where: str) -> int:
        value = data.get(key)
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.fail(where, f"'{key}' must be a whole number")
        return value

    def texts(self, data: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
        value = data.get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(where, f"'{key}' must be a list of non-empty texts")
        return tuple(v.strip() for v in value)

    def check_placeholders(self, text: str, allowed: Iterable[str], where: str) -> None:
        stray = _PLACEHOLDER.sub("", text)
        if "{" in stray or "}" in stray:
            raise self.fail(
                where,
                "braces are only for placeholders such as {treatment_date} (a name of letters, "
                f"digits and _): check '{text}'",
            )
        unknown = placeholders(text) - set(allowed)
        if unknown:
            names = ", ".join("{" + name + "}" for name in sorted(unknown))
            known = ", ".join("{" + name + "}" for name in sorted(allowed))
            raise self.fail(where, f"unknown placeholder {names}; known here: {known}")


def _parse(text: str, origin: str, kind: str) -> tuple[_Reader, dict[str, Any], str, str, str]:
    reader = _Reader(origin)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CareContentError(f"{origin}: not valid TOML: {exc}") from None
    meta = reader.table(data, "meta", "[meta]")
    if meta.get("kind") != kind:
        raise reader.fail("[meta]", f"kind must be '{kind}', found {meta.get('kind')!r}")
    version = reader.text(meta, "version", "[meta]")
    if len(version) > VERSION_MAX or " " in version:
        raise reader.fail("[meta]", f"version must be one word of at most {VERSION_MAX} characters")
    language = reader.text(meta, "language", "[meta]")
    if not re.fullmatch(r"[a-z]{2,3}", language):
        raise reader.fail("[meta]", "language must be a language code such as 'en'")
    checksum = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    return reader, data, language, version, checksum


def _labels(
    reader: _Reader, data: Mapping[str, Any], required: Iterable[str], allowed: frozenset[str]
) -> dict[str, str]:
    table = reader.table(data, "labels", "[labels]")
    labels: dict[str, str] = {}
    for key in required:
        labels[key] = reader.text(table, key, "[labels]")
        extra = _LABEL_PLACEHOLDERS.get(key, frozenset())
        reader.check_placeholders(labels[key], allowed | extra, f"[labels] {key}")
    return labels


def parse_pre_care(text: str, origin: str = "pre_care.toml") -> PreCareTemplate:
    """Check and read the text of a pre-care content file."""
    reader, data, language, version, checksum = _parse(text, origin, PRE_CARE)
    dates_table = reader.table(data, "dates", "[dates]")
    dates = {key: reader.integer(dates_table, key, "[dates]") for key in dates_table}
    allowed = _COMMON_PLACEHOLDERS | {"treatment_time"} | set(dates)
    labels = _labels(reader, data, _PRE_LABELS, frozenset(allowed))
    entries = data.get("checklist")
    if not isinstance(entries, list) or not entries:
        raise reader.fail("[[checklist]]", "at least one checklist item is required")
    checklist: list[ChecklistTemplate] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        where = f"checklist item {number}"
        item_id = reader.text(entry, "id", where)
        where = f"checklist item '{item_id}'"
        if item_id in seen:
            raise reader.fail(where, "the id is used twice")
        seen.add(item_id)
        date_key = reader.text(entry, "date", where)
        if date_key not in dates:
            raise reader.fail(where, f"date '{date_key}' is not a name of [dates]")
        when = entry.get("when", "by")
        if when not in _WHEN:
            raise reader.fail(where, f"'when' must be one of {', '.join(_WHEN)}")
        body = reader.text(entry, "text", where)
        reader.check_placeholders(body, allowed, where)
        personal = entry.get("personal_when", [])
        if personal:
            personal = reader.texts(entry, "personal_when", where)
        only_when = entry.get("only_when", False)
        if not isinstance(only_when, bool):
            raise reader.fail(where, "'only_when' must be true or false")
        if only_when and not personal:
            raise reader.fail(where, "'only_when' needs the flags of 'personal_when'")
        checklist.append(
            ChecklistTemplate(
                id=item_id,
                date_key=date_key,
                when=when,
                text=body,
                personal_when=frozenset(personal),
                only_when=only_when,
                source=str(entry.get("source", "")),
            )
        )
    notes_table = data.get("notes", {})
    if not isinstance(notes_table, dict):
        raise reader.fail("[notes]", 'must be a table of flag = "text"')
    notes = {
        flag: reader.text(notes_table, flag, "[notes]") for flag in notes_table if flag != "source"
    }
    for flag, note in notes.items():
        reader.check_placeholders(note, allowed, f"[notes] {flag}")
    day_of_table = reader.table(data, "day_of", "[day_of]")
    day_of = reader.texts(day_of_table, "items", "[day_of]")
    for number, item in enumerate(day_of, start=1):
        reader.check_placeholders(item, allowed, f"[day_of] item {number}")
    return PreCareTemplate(
        language=language,
        version=version,
        checksum=checksum,
        origin=origin,
        labels=labels,
        dates=dates,
        checklist=tuple(checklist),
        notes=notes,
        day_of=day_of,
    )


def _per_intensity(reader: _Reader, value: Any, where: str, *, many: bool) -> dict[str, Any]:
    """A value for every intensity ("all" as the fallback) from a plain value or a table."""

    def one(item: Any, at: str) -> Any:
        if many:
            return reader.texts({"value": item}, "value", at)
        return reader.text({"value": item}, "value", at)

    if value is None:
        return {}
    if not isinstance(value, dict):
        return dict.fromkeys(INTENSITIES, one(value, where))
    unknown = set(value) - {*INTENSITIES, "all"}
    if unknown:
        raise reader.fail(where, f"unknown intensity {', '.join(sorted(unknown))}")
    result = {}
    for intensity in INTENSITIES:
        if intensity in value:
            result[intensity] = one(value[intensity], f"{where}.{intensity}")
        elif "all" in value:
            result[intensity] = one(value["all"], f"{where}.all")
    return result


def parse_post_care(text: str, origin: str = "post_care.toml") -> PostCareTemplate:
    """Check and read the text of a post-care content file."""
    reader, data, language, version, checksum = _parse(text, origin, POST_CARE)
    meta = data["meta"]
    calendar_days = reader.integer(meta, "calendar_days", "[meta]")
    if not 1 <= calendar_days <= 60:
        raise reader.fail("[meta]", "calendar_days must be between 1 and 60")
    default_intensity = reader.text(meta, "default_intensity", "[meta]")
    if default_intensity not in INTENSITIES:
        raise reader.fail("[meta]", f"default_intensity must be one of {', '.join(INTENSITIES)}")
    labels = _labels(reader, data, _POST_LABELS, _POST_PLACEHOLDERS)
    intensities_table = reader.table(data, "intensities", "[intensities]")
    intensities: dict[str, IntensityTemplate] = {}
    for name in INTENSITIES:
        where = f"[intensities.{name}]"
        entry = reader.table(intensities_table, name, where)
        days = {key: reader.integer(entry, key, where) for key in _MILESTONES}
        for key, day in days.items():
            if day < 0:
                raise reader.fail(where, f"'{key}' must be 0 or more")
        weeks = reader.integer(entry, "sun_protection_weeks", where)
        if not 1 <= weeks <= 52:
            raise reader.fail(where, "'sun_protection_weeks' must be between 1 and 52")
        intensities[name] = IntensityTemplate(
            label=reader.text(entry, "label", where),
            downtime=reader.text(entry, "downtime", where),
            days=days,
            sun_protection_weeks=weeks,
        )
    milestones_table = reader.table(data, "milestones", "[milestones]")
    milestones = {key: reader.text(milestones_table, key, "[milestones]") for key in _MILESTONES}
    for key, value in milestones.items():
        reader.check_placeholders(value, _POST_PLACEHOLDERS, f"[milestones] {key}")
    phases: list[PhaseTemplate] = []
    entries = data.get("phases")
    if not isinstance(entries, list) or not entries:
        raise reader.fail("[[phases]]", "at least one phase is required")
    for number, entry in enumerate(entries, start=1):
        phase_id = reader.text(entry, "id", f"phase {number}")
        where = f"phase '{phase_id}'"
        days_table = reader.table(entry, "days", where)
        spans: dict[str, tuple[int, int]] = {}
        for intensity, span in days_table.items():
            if intensity not in INTENSITIES:
                raise reader.fail(where, f"unknown intensity '{intensity}' in days")
            if (
                not isinstance(span, list)
                or len(span) != 2
                or not all(isinstance(d, int) and not isinstance(d, bool) for d in span)
                or not 0 <= span[0] <= span[1] <= calendar_days
            ):
                raise reader.fail(
                    where,
                    f"days.{intensity} must be [first, last] with 0 <= first <= last <= "
                    f"{calendar_days}",
                )
            spans[intensity] = (span[0], span[1])
        expect = _per_intensity(reader, entry.get("expect"), f"{where} expect", many=False)
        do = _per_intensity(reader, entry.get("do"), f"{where} do", many=True)
        if not expect and not do:
            raise reader.fail(where, "a phase needs 'expect' or 'do'")
        for value in [*expect.values(), *(t for items in do.values() for t in items)]:
            reader.check_placeholders(value, _POST_PLACEHOLDERS, where)
        phases.append(PhaseTemplate(id=phase_id, days=spans, expect=expect, do=do))
    warning = reader.texts(
        reader.table(data, "warning_signs", "[warning_signs]"), "items", "[warning_signs]"
    )
    after = reader.texts(reader.table(data, "after", "[after]"), "items", "[after]")
    for number, item in enumerate((*warning, *after), start=1):
        reader.check_placeholders(item, _POST_PLACEHOLDERS, f"list item {number}")
    areas_table = data.get("areas", {})
    if not isinstance(areas_table, dict):
        raise reader.fail("[areas]", 'must be a table of name = "label"')
    areas = {key: reader.text(areas_table, key, "[areas]") for key in areas_table}
    return PostCareTemplate(
        language=language,
        version=version,
        checksum=checksum,
        origin=origin,
        calendar_days=calendar_days,
        default_intensity=default_intensity,
        labels=labels,
        intensities=intensities,
        milestones=milestones,
        phases=tuple(phases),
        warning_signs=warning,
        after=after,
        areas=areas,
    )


def _content_text(kind: str, language: str, data_dir: Path | None) -> tuple[str, str]:
    relative_dir = f"care/{language}"
    filename = f"{kind}.toml"
    if data_dir is not None:
        local = override_dir(data_dir, relative_dir) / filename
        if local.is_file():
            try:
                return local.read_text(encoding="utf-8"), str(local)
            except (OSError, UnicodeDecodeError) as exc:
                raise CareContentError(f"{local}: cannot be read as UTF-8 text: {exc}") from None
    node = shipped(f"{relative_dir}/{filename}")
    if not node.is_file():
        raise CareContentError(f"No {kind} content is shipped for the language '{language}'.")
    return node.read_text(encoding="utf-8"), f"resources/{relative_dir}/{filename}"


def load_pre_care(data_dir: Path | None = None, language: str = "en") -> PreCareTemplate:
    """The pre-care content: the clinic's override when there is one, the shipped file if not."""
    text, origin = _content_text(PRE_CARE, language, data_dir)
    return parse_pre_care(text, origin)


def load_post_care(data_dir: Path | None = None, language: str = "en") -> PostCareTemplate:
    """The post-care content: the clinic's override when there is one, the shipped file if not."""
    text, origin = _content_text(POST_CARE, language, data_dir)
    return parse_post_care(text, origin)


# ---------------------------------------------------------------------------------------------
# Computed content (what a handout says, ready to lay out)


@dataclass(frozen=True)
class Person:
    """The patient as printed: name and date of birth exactly as typed."""

    first_name: str
    last_name: str
    date_of_birth: dt.date

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class ClinicContact:
    """What the content text may say about the clinic."""

    name: str
    phone: str


@dataclass(frozen=True)
class Fact:
    """A labelled line of the summary at the top of a handout."""

    label: str
    value: str


@dataclass(frozen=True)
class ChecklistEntry:
    """One dated step of the pre-care checklist."""

    item_id: str
    date: dt.date
    when_text: str  # "By", "From" or "On"
    date_text: str
    text: str
    personal: bool
    overdue: bool


@dataclass(frozen=True)
class CalendarDay:
    """One row of the post-care calendar."""

    day: int
    date: dt.date
    day_text: str
    date_text: str
    expect: tuple[str, ...]
    do: tuple[str, ...]
    milestones: tuple[str, ...]


@dataclass(frozen=True)
class Footer:
    """What every page carries: who the handout is for, the template version, page X of Y."""

    patient_line: str
    version_line: str
    page_label: str  # still holding {page} and {pages}


@dataclass(frozen=True)
class PreCareContent:
    kind: str
    template_version: str
    title: str
    intro: str
    person: Person
    facts: tuple[Fact, ...]
    personal_heading: str
    personal_items: tuple[ChecklistEntry, ...]
    personal_notes: tuple[str, ...]
    general_heading: str
    general_items: tuple[ChecklistEntry, ...]
    overdue_note: str
    day_of_heading: str
    day_of: tuple[str, ...]
    week_heading: str
    week_text: str
    contact_text: str
    footer: Footer


@dataclass(frozen=True)
class PostCareContent:
    kind: str
    template_version: str
    title: str
    intro: str
    person: Person
    intensity: str
    facts: tuple[Fact, ...]
    calendar_heading: str
    calendar_columns: tuple[str, str, str]
    days: tuple[CalendarDay, ...]
    warning_heading: str
    warning_signs: tuple[str, ...]
    warning_call: str
    warning_after: str
    after_heading: str
    after: tuple[str, ...]
    sun_protection_until: dt.date
    footer: Footer


def _footer(labels: Mapping[str, str], person: Person, version: str, issued: dt.date) -> Footer:
    """The footer lines, from labels whose content placeholders are already filled."""
    return Footer(
        patient_line=fill(
            labels["footer_patient"],
            {
                "patient_name": person.full_name,
                "date_of_birth": format_date(person.date_of_birth, weekday=False),
            },
        ),
        version_line=fill(
            labels["footer"], {"template_version": version, "prepared_on": format_date(issued)}
        ),
        page_label=labels["page"],
    )


def pre_care_date_problem(treatment_date: dt.date, today: dt.date) -> str | None:
    """Why a pre-care handout cannot be made for this treatment date, or None."""
    if treatment_date < today:
        return (
            f"The treatment date {treatment_date.isoformat()} is in the past; pre-care "
            "instructions are for a treatment still to come."
        )
    return None


def build_pre_care(
    template: PreCareTemplate,
    *,
    person: Person,
    clinic: ClinicContact,
    treatment_date: dt.date,
    treatment_time: dt.time | None = None,
    flags: Iterable[str] = (),
    issued_on: dt.date,
) -> PreCareContent:
    """The pre-care handout of one patient: dated steps, this patient's items first.

    ``flags`` are the patient's screening findings (rule ids) and answers, see
    :func:`flags_from_answers`; ``issued_on`` marks steps whose date has already passed.
    """
    patient_flags = frozenset(flags)
    dates = {key: treatment_date + dt.timedelta(days=days) for key, days in template.dates.items()}
    values = {key: format_date(day) for key, day in dates.items()}
    values.update(
        treatment_date=format_date(treatment_date),
        treatment_time=format_time(treatment_time) if treatment_time else "",
        clinic_name=clinic.name,
        clinic_phone=clinic.phone,
    )
    labels = {key: fill(text, values) for key, text in template.labels.items()}
    personal: list[ChecklistEntry] = []
    general: list[ChecklistEntry] = []
    for item in template.checklist:
        matched = item.personal_when & patient_flags
        if item.only_when and not matched:
            continue
        day = dates[item.date_key]
        entry = ChecklistEntry(
            item_id=item.id,
            date=day,
            when_text=labels[f"when_{item.when}"],
            date_text=format_date(day),
            text=fill(item.text, values),
            personal=bool(matched),
            overdue=day < issued_on,
        )
        (personal if matched else general).append(entry)
    notes = tuple(
        dict.fromkeys(
            fill(text, values) for flag, text in template.notes.items() if flag in patient_flags
        )
    )

    personal.sort(key=lambda entry: entry.date)
    general.sort(key=lambda entry: entry.date)
    when = labels["treatment_value"] if treatment_time else labels["treatment_value_no_time"]
    facts = (
        Fact(labels["patient"], person.full_name),
        Fact(labels["date_of_birth"], format_date(person.date_of_birth, weekday=False)),
        Fact(labels["treatment"], when),
        Fact(labels["clinic_phone"], labels["clinic_phone_value"]),
    )
    return PreCareContent(
        kind=PRE_CARE,
        template_version=template.template_version,
        title=labels["title"],
        intro=labels["intro"],
        person=person,
        facts=facts,
        personal_heading=labels["personal_heading"],
        personal_items=tuple(personal),
        personal_notes=notes,
        general_heading=(
            labels["general_heading"] if personal or notes else labels["checklist_heading"]
        ),
        general_items=tuple(general),
        overdue_note=labels["overdue"],
        day_of_heading=labels["day_of_heading"],
        day_of=tuple(fill(item, values) for item in template.day_of),
        week_heading=labels["week_heading"],
        week_text=labels["week_text"],
        contact_text=labels["contact_text"],
        footer=_footer(labels, person, template.template_version, issued_on),
    )


def area_label(template: PostCareTemplate, area: str) -> str:
    """The printed name of a treated area: the content's label, or the name as recorded."""
    key = area.strip()
    return template.areas.get(key) or template.areas.get(key.lower()) or key


def format_appointment(moment: dt.datetime | dt.date) -> str:
    """A next appointment as printed: "Tue 29 Dec 2026 at 10:30" or just the date."""
    if isinstance(moment, dt.datetime):
        return f"{format_date(moment.date())} at {format_time(moment.time())}"
    return format_date(moment)


def build_post_care(
    template: PostCareTemplate,
    *,
    person: Person,
    clinic: ClinicContact,
    treatment_date: dt.date,
    intensity: str | None = None,
    areas: Iterable[str] = (),
    next_appointment: dt.datetime | dt.date | None = None,
    issued_on: dt.date,
) -> PostCareContent:
    """The post-care handout of one treatment: the dated recovery calendar and what to watch."""
    chosen = intensity or template.default_intensity
    if chosen not in template.intensities:
        raise ValueError(f"Intensity must be one of {', '.join(INTENSITIES)} (got '{chosen}').")
    tier = template.intensities[chosen]

    def on(day: int) -> dt.date:
        return treatment_date + dt.timedelta(days=day)

    sun_until = treatment_date + dt.timedelta(weeks=tier.sun_protection_weeks)
    values = {
        "treatment_date": format_date(treatment_date),
        "clinic_name": clinic.name,
        "clinic_phone": clinic.phone,
        "intensity": tier.label.lower(),
        "downtime": tier.downtime,
        "sunscreen_from": format_date(on(tier.days["sunscreen_from_day"])),
        "moisturiser_from": format_date(on(tier.days["moisturiser_from_day"])),
        "makeup_from": format_date(on(tier.days["makeup_from_day"])),
        "actives_from": format_date(on(tier.days["actives_from_day"])),
        "sun_protection_until": format_date(sun_until),
    }
    labels = {key: fill(text, values) for key, text in template.labels.items()}
    days: list[CalendarDay] = []
    for day in range(template.calendar_days + 1):
        phases = [phase for phase in template.phases if phase.covers(chosen, day)]
        expect = tuple(fill(p.expect[chosen], values) for p in phases if chosen in p.expect)
        do = tuple(fill(text, values) for p in phases for text in p.do.get(chosen, ()))
        milestones = tuple(
            fill(template.milestones[key], values) for key in _MILESTONES if tier.days[key] == day
        )
        days.append(
            CalendarDay(
                day=day,
                date=on(day),
                day_text=fill(labels["day_label"], {"day": str(day)}),
                date_text=format_date(on(day)),
                expect=expect,
                do=do,
                milestones=milestones,
            )
        )
    area_names = [area_label(template, area) for area in areas if area.strip()]
    unique_areas = list(dict.fromkeys(area_names))
    facts = [
        Fact(labels["patient"], person.full_name),
        Fact(labels["date_of_birth"], format_date(person.date_of_birth, weekday=False)),
        Fact(labels["treatment"], labels["treatment_value"]),
        Fact(labels["areas"], ", ".join(unique_areas) or labels["areas_not_recorded"]),
        Fact(labels["sun_protection"], labels["sun_protection_value"]),
    ]
    if next_appointment is not None:
        facts.append(Fact(labels["next_appointment"], format_appointment(next_appointment)))
    return PostCareContent(
        kind=POST_CARE,
        template_version=template.template_version,
        title=labels["title"],
        intro=labels["intro"],
        person=person,
        intensity=chosen,
        facts=tuple(facts),
        calendar_heading=labels["calendar_heading"],
        calendar_columns=(labels["day_column"], labels["expect_column"], labels["do_column"]),
        days=tuple(days),
        warning_heading=labels["warning_heading"],
        warning_signs=tuple(fill(item, values) for item in template.warning_signs),
        warning_call=labels["warning_call"],
        warning_after=labels["warning_after"],
        after_heading=labels["after_heading"],
        after=tuple(fill(item, values) for item in template.after),
        sun_protection_until=sun_until,
        footer=_footer(labels, person, template.template_version, issued_on),
    )
