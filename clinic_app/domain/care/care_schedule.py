"""Care schedules: one patient's dated, personalised pre-care and post-care content.

The checked templates (:mod:`clinic_app.domain.care.care_loader`) say what a handout may say;
this module computes what it says for one patient: real calendar dates counted from the
treatment day, the items the consultation found for this patient first, and the day-by-day
recovery calendar for the treatment's intensity. Layout is someone else's job
(``clinic_app.reports``). Standard library only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from clinic_app.domain.care.care_handout import (
    CalendarDay,
    ChecklistEntry,
    ClinicContact,
    Fact,
    Footer,
    Person,
    PostCareContent,
    PreCareContent,
)
from clinic_app.domain.care.care_kinds import INTENSITIES, POST_CARE, PRE_CARE
from clinic_app.domain.care.care_personal import (
    course_day,
    flags_from_answers,
    flags_of,
    prescription_values,
    prescriptions_of,
)
from clinic_app.domain.care.care_templates import MILESTONES, PostCareTemplate, PreCareTemplate
from clinic_app.domain.care.care_text import fill, format_appointment, format_date, format_time
from clinic_app.domain.clinical_picture import ClinicalPicture

__all__ = [
    "area_label",
    "build_post_care",
    "build_pre_care",
    "flags_from_answers",
    "pre_care_date_problem",
]


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
    picture: ClinicalPicture | None = None,
    flags: Iterable[str] = (),
    intensity: str | None = None,
    issued_on: dt.date,
) -> PreCareContent:
    """The pre-care handout of one patient: dated steps, this patient's items first.

    ``picture`` is what the latest consultation established (its flags: see
    :func:`~clinic_app.domain.care.care_personal.flags_of`); ``flags`` adds to them. The
    downtime to plan is that of ``intensity``, else of the picture's planned intensity, else
    the range of every intensity. ``issued_on`` marks steps whose date has already passed.
    """
    patient_flags = flags_of(picture) | frozenset(flags)
    common = template.common
    planned = intensity or (picture.intensity if picture is not None else None)
    tier = common.intensities.get(planned) if planned else None
    dates = {key: treatment_date + dt.timedelta(days=days) for key, days in template.dates.items()}
    values = {key: format_date(day) for key, day in dates.items()}
    values.update(common.downtime_values())
    values.update(common.medicines)
    values.update(
        treatment_date=format_date(treatment_date),
        treatment_time=format_time(treatment_time) if treatment_time else "",
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
    for prescription in prescriptions_of(picture):
        step = template.prescriptions.get(prescription.kind)
        if step is None:
            continue
        personal.append(
            ChecklistEntry(
                item_id=prescription.kind,
                date=prescription.start,
                when_text=labels[f"when_{step.when}"],
                date_text=format_date(prescription.start),
                text=fill(step.text, values | prescription_values([prescription])),
                personal=True,
                overdue=prescription.start < issued_on,
            )
        )
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
        week_text=labels["week_text"] if tier else labels["week_text_unplanned"],
        contact_text=labels["contact_text"],
        footer=_footer(labels, person, template.template_version, issued_on),
    )


def area_label(template: PostCareTemplate, area: str) -> str:
    """The printed name of a treated area: the content's label, or the name as recorded."""
    key = area.strip()
    return template.areas.get(key) or template.areas.get(key.lower()) or key


def build_post_care(
    template: PostCareTemplate,
    *,
    person: Person,
    clinic: ClinicContact,
    treatment_date: dt.date,
    intensity: str | None = None,
    areas: Iterable[str] = (),
    picture: ClinicalPicture | None = None,
    flags: Iterable[str] = (),
    next_appointment: dt.datetime | dt.date | None = None,
    issued_on: dt.date,
) -> PostCareContent:
    """The post-care handout of one treatment: the dated recovery calendar and what to watch.

    ``picture`` is what the latest consultation established and ``flags`` adds to its flags;
    together they choose the "just for you" lines."""
    chosen = intensity or template.default_intensity
    if chosen not in template.intensities:
        raise ValueError(f"Intensity must be one of {', '.join(INTENSITIES)} (got '{chosen}').")
    tier = template.intensities[chosen]

    def on(day: int) -> dt.date:
        return treatment_date + dt.timedelta(days=day)

    sun_until = treatment_date + dt.timedelta(weeks=tier.sun_protection_weeks)
    values = {
        **template.common.medicines,
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
    course_ends: dict[int, list[str]] = {}
    for prescription in prescriptions_of(picture):
        if prescription.kind in template.course_ends:
            text = fill(template.course_ends[prescription.kind], values)
            text = fill(text, prescription_values([prescription]))
            course_ends.setdefault(course_day(prescription, treatment_date), []).append(text)
    days: list[CalendarDay] = []
    for day in range(template.calendar_days + 1):
        phases = [phase for phase in template.phases if phase.covers(chosen, day)]
        expect = tuple(fill(p.expect[chosen], values) for p in phases if chosen in p.expect)
        do = tuple(fill(text, values) for p in phases for text in p.do.get(chosen, ()))
        milestones = tuple(
            fill(template.milestones[key], values) for key in MILESTONES if tier.days[key] == day
        ) + tuple(course_ends.get(day, ()))
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
