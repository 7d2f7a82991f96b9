"""Reading and checking the pre-care content file, ``pre_care.toml``.

Every text is checked for the placeholders it may use, so that a handout never prints an
unfilled ``{name}``. Standard library only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from clinic_app.domain.care.care_file import ContentReader, open_content
from clinic_app.domain.care.care_kinds import PRE_CARE
from clinic_app.domain.care.care_parsing import (
    CONTENT_PLACEHOLDERS,
    prescription_tables,
    read_labels,
    with_prescription,
)
from clinic_app.domain.care.care_templates import (
    ChecklistTemplate,
    CommonTemplate,
    PreCareTemplate,
    PrescriptionStepTemplate,
)

LABELS = (
    "title", "intro", "patient", "date_of_birth", "treatment", "treatment_value",
    "treatment_value_no_time", "clinic_phone", "clinic_phone_value", "personal_heading",
    "general_heading", "checklist_heading", "when_by", "when_from", "when_on", "done_heading",
    "day_of_heading", "week_heading", "week_text", "week_text_unplanned", "contact_text", "page",
    "footer", "footer_patient",
)  # fmt: skip
_WHEN = ("by", "from", "on")


def parse_pre_care(text: str, origin: str, common: CommonTemplate) -> PreCareTemplate:
    """Check and read the text of a pre-care content file, printed with ``common``."""
    reader, data, language, version, checksum = open_content(
        text, origin, PRE_CARE, shared=[common.text]
    )
    if common.language != language:
        raise reader.fail("[meta]", f"language '{language}' differs from {common.origin}'s")
    dates_table = reader.table(data, "dates", "[dates]")
    dates = {key: reader.integer(dates_table, key, "[dates]") for key in dates_table}
    allowed = (
        CONTENT_PLACEHOLDERS
        | {"treatment_time", "intensity", "downtime", *common.downtime_values()}
        | set(common.medicines)
        | set(dates)
    )
    labels = read_labels(reader, data, LABELS, frozenset(allowed))
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
        unless = reader.texts(entry, "unless", where) if "unless" in entry else ()
        answered_no = (
            reader.texts(entry, "unless_answered_no", where)
            if "unless_answered_no" in entry
            else ()
        )
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
                unless=frozenset(unless),
                unless_answered_no=frozenset(answered_no),
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
        common=common,
        prescriptions=_prescription_steps(reader, data, allowed),
    )


def _prescription_steps(
    reader: ContentReader, data: Mapping[str, Any], allowed: Iterable[str]
) -> dict[str, PrescriptionStepTemplate]:
    """The [prescriptions.<kind>] steps; each may use its own kind's placeholders."""
    steps: dict[str, PrescriptionStepTemplate] = {}
    for kind, (entry, where) in prescription_tables(reader, data).items():
        when = entry.get("when", "on")
        if when not in _WHEN:
            raise reader.fail(where, f"'when' must be one of {', '.join(_WHEN)}")
        text = reader.text(entry, "text", where)
        reader.check_placeholders(text, with_prescription(allowed, kind), where)
        steps[kind] = PrescriptionStepTemplate(kind=kind, when=when, text=text)
    return steps
