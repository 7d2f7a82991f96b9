"""The follow-up schedule: which contacts follow a session, and on which days.

``resources/followups/<lang>/schedule.toml`` (or the clinic's override) says what each contact
is and how it is dated; :func:`schedule_for` computes the dated contacts of one session from its
day, its intensity, the day strict sun protection ends and the series. Standard library only.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clinic_app.content import ContentError, loads_toml, override_dir, read_content, shipped
from clinic_app.domain.care.care_kinds import INTENSITIES
from clinic_app.domain.care.care_text import placeholders

SCHEDULE_DIR = "followups"
SCHEDULE_FILE = "schedule.toml"
SUN_PROTECTION_END = "sun_protection_end"
NEXT_SESSION = "next_session"
ANCHORS = (SUN_PROTECTION_END, NEXT_SESSION)
LABELS = (
    "heading",
    "intro",
    "date_column",
    "contact_column",
    "calendar_summary",
    "calendar_description",
)
PLACEHOLDERS = frozenset({"clinic_name", "clinic_phone", "patient_name", "date", "text"})


class FollowUpFileError(ContentError):
    """The schedule file cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class ContactSpec:
    """One kind of contact after a session, as the schedule file describes it."""

    id: str
    label: str  # the staff's name of it
    text: str  # what the patient reads
    days: Mapping[str, int]  # days after the treatment per intensity (empty with an anchor)
    anchor: str = ""  # "sun_protection_end", "next_session" or "" (dated by ``days``)
    note_required: bool = False
    staff_task: bool = True  # False: a date for the patient only, not in the "due" panel
    source: str = ""


@dataclass(frozen=True)
class FollowUpSchedule:
    """The whole schedule file: its version, its labels and its contacts in the file's order."""

    version: str
    language: str
    labels: Mapping[str, str]
    contacts: tuple[ContactSpec, ...]

    def contact(self, contact_id: str) -> ContactSpec | None:
        return next((c for c in self.contacts if c.id == contact_id), None)

    @property
    def patient_only(self) -> frozenset[str]:
        """The ids of the contacts that are dates for the patient, not tasks for the staff."""
        return frozenset(c.id for c in self.contacts if not c.staff_task)

    def label_of(self, contact_id: str) -> str:
        """The staff's label of a stored contact (its id when the file no longer has it)."""
        spec = self.contact(contact_id)
        return spec.label if spec else contact_id

    def text_of(self, contact_id: str) -> str:
        spec = self.contact(contact_id)
        return spec.text if spec else contact_id


@dataclass(frozen=True)
class DueContact:
    """One dated contact of a session's schedule."""

    kind: str  # the ContactSpec id
    due_on: dt.date
    label: str
    text: str


def schedule_for(
    schedule: FollowUpSchedule,
    *,
    treatment_date: dt.date,
    intensity: str,
    sun_protection_weeks: int,
    session_number: int,
    sessions_planned: int | None,
    interval_weeks: int,
) -> tuple[DueContact, ...]:
    """The contacts after a session on ``treatment_date``, by date (the file's order on a tie).

    ``session_number`` is the session's place in its series (1 for the first); the next
    session is dated ``interval_weeks`` later unless ``sessions_planned`` are done by then
    (without a plan the next one is suggested, as the session editor does)."""
    if intensity not in INTENSITIES:
        raise ValueError(f"Intensity must be one of {', '.join(INTENSITIES)} (got '{intensity}').")
    due: list[DueContact] = []
    for spec in schedule.contacts:
        if spec.anchor == SUN_PROTECTION_END:
            day: dt.date | None = treatment_date + dt.timedelta(weeks=sun_protection_weeks)
        elif spec.anchor == NEXT_SESSION:
            complete = sessions_planned is not None and session_number >= sessions_planned
            day = None if complete else treatment_date + dt.timedelta(weeks=interval_weeks)
        elif intensity in spec.days:
            day = treatment_date + dt.timedelta(days=spec.days[intensity])
        else:
            day = None
        if day is not None:
            due.append(DueContact(spec.id, day, spec.label, spec.text))
    order = {spec.id: index for index, spec in enumerate(schedule.contacts)}
    return tuple(sorted(due, key=lambda c: (c.due_on, order[c.kind])))


# Reading the file -----------------------------------------------------------------------------


def _text(entry: Mapping[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise FollowUpFileError(f"{where}: '{key}' must be a text that is not empty")
    unknown = placeholders(value) - PLACEHOLDERS
    if unknown:
        raise FollowUpFileError(
            f"{where}: '{key}' uses unknown placeholders: {', '.join(sorted(unknown))}"
        )
    return value.strip()


def _contact(entry: Any, where: str) -> ContactSpec:
    if not isinstance(entry, dict):
        raise FollowUpFileError(f"{where}: must be a table")
    contact_id = entry.get("id")
    if not isinstance(contact_id, str) or not contact_id.isidentifier():
        raise FollowUpFileError(f"{where}: 'id' must be a name such as call_day_2")
    where = f"{where} ({contact_id})"
    anchor = entry.get("anchor", "")
    raw_days = entry.get("days", {})
    if anchor and anchor not in ANCHORS:
        raise FollowUpFileError(f"{where}: 'anchor' must be one of {', '.join(ANCHORS)}")
    if bool(anchor) == bool(raw_days):
        raise FollowUpFileError(f"{where}: give either 'days' (per intensity) or 'anchor'")
    if not isinstance(raw_days, dict):
        raise FollowUpFileError(f"{where}: 'days' must be a table such as {{ light = 2 }}")
    days: dict[str, int] = {}
    for intensity, value in raw_days.items():
        if intensity not in INTENSITIES:
            raise FollowUpFileError(
                f"{where}: days.{intensity}: intensity must be one of {', '.join(INTENSITIES)}"
            )
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 366:
            raise FollowUpFileError(f"{where}: days.{intensity} must be a whole number 1-366")
        days[intensity] = value
    note_required = entry.get("note_required", False)
    staff_task = entry.get("staff_task", True)
    if not isinstance(note_required, bool) or not isinstance(staff_task, bool):
        raise FollowUpFileError(f"{where}: 'note_required' and 'staff_task' are true or false")
    source = entry.get("source")
    if not isinstance(source, str) or not source.strip():
        raise FollowUpFileError(f"{where}: 'source' must say where the timing comes from")
    return ContactSpec(
        id=contact_id,
        label=_text(entry, "label", where),
        text=_text(entry, "text", where),
        days=days,
        anchor=anchor,
        note_required=note_required,
        staff_task=staff_task,
        source=source,
    )


def parse_schedule(text: str, origin: str) -> FollowUpSchedule:
    """Check and read the text of a schedule file; FollowUpFileError names what is wrong."""
    try:
        data = loads_toml(text)
    except tomllib.TOMLDecodeError as exc:
        raise FollowUpFileError(f"{origin}: not valid TOML: {exc}") from None
    meta = data.get("meta", {})
    version = meta.get("version") if isinstance(meta, dict) else None
    if not isinstance(version, str) or not version.strip():
        raise FollowUpFileError(f"{origin}: [meta] needs a version")
    language = meta.get("language", "en")
    raw_labels = data.get("labels", {})
    if not isinstance(raw_labels, dict):
        raise FollowUpFileError(f"{origin}: [labels] must be a table")
    labels = {key: _text(raw_labels, key, f"{origin} [labels]") for key in LABELS}
    entries = data.get("contact", [])
    if not isinstance(entries, list) or not entries:
        raise FollowUpFileError(f"{origin}: needs at least one [[contact]]")
    contacts = tuple(
        _contact(entry, f"{origin} [[contact]] {number}") for number, entry in enumerate(entries, 1)
    )
    ids = [c.id for c in contacts]
    if len(set(ids)) != len(ids):
        raise FollowUpFileError(f"{origin}: two [[contact]] entries have the same id")
    return FollowUpSchedule(version.strip(), str(language), labels, contacts)


def load_schedule(data_dir: Path | None = None, language: str = "en") -> FollowUpSchedule:
    """The clinic's schedule file for ``language`` when it has one, else the shipped one (the
    English file when none is shipped for ``language``)."""
    relative_dir = f"{SCHEDULE_DIR}/{language}"
    if data_dir is not None:
        local = override_dir(data_dir, relative_dir) / SCHEDULE_FILE
        if local.is_file():
            try:
                return parse_schedule(read_content(local, str(local)), str(local))
            except OSError as exc:
                raise FollowUpFileError(f"{local}: cannot be read: {exc}") from None
            except FollowUpFileError:
                raise
            except ValueError as exc:
                raise FollowUpFileError(f"{local}: cannot be read as UTF-8 text: {exc}") from None
    node = shipped(f"{relative_dir}/{SCHEDULE_FILE}")
    if not node.is_file():
        if language != "en":
            return load_schedule(data_dir, "en")
        raise FollowUpFileError(f"No follow-up schedule is shipped for the language '{language}'.")
    return parse_schedule(node.read_text(encoding="utf-8"), f"resources/{relative_dir}/schedule")
