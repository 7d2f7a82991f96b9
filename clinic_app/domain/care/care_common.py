"""Reading and checking ``common.toml``: what the pre-care and post-care handouts say alike
(each intensity's name and downtime, the medicines the clinic names), so that the downtime a
patient plans for before the treatment is the one printed on the recovery calendar after it.

Standard library and clinic_app.content only.
"""

from __future__ import annotations

from clinic_app.domain.care.care_file import ContentReader, open_content
from clinic_app.domain.care.care_kinds import INTENSITIES
from clinic_app.domain.care.care_templates import CommonTemplate, RecoveryTemplate
from clinic_app.domain.care.care_text import fill

COMMON = "care_common"
_DOWNTIME_LABELS = {"downtime_about": {"days"}, "downtime_range": {"first", "last"}}


def _downtime_days(reader: ContentReader, value: object, where: str) -> tuple[int, int]:
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(day, int) and not isinstance(day, bool) for day in value)
        or not 1 <= value[0] <= value[1] <= 60
    ):
        raise reader.fail(
            where, "'downtime_days' must be [first, last] with 1 <= first <= last <= 60"
        )
    return value[0], value[1]


def parse_common(text: str, origin: str = "common.toml") -> CommonTemplate:
    """Check and read the text of common.toml."""
    reader, data, language, version, _checksum = open_content(text, origin, COMMON)
    table = reader.table(data, "labels", "[labels]")
    labels = {key: reader.text(table, key, "[labels]") for key in _DOWNTIME_LABELS}
    for key, allowed in _DOWNTIME_LABELS.items():
        reader.check_placeholders(labels[key], allowed, f"[labels] {key}")
    intensities_table = reader.table(data, "intensities", "[intensities]")
    intensities: dict[str, RecoveryTemplate] = {}
    for name in INTENSITIES:
        where = f"[intensities.{name}]"
        entry = reader.table(intensities_table, name, where)
        first, last = _downtime_days(reader, entry.get("downtime_days"), where)
        downtime = (
            fill(labels["downtime_about"], {"days": str(first)})
            if first == last
            else fill(labels["downtime_range"], {"first": str(first), "last": str(last)})
        )
        intensities[name] = RecoveryTemplate(
            label=reader.text(entry, "label", where), downtime=downtime, downtime_days=(first, last)
        )
    medicines_table = reader.table(data, "medicines", "[medicines]")
    medicines = {
        key: reader.text(medicines_table, key, "[medicines]")
        for key in medicines_table
        if key != "source"
    }
    for key, name in medicines.items():
        if not key.isidentifier() or "{" in name or "}" in name:
            raise reader.fail("[medicines]", f"'{key}' must name a medicine, without braces")
    return CommonTemplate(
        language=language,
        version=version,
        text=text,
        origin=origin,
        intensities=intensities,
        medicines=medicines,
    )
