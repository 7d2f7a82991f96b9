"""The consultation document: everything typed in the wizard, and its checks.

In memory (the wizard, these checks) a document is::

    {
      "format_version": 1,
      "intake": {"concerns": [...ranked], "concern_other": "", "goals": "...",
                 "downtime_accepted": "up_to_1_week"},
      "screening": {...},            # an answers document (docs/screening.md), with
                                     # "treatment_date": "YYYY-MM-DD"
      "reasons": {"rule_id": "..."}, # written reasons to proceed despite relative findings
      "not_candidate_reason": "",
      "plan": {"intensity": ..., "sessions_planned": ..., "interval_weeks": ...,
               "expected_downtime_days": ..., "device_profile_id": ..., "notes": ...},
      "page": "skin",                # the page shown when the draft was saved
      "finding_titles": {"rule_id": "..."}  # set on saving: the titles of the findings
    }

Stored (``Consultation.answers``, see :func:`to_stored`), the screening answers are the top
level, so that the answers column is itself an answers document that sessions and handouts
read; the rest sits under the reserved key ``"_consultation"``, which can never be a question
id (ids start with a letter).

Error keys name the field: ``intake.goals``, ``screening.<question>``, ``treatment_date``,
``findings.<rule>``, ``reasons.<rule>``, ``plan.<field>``, ``not_candidate_reason``.
Standard library only.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clinic_app.domain.clinical_picture import prescription_entry_errors, prescriptions_from
from clinic_app.domain.consultation.consultation_form import ConsultationForm, load_form
from clinic_app.domain.consultation.prescription_options import (
    AntiviralOptions,
    load_antiviral_options,
)
from clinic_app.domain.consultation.pricing import (
    PriceEstimate,
    PriceList,
    estimate,
    load_price_list,
)
from clinic_app.domain.face_chart import FaceChart, FaceChartTexts, load_face_chart_texts
from clinic_app.domain.reasons import DEFAULT_RULES, ReasonLevel, ReasonPolicy, load_policy
from clinic_app.domain.screening import screening
from clinic_app.domain.screening.screening import RuleSet, ScreeningResult, Severity
from clinic_app.domain.sessions.devices import load_profiles
from clinic_app.domain.sessions.face_chart import load_face_chart

FORMAT_VERSION = 1
TREATMENT_DATE = screening.TREATMENT_DATE
AREAS_QUESTION = "treatment_areas"
FINDING_TITLES = "finding_titles"  # rule id -> the finding's title when it was saved
STORED_KEY = "_consultation"  # Consultation.answers: where the non-screening parts are kept


@dataclass(frozen=True)
class ConsultationContent:
    """The data a consultation is judged and priced with: rules, form, prices, devices."""

    rules: RuleSet
    form: ConsultationForm
    price_list: PriceList
    devices: Mapping[str, str]  # device profile id -> title, e.g. "SmartXide DOT (DEKA)"
    antiviral: AntiviralOptions | None = None  # what the plan offers for the antiviral
    # what a written reason must hold (resources/clinical/gates.toml)
    reason_policy: ReasonPolicy = field(default_factory=lambda: ReasonPolicy(dict(DEFAULT_RULES)))
    # the face chart the areas page shows under its question (resources/face_chart/)
    face_chart: FaceChart | None = None
    face_chart_texts: FaceChartTexts | None = None


def load_content(data_dir: Path | None = None) -> ConsultationContent:
    """Shipped content overlaid by the clinic's; raises ValueError subclasses naming the file."""
    profiles = load_profiles(data_dir)
    return ConsultationContent(
        rules=screening.load_rules(data_dir),
        form=load_form(data_dir),
        price_list=load_price_list(data_dir),
        devices={pid: profile.title for pid, profile in profiles.items()},
        antiviral=load_antiviral_options(data_dir),
        reason_policy=load_policy(data_dir),
        face_chart=load_face_chart(data_dir),
        face_chart_texts=load_face_chart_texts(data_dir),
    )


def new_document() -> dict[str, Any]:
    """An empty document: nothing answered yet."""
    return {
        "format_version": FORMAT_VERSION,
        "intake": {},
        "screening": {},
        "reasons": {},
        "not_candidate_reason": "",
        "plan": {},
        "page": "concerns",
    }


def to_stored(document: Mapping[str, Any]) -> dict[str, Any]:
    """The document as ``Consultation.answers`` holds it: answers on top, the rest aside."""
    doc = normalised(document)
    stored = dict(doc.pop("screening"))
    stored.pop(STORED_KEY, None)
    stored[STORED_KEY] = doc
    return stored


def from_stored(answers: Mapping[str, Any] | None) -> dict[str, Any]:
    """The document held in ``Consultation.answers`` (see :func:`to_stored`)."""
    if not isinstance(answers, Mapping):
        return new_document()
    rest = answers.get(STORED_KEY)
    doc = normalised(rest if isinstance(rest, Mapping) else None)
    doc["screening"] = copy.deepcopy({k: v for k, v in answers.items() if k != STORED_KEY})
    return doc


def normalised(document: Mapping[str, Any] | None) -> dict[str, Any]:
    """A deep copy of ``document`` with every part present (tolerates older drafts)."""
    result = new_document()
    if isinstance(document, Mapping):
        for key, value in copy.deepcopy(dict(document)).items():
            if key in result and isinstance(result[key], dict) and not isinstance(value, dict):
                continue
            result[key] = value
    return result


def treatment_date_of(document: Mapping[str, Any]) -> dt.date | None:
    """The planned treatment date when it is written correctly, else None."""
    raw = normalised(document)["screening"].get(TREATMENT_DATE)
    if not isinstance(raw, str):
        return None
    try:
        return screening.parse_date(raw)
    except ValueError:
        return None


def screen(
    document: Mapping[str, Any], rules: RuleSet, today: dt.date | None = None
) -> ScreeningResult:
    """The screening of the document's answers against its treatment date, on ``today`` (the
    day of the consultation; the local date when not given)."""
    answers = normalised(document)["screening"]
    day = today or dt.date.today()
    return screening.evaluate(rules, answers, treatment_date_of(document), day)


def reasons_of(document: Mapping[str, Any]) -> dict[str, str]:
    """The written reasons by rule id, blank ones left out."""
    raw = normalised(document)["reasons"]
    return {k: v.strip() for k, v in raw.items() if isinstance(v, str) and v.strip()}


def intake_errors(document: Mapping[str, Any], form: ConsultationForm) -> dict[str, str]:
    """What is missing on the concerns and goals page."""
    intake = normalised(document)["intake"]
    errors: dict[str, str] = {}
    concerns = intake.get("concerns")
    known = {choice.value for choice in form.concern_choices}
    if not isinstance(concerns, list) or not concerns:
        errors["intake.concerns"] = f"{form.concerns.label}: tick at least one concern."
    elif any(value not in known for value in concerns):
        errors["intake.concerns"] = f"{form.concerns.label}: an unknown concern is listed."
    elif "other" in concerns and not str(intake.get("concern_other", "")).strip():
        errors["intake.concern_other"] = f"{form.concern_other.label}: describe it in words."
    if not str(intake.get("goals", "") or "").strip():
        errors["intake.goals"] = f"{form.goals.label}: write at least a few words."
    if form.downtime_choice(str(intake.get("downtime_accepted", ""))) is None:
        errors["intake.downtime_accepted"] = f"{form.downtime.label}: choose one."
    return errors


def screening_errors(
    result: ScreeningResult, rules: RuleSet, date_label: str = "Planned treatment date"
) -> dict[str, str]:
    """Unanswered questions and unusable answers, each naming its question."""
    errors: dict[str, str] = {}

    def label_of(question_id: str) -> str:
        question = rules.question(question_id)
        return question.label if question else question_id

    for question_id in result.unanswered:
        if question_id == TREATMENT_DATE:
            errors[TREATMENT_DATE] = f"{date_label}: write it as YYYY-MM-DD."
        else:
            errors[f"screening.{question_id}"] = f"{label_of(question_id)}: not answered."
    for problem in result.problems:
        if problem.question == TREATMENT_DATE:
            errors.setdefault(TREATMENT_DATE, f"{date_label}: {problem.message}.")
        else:
            key = f"screening.{problem.question}"
            errors.setdefault(key, f"{label_of(problem.question)}: {problem.message}.")
    return errors


def finding_errors(
    result: ScreeningResult, reasons: Mapping[str, str], policy: ReasonPolicy | None = None
) -> dict[str, str]:
    """Absolute findings (the plan is blocked) and relative ones without a reason of substance
    (``policy``'s floor for relative findings; the shipped one when None)."""
    policy = policy or ReasonPolicy(dict(DEFAULT_RULES))
    errors: dict[str, str] = {}
    for finding in result.findings:
        label = f"'{finding.title}' ({finding.rule_id} v{finding.rule_version})"
        if finding.severity is Severity.ABSOLUTE:
            errors[f"findings.{finding.rule_id}"] = (
                f"{label} blocks the plan: save the consultation as not a candidate now."
            )
        elif finding.severity is Severity.RELATIVE:
            problem = policy.problem(reasons.get(finding.rule_id), ReasonLevel.RELATIVE)
            if problem is not None:
                errors[f"reasons.{finding.rule_id}"] = (
                    f"{label} is a relative contraindication: {problem}."
                )
    return errors


def plan_errors(
    document: Mapping[str, Any], form: ConsultationForm, devices: Collection[str]
) -> dict[str, str]:
    """What is missing or out of range in the plan."""
    plan = normalised(document)["plan"]
    errors: dict[str, str] = {}
    if form.intensity(str(plan.get("intensity", ""))) is None:
        names = ", ".join(i.label.lower() for i in form.intensities)
        errors["plan.intensity"] = f"Intensity: choose {names}."
    for key, limits, what in (
        ("sessions_planned", form.sessions, "Sessions"),
        ("interval_weeks", form.interval_weeks, "Interval (weeks)"),
        ("expected_downtime_days", form.expected_downtime_days, "Expected downtime (days)"),
    ):
        value = plan.get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            errors[f"plan.{key}"] = f"{what}: choose a number."
        elif not limits.minimum <= value <= limits.maximum:
            errors[f"plan.{key}"] = f"{what}: between {limits.minimum} and {limits.maximum}."
    if plan.get("device_profile_id") not in devices:
        errors["plan.device_profile_id"] = "Device: choose the laser's profile."
    errors.update(prescription_errors(plan.get("prescriptions"), treatment_date_of(document)))
    return errors


def prescription_errors(raw: Any, treatment: dt.date | None = None) -> dict[str, str]:
    """What is wrong with the plan's prescriptions, by field ``plan.prescriptions.<kind>.<x>``;
    with the treatment date, a prophylactic course must start by it and cover it."""
    if raw is None:
        return {}
    if not isinstance(raw, list):
        return {"plan.prescriptions": "Prescriptions: a list of prescriptions."}
    errors: dict[str, str] = {}
    for entry in raw:
        if not isinstance(entry, Mapping):
            errors["plan.prescriptions"] = "Prescriptions: each one names its medicine."
            continue
        kind = str(entry.get("kind", ""))
        entry_errors = prescription_entry_errors(entry)
        for field_name, message in entry_errors.items():
            errors[f"plan.prescriptions.{kind}.{field_name}"] = f"Prescription: {message}."
        if entry_errors or treatment is None:
            continue
        (course,) = prescriptions_from([entry])
        if not course.start <= treatment <= course.last_day:
            errors[f"plan.prescriptions.{kind}.start"] = (
                f"Prescription: the course ({screening.format_date(course.start)} to "
                f"{screening.format_date(course.last_day)}) must include the treatment day, "
                f"{screening.format_date(treatment)}."
            )
    return errors


def price_of(document: Mapping[str, Any], price_list: PriceList) -> PriceEstimate | None:
    """The estimate for the document's plan, or None while intensity or sessions are missing."""
    doc = normalised(document)
    plan = doc["plan"]
    intensity = plan.get("intensity")
    sessions = plan.get("sessions_planned")
    areas = doc["screening"].get(AREAS_QUESTION)
    if not isinstance(intensity, str) or isinstance(sessions, bool):
        return None
    if not isinstance(sessions, int) or not isinstance(areas, list) or not areas:
        return None
    return estimate(price_list, intensity, [a for a in areas if isinstance(a, str)], sessions)


def completion_errors(
    document: Mapping[str, Any], content: ConsultationContent, today: dt.date | None = None
) -> tuple[ScreeningResult, dict[str, str]]:
    """The screening and everything that keeps the consultation from being completed."""
    result = screen(document, content.rules, today)
    errors = intake_errors(document, content.form)
    errors.update(screening_errors(result, content.rules, content.form.treatment_date.label))
    errors.update(finding_errors(result, reasons_of(document), content.reason_policy))
    errors.update(plan_errors(document, content.form, content.devices))
    return result, errors
