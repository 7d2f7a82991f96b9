"""The language a post-care handout is printed in: one decision for all of its parts.

The post-care handout has three parts written in the patient's language: the care text
(``resources/care/<lang>/``), the follow-up contacts (``resources/followups/<lang>/``) and the
face chart's words (``resources/face_chart/<lang>/``). The handout is in the patient's language
only when every part is complete in it; if one part lacks something, the WHOLE handout is in
English (never a Spanish page with an English table), and the notice names what is missing
(docs/language.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from clinic_app.domain import face_chart
from clinic_app.domain.care import care_loader
from clinic_app.domain.care.care_templates import PostCareTemplate
from clinic_app.domain.face_chart import FaceChartError, FaceChartTexts, load_face_chart_texts
from clinic_app.domain.followups import followup_schedule
from clinic_app.domain.followups.followup_schedule import (
    FollowUpFileError,
    FollowUpSchedule,
    load_schedule,
)
from clinic_app.domain.translations import ENGLISH, LanguageUse, fallback, summary


@dataclass(frozen=True)
class PostCareTexts:
    """Every text a post-care handout prints, all in ``language.used``."""

    template: PostCareTemplate
    schedule: FollowUpSchedule
    face_chart: FaceChartTexts
    language: LanguageUse


def _parts_problems(wanted: str, data_dir: Path | None) -> list[str]:
    """What the follow-ups and the face chart's words in ``wanted`` lack of English."""
    return followup_schedule.translation_problems(
        wanted, data_dir
    ) + face_chart.translation_problems(wanted, data_dir)


def post_care_texts(wanted: str, data_dir: Path | None = None) -> PostCareTexts:
    """The post-care handout's texts in ``wanted`` when all its parts are complete in it, else
    all in English, with the reason (the first part found lacking)."""
    template, use = care_loader.load_post_care_in(wanted, data_dir)
    if not use.fell_back and wanted != ENGLISH:
        try:
            problems = _parts_problems(wanted, data_dir)
            if not problems:
                return PostCareTexts(
                    template,
                    load_schedule(data_dir, wanted),
                    load_face_chart_texts(data_dir, wanted),
                    use,
                )
            use = fallback(wanted, summary(problems))
        except (FollowUpFileError, FaceChartError) as exc:  # no file, or one not right
            use = fallback(wanted, str(exc).rstrip("."))
        template = care_loader.load_post_care(data_dir)
    return PostCareTexts(template, load_schedule(data_dir), load_face_chart_texts(data_dir), use)
