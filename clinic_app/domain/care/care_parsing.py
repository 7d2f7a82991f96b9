"""What the care file parsers share: the placeholders every text may use, the labels table,
and values given once for every intensity or per intensity.

Standard library only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from clinic_app.domain.care.care_file import ContentReader
from clinic_app.domain.care.care_kinds import INTENSITIES

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
