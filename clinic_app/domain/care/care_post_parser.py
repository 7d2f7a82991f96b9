"""Reading and checking the post-care content file, ``post_care.toml``.

Every text is checked for the placeholders it may use, so that a handout never prints an
unfilled ``{name}``. Standard library only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from clinic_app.domain.care.care_file import ContentReader, open_content
from clinic_app.domain.care.care_kinds import INTENSITIES, POST_CARE
from clinic_app.domain.care.care_parsing import (
    CONTENT_PLACEHOLDERS,
    per_intensity,
    prescription_tables,
    read_labels,
    with_prescription,
)
from clinic_app.domain.care.care_personal import prescribed, prescription_kind_of
from clinic_app.domain.care.care_templates import (
    MILESTONES,
    CommonTemplate,
    IntensityTemplate,
    PersonalTemplate,
    PhaseTemplate,
    PostCareTemplate,
)
from clinic_app.domain.care.care_text import placeholders

LABELS = (
    "title", "intro", "patient", "date_of_birth", "treatment", "treatment_value", "areas",
    "areas_not_recorded", "sun_protection", "sun_protection_value",
    "sun_protection_value_stricter", "sunscreen", "sunscreen_stricter", "next_appointment",
    "calendar_heading", "day_column", "day_label", "expect_column", "do_column",
    "warning_heading", "warning_call", "warning_after", "after_heading", "personal_heading",
    "page", "footer", "footer_patient",
)  # fmt: skip
PLACEHOLDERS = CONTENT_PLACEHOLDERS | {
    "intensity", "downtime", "sunscreen_from", "moisturiser_from", "makeup_from",
    "actives_from", "sun_protection_until", "sunscreen",
}  # fmt: skip


def parse_post_care(text: str, origin: str, common: CommonTemplate) -> PostCareTemplate:
    """Check and read the text of a post-care content file, printed with ``common``."""
    reader, data, language, version, checksum = open_content(
        text, origin, POST_CARE, shared=[common.text]
    )
    if common.language != language:
        raise reader.fail("[meta]", f"language '{language}' differs from {common.origin}'s")
    allowed = PLACEHOLDERS | set(common.medicines)
    meta = data["meta"]
    calendar_days = reader.integer(meta, "calendar_days", "[meta]")
    if not 1 <= calendar_days <= 60:
        raise reader.fail("[meta]", "calendar_days must be between 1 and 60")
    default_intensity = reader.text(meta, "default_intensity", "[meta]")
    if default_intensity not in INTENSITIES:
        raise reader.fail("[meta]", f"default_intensity must be one of {', '.join(INTENSITIES)}")
    labels = read_labels(reader, data, LABELS, allowed)
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
        recovery = common.intensities[name]
        intensities[name] = IntensityTemplate(
            label=recovery.label,
            downtime=recovery.downtime,
            downtime_days=recovery.downtime_days,
            days=days,
            sun_protection_weeks=weeks,
        )
    milestones_table = reader.table(data, "milestones", "[milestones]")
    milestones = {key: reader.text(milestones_table, key, "[milestones]") for key in MILESTONES}
    for key, value in milestones.items():
        reader.check_placeholders(value, allowed, f"[milestones] {key}")
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
        expect = per_intensity(reader, entry.get("expect"), f"{where} expect", many=False)
        do = per_intensity(reader, entry.get("do"), f"{where} do", many=True)
        if not expect and not do:
            raise reader.fail(where, "a phase needs 'expect' or 'do'")
        for value in [*expect.values(), *(t for items in do.values() for t in items)]:
            reader.check_placeholders(value, allowed, where)
        phases.append(PhaseTemplate(id=phase_id, days=spans, expect=expect, do=do))
    warning = reader.texts(
        reader.table(data, "warning_signs", "[warning_signs]"), "items", "[warning_signs]"
    )
    after = reader.texts(reader.table(data, "after", "[after]"), "items", "[after]")
    for number, item in enumerate((*warning, *after), start=1):
        reader.check_placeholders(item, allowed, f"list item {number}")
    areas_table = data.get("areas", {})
    if not isinstance(areas_table, dict):
        raise reader.fail("[areas]", 'must be a table of name = "label"')
    areas = {key: reader.text(areas_table, key, "[areas]") for key in areas_table}
    stricter = reader.table(data, "stricter_sun", "[stricter_sun]")
    stricter_when = frozenset(reader.texts(stricter, "when", "[stricter_sun]"))
    stricter_weeks = reader.integer(stricter, "sun_protection_weeks", "[stricter_sun]")
    if not 1 <= stricter_weeks <= 52:
        raise reader.fail("[stricter_sun]", "'sun_protection_weeks' must be between 1 and 52")
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
        common=common,
        course_ends=_course_ends(reader, data, allowed),
        personal=_personal(reader, data, allowed),
        stricter_sun_when=stricter_when,
        stricter_sun_weeks=stricter_weeks,
    )


def _course_ends(
    reader: ContentReader, data: Mapping[str, Any], allowed: Iterable[str]
) -> dict[str, str]:
    """The calendar text of the last day of each kind of prescription ([prescriptions.<kind>])."""
    ends: dict[str, str] = {}
    for kind, (entry, where) in prescription_tables(reader, data).items():
        text = reader.text(entry, "last_day", where)
        reader.check_placeholders(text, with_prescription(allowed, kind), where)
        ends[kind] = text
    return ends


def _personal(
    reader: ContentReader, data: Mapping[str, Any], allowed: Iterable[str]
) -> tuple[PersonalTemplate, ...]:
    """The [[personal]] lines. One that prints a prescription's values ({antiviral_drug}, ...)
    must be printed only for that prescription: its 'when' is exactly ["prescribed:<kind>"]."""
    entries = data.get("personal", [])
    if not isinstance(entries, list):
        raise reader.fail("[[personal]]", "must be a list of tables")
    found: list[PersonalTemplate] = []
    for number, entry in enumerate(entries, start=1):
        item_id = reader.text(entry, "id", f"personal line {number}")
        where = f"personal line '{item_id}'"
        when = frozenset(reader.texts(entry, "when", where))
        unless = frozenset(reader.texts(entry, "unless", where)) if "unless" in entry else ()
        text = reader.text(entry, "text", where)
        kinds = {prescription_kind_of(name) for name in placeholders(text)} - {None}
        for kind in sorted(k for k in kinds if k is not None):
            if when != {prescribed(kind)}:
                raise reader.fail(
                    where,
                    f"it prints the {kind} prescription: 'when' must be [\"{prescribed(kind)}\"]",
                )
            allowed = with_prescription(allowed, kind)
        reader.check_placeholders(text, allowed, where)
        found.append(PersonalTemplate(item_id, when, frozenset(unless), text))
    return tuple(found)
