"""The post-care handout of one treatment: the dated recovery calendar of its intensity, the
"just for you" lines the clinical picture calls for, and what to watch for. Layout is someone
else's job (``clinic_app.reports``). Standard library only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from clinic_app.domain.care.care_handout import (
    CalendarDay,
    ClinicContact,
    Fact,
    Footer,
    Person,
    PostCareContent,
)
from clinic_app.domain.care.care_kinds import INTENSITIES, POST_CARE
from clinic_app.domain.care.care_personal import (
    area_flags,
    course_day,
    flags_of,
    prescription_values,
    prescriptions_of,
)
from clinic_app.domain.care.care_templates import MILESTONES, PostCareTemplate
from clinic_app.domain.care.care_text import fill, format_appointment, format_date, listed
from clinic_app.domain.clinical_picture import ClinicalPicture, Prescription


def area_label(template: PostCareTemplate, area: str) -> str:
    """The printed name of a treated area: the content's label, or the name as recorded."""
    key = area.strip()
    return template.areas.get(key) or template.areas.get(key.lower()) or key


def sun_protection_weeks(
    template: PostCareTemplate, intensity: str, flags: frozenset[str] = frozenset()
) -> int:
    """Weeks of strict sun protection after a treatment of ``intensity``: the intensity's, or
    ``[stricter_sun]``'s when the patient has one of its flags (the follow-ups use it too)."""
    weeks = template.intensities[intensity].sun_protection_weeks
    if template.stricter_sun_when & flags:
        weeks = max(weeks, template.stricter_sun_weeks)
    return weeks


def _course_ends(
    template: PostCareTemplate,
    prescriptions: Iterable[Prescription],
    values: Mapping[str, str],
    treatment_date: dt.date,
) -> dict[int, list[str]]:
    """The calendar day of each recorded course's last day, with what it says then."""
    lang = template.language
    ends: dict[int, list[str]] = {}
    for prescription in prescriptions:
        if prescription.kind in template.course_ends:
            own = {**values, **prescription_values([prescription], lang)}
            text = fill(template.course_ends[prescription.kind], own)
            ends.setdefault(course_day(prescription, treatment_date), []).append(text)
    return ends


def _calendar(
    template: PostCareTemplate,
    intensity: str,
    values: Mapping[str, str],
    treatment_date: dt.date,
    course_ends: Mapping[int, list[str]],
) -> tuple[CalendarDay, ...]:
    """The recovery calendar of ``intensity``, day 0 (the treatment day) first."""
    lang = template.language
    tier = template.intensities[intensity]
    days: list[CalendarDay] = []
    for day in range(template.calendar_days + 1):
        date = treatment_date + dt.timedelta(days=day)
        phases = [phase for phase in template.phases if phase.covers(intensity, day)]
        milestones = [
            fill(template.milestones[key], values) for key in MILESTONES if tier.days[key] == day
        ]
        days.append(
            CalendarDay(
                day=day,
                date=date,
                day_text=fill(template.labels["day_label"], {"day": str(day)}),
                date_text=format_date(date, language=lang, compact=True),  # a narrow column
                expect=tuple(
                    fill(p.expect[intensity], values) for p in phases if intensity in p.expect
                ),
                do=tuple(fill(text, values) for p in phases for text in p.do.get(intensity, ())),
                milestones=(*milestones, *course_ends.get(day, ())),
            )
        )
    return tuple(days)


def _personal_lines(
    template: PostCareTemplate,
    flags: frozenset[str],
    values: Mapping[str, str],
    prescriptions: Iterable[Prescription],
) -> tuple[str, ...]:
    """The "just for you" lines whose flags the patient has, each once, in the file's order."""
    lang = template.language
    own = {**values, **prescription_values(prescriptions, lang)}
    lines = (fill(line.text, own) for line in template.personal if line.applies(flags))
    return tuple(dict.fromkeys(lines))


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
    with the treated ``areas`` they choose the "just for you" lines and, for the skin types of
    ``[stricter_sun]``, the longer sun protection printed everywhere on the handout."""
    lang = template.language  # dates in the language of the text they stand in
    chosen = intensity or template.default_intensity
    if chosen not in template.intensities:
        raise ValueError(f"Intensity must be one of {', '.join(INTENSITIES)} (got '{chosen}').")
    tier = template.intensities[chosen]
    treated = list(dict.fromkeys(area.strip() for area in areas if area.strip()))
    patient_flags = flags_of(picture) | frozenset(flags) | area_flags(treated)
    prescriptions = prescriptions_of(picture)
    stricter = bool(template.stricter_sun_when & patient_flags)
    weeks = sun_protection_weeks(template, chosen, patient_flags)
    sun_until = treatment_date + dt.timedelta(weeks=weeks)

    def on(milestone: str) -> str:
        return format_date(treatment_date + dt.timedelta(days=tier.days[milestone]), language=lang)

    values = {
        **template.common.medicines,
        "treatment_date": format_date(treatment_date, language=lang),
        "clinic_name": clinic.name,
        "clinic_phone": clinic.phone,
        "intensity": tier.label.lower(),
        "downtime": tier.downtime,
        "sunscreen_from": on("sunscreen_from_day"),
        "moisturiser_from": on("moisturiser_from_day"),
        "makeup_from": on("makeup_from_day"),
        "actives_from": on("actives_from_day"),
        "sun_protection_until": format_date(sun_until, language=lang),
        "sunscreen": template.labels["sunscreen_stricter" if stricter else "sunscreen"],
    }
    labels = {key: fill(text, values) for key, text in template.labels.items()}
    area_names = list(dict.fromkeys(area_label(template, area) for area in treated))
    facts = [
        Fact(labels["patient"], person.full_name),
        Fact(
            labels["date_of_birth"], format_date(person.date_of_birth, weekday=False, language=lang)
        ),
        Fact(labels["treatment"], labels["treatment_value"]),
        Fact(labels["areas"], listed(area_names) or labels["areas_not_recorded"]),
        Fact(
            labels["sun_protection"],
            labels["sun_protection_value_stricter" if stricter else "sun_protection_value"],
        ),
    ]
    if next_appointment is not None:
        facts.append(Fact(labels["next_appointment"], format_appointment(next_appointment, lang)))
    course_ends = _course_ends(template, prescriptions, values, treatment_date)
    return PostCareContent(
        kind=POST_CARE,
        template_version=template.template_version,
        title=labels["title"],
        intro=labels["intro"],
        person=person,
        intensity=chosen,
        facts=tuple(facts),
        personal_heading=labels["personal_heading"],
        personal=_personal_lines(template, patient_flags, values, prescriptions),
        calendar_heading=labels["calendar_heading"],
        calendar_columns=(labels["day_column"], labels["expect_column"], labels["do_column"]),
        days=_calendar(template, chosen, values, treatment_date, course_ends),
        warning_heading=labels["warning_heading"],
        warning_signs=tuple(fill(item, values) for item in template.warning_signs),
        warning_call=labels["warning_call"],
        warning_after=labels["warning_after"],
        after_heading=labels["after_heading"],
        after=tuple(fill(item, values) for item in template.after),
        sun_protection_until=sun_until,
        footer=Footer.of(labels, person, template.template_version, issued_on, template.language),
    )
