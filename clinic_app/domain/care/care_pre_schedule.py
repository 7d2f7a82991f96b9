"""The pre-care handout of one patient: real dates counted back from the treatment day, the
items the clinical picture found for this patient first, and the downtime of the planned
intensity. Layout is someone else's job (``clinic_app.reports``). Standard library only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from clinic_app.domain.care.care_handout import (
    ChecklistEntry,
    ClinicContact,
    Fact,
    Footer,
    Person,
    PreCareContent,
)
from clinic_app.domain.care.care_kinds import PRE_CARE
from clinic_app.domain.care.care_personal import (
    answered_no,
    flags_of,
    prescription_values,
    prescriptions_of,
)
from clinic_app.domain.care.care_templates import PreCareTemplate
from clinic_app.domain.care.care_text import fill, format_date, format_time
from clinic_app.domain.clinical_picture import ClinicalPicture


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
    picture: ClinicalPicture | None = None,
    flags: Iterable[str] = (),
    intensity: str | None = None,
    issued_on: dt.date,
) -> PreCareContent:
    """The pre-care handout of one patient: dated steps, this patient's items first.

    ``picture`` is what the latest consultation established (its flags: see
    :func:`~clinic_app.domain.care.care_personal.flags_of`); ``flags`` adds to them. The
    downtime to plan is that of ``intensity``, else of the picture's planned intensity, else
    the range of every intensity.

    A step dated before ``issued_on`` (the handout is made a few days before) moves to the
    calm "should already be done" list. A step with ``unless_answered_no`` is left out when
    the picture's answers say "No" to each of its questions and no flag made it this
    patient's.
    """
    lang = template.language  # dates in the language of the text they stand in
    patient_flags = flags_of(picture) | frozenset(flags)
    not_taken = answered_no(picture)
    common = template.common
    planned = intensity or (picture.intensity if picture is not None else None)
    tier = common.intensities.get(planned) if planned else None
    dates = {key: treatment_date + dt.timedelta(days=days) for key, days in template.dates.items()}
    values = {key: format_date(day, language=lang) for key, day in dates.items()}
    values.update(common.downtime_values())
    values.update(common.medicines)
    values.update(
        treatment_date=format_date(treatment_date, language=lang),
        treatment_time=format_time(treatment_time, lang) if treatment_time else "",
        clinic_name=clinic.name,
        clinic_phone=clinic.phone,
        intensity=tier.label.lower() if tier else "",
        downtime=tier.downtime if tier else "",
    )
    labels = {key: fill(text, values) for key, text in template.labels.items()}
    personal: list[ChecklistEntry] = []
    general: list[ChecklistEntry] = []
    for item in template.checklist:
        matched = item.personal_when & patient_flags
        if (item.only_when and not matched) or item.unless & patient_flags:
            continue
        if not matched and item.unless_answered_no and item.unless_answered_no <= not_taken:
            continue
        day = dates[item.date_key]
        entry = ChecklistEntry(
            item_id=item.id,
            date=day,
            when_text=labels[f"when_{item.when}"],
            date_text=format_date(day, language=lang),
            text=fill(item.text, values),
            personal=bool(matched),
            overdue=day < issued_on,
        )
        (personal if matched else general).append(entry)
    for prescription in prescriptions_of(picture):
        step = template.prescriptions.get(prescription.kind)
        if step is None:
            continue
        personal.append(
            ChecklistEntry(
                item_id=prescription.kind,
                date=prescription.start,
                when_text=labels[f"when_{step.when}"],
                date_text=format_date(prescription.start, language=lang),
                text=fill(step.text, values | prescription_values([prescription], lang)),
                personal=True,
                overdue=prescription.start < issued_on,
            )
        )
    notes = tuple(
        dict.fromkeys(
            fill(text, values) for flag, text in template.notes.items() if flag in patient_flags
        )
    )

    done = sorted((entry for entry in (*personal, *general) if entry.overdue), key=lambda e: e.date)
    personal = sorted((e for e in personal if not e.overdue), key=lambda e: e.date)
    general = sorted((e for e in general if not e.overdue), key=lambda e: e.date)
    when = labels["treatment_value"] if treatment_time else labels["treatment_value_no_time"]
    facts = (
        Fact(labels["patient"], person.full_name),
        Fact(
            labels["date_of_birth"], format_date(person.date_of_birth, weekday=False, language=lang)
        ),
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
        done_heading=labels["done_heading"],
        done_items=tuple(done),
        day_of_heading=labels["day_of_heading"],
        day_of=tuple(fill(item, values) for item in template.day_of),
        week_heading=labels["week_heading"],
        week_text=labels["week_text"] if tier else labels["week_text_unplanned"],
        contact_text=labels["contact_text"],
        footer=Footer.of(labels, person, template.template_version, issued_on, template.language),
    )
