"""What the care file parsers share: the placeholders every text may use, the labels table,
and values given once for every intensity or per intensity.

Standard library only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from clinic_app.domain.care.care_file import ContentReader
from clinic_app.domain.care.care_kinds import INTENSITIES
from clinic_app.domain.care.care_personal import prescription_kind_of, prescription_placeholders
from clinic_app.domain.clinical_picture import PRESCRIPTION_KINDS

# Placeholders that only one label takes; they are filled when the page is laid out.
LABEL_PLACEHOLDERS = {
    "page": frozenset({"page", "pages"}),
    "footer": frozenset({"template_version", "prepared_on"}),
    "footer_patient": frozenset({"patient_name", "date_of_birth"}),
    "day_label": frozenset({"day"}),
}
CONTENT_PLACEHOLDERS = frozenset({"treatment_date", "clinic_name", "clinic_phone"})


def read_labels(
    reader: ContentReader, data: Mapping[str, Any], required: Iterable[str], allowed: frozenset[str]
) -> dict[str, str]:
    """The labels named ``required``, each checked for the placeholders ``allowed``."""
    table = reader.table(data, "labels", "[labels]")
    labels: dict[str, str] = {}
    for key in required:
        labels[key] = reader.text(table, key, "[labels]")
        extra = LABEL_PLACEHOLDERS.get(key, frozenset())
        reader.check_placeholders(labels[key], allowed | extra, f"[labels] {key}")
    return labels


def per_intensity(reader: ContentReader, value: Any, where: str, *, many: bool) -> dict[str, Any]:
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


def prescription_tables(
    reader: ContentReader, data: Mapping[str, Any]
) -> dict[str, tuple[Mapping[str, Any], str]]:
    """Each ``[prescriptions.<kind>]`` table with its place in the file, the kind checked."""
    table = data.get("prescriptions", {})
    if not isinstance(table, dict):
        raise reader.fail(
            "[prescriptions]", "must hold a table per kind, e.g. [prescriptions.antiviral]"
        )
    found: dict[str, tuple[Mapping[str, Any], str]] = {}
    for kind in table:
        where = f"[prescriptions.{kind}]"
        if kind not in PRESCRIPTION_KINDS:
            raise reader.fail(where, f"the kind must be one of {', '.join(PRESCRIPTION_KINDS)}")
        found[kind] = (reader.table(table, kind, where), where)
    return found


def with_prescription(allowed: Iterable[str], kind: str) -> frozenset[str]:
    """``allowed`` and the placeholders of a prescription of ``kind`` ({antiviral_drug}, ...)."""
    own = {name for name in prescription_placeholders() if prescription_kind_of(name) == kind}
    return frozenset({*allowed, *own})
