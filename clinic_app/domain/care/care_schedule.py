"""Care schedules: one patient's dated, personalised pre-care and post-care content.

The checked templates (:mod:`clinic_app.domain.care.care_loader`) say what a handout may say;
:mod:`~clinic_app.domain.care.care_pre_schedule` and
:mod:`~clinic_app.domain.care.care_post_schedule` compute what it says for one patient, from
their clinical picture (:mod:`~clinic_app.domain.care.care_personal`). This module is the one
name callers use for all of it. Standard library only.
"""

from __future__ import annotations

from clinic_app.domain.care.care_personal import flags_from_answers
from clinic_app.domain.care.care_post_schedule import (
    area_label,
    build_post_care,
    sun_protection_weeks,
)
from clinic_app.domain.care.care_pre_schedule import build_pre_care, pre_care_date_problem

__all__ = [
    "area_label",
    "build_post_care",
    "build_pre_care",
    "flags_from_answers",
    "pre_care_date_problem",
    "sun_protection_weeks",
]
