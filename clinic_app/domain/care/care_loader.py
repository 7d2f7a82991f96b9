"""Reading and checking the care content: ``resources/care/<lang>/pre_care.toml`` and
``post_care.toml``, or a clinic's override of either from ``DATA_DIR/overrides/care/<lang>/``.

Every text is checked for the placeholders it may use, so that a handout never prints an
unfilled ``{name}``. Standard library and clinic_app.content only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from clinic_app.content import override_dir, shipped
from clinic_app.domain.care.care_file import CareContentError, ContentReader, open_content
from clinic_app.domain.care.care_kinds import INTENSITIES, POST_CARE, PRE_CARE
from clinic_app.domain.care.care_templates import (
    MILESTONES,
    ChecklistTemplate,
    IntensityTemplate,
    PhaseTemplate,
    PostCareTemplate,
    PreCareTemplate,
)

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
_POST_PLACEHOLDERS = _COMMON_PLACEHOLDERS | {
    "intensity", "downtime", "sunscreen_from", "moisturiser_from", "makeup_from",
    "actives_from", "sun_protection_until",
}  # fmt: skip


def _labels(
    reader: ContentReader, data: Mapping[str, Any], required: Iterable[str], allowed: frozenset[str]
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
    reader, data, language, version, checksum = open_content(text, origin, PRE_CARE)
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


def _per_intensity(reader: ContentReader, value: Any, where: str, *, many: bool) -> dict[str, Any]:
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
    reader, data, language, version, checksum = open_content(text, origin, POST_CARE)
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
        days = {key: reader.integer(entry, key, where) for key in MILESTONES}
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
    milestones = {key: reader.text(milestones_table, key, "[milestones]") for key in MILESTONES}
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
