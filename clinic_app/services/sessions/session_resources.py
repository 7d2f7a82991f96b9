"""The data a session is checked against: device profiles, screening rules, session content."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from clinic_app.domain.care.care_loader import load_post_care
from clinic_app.domain.care.care_templates import PostCareTemplate
from clinic_app.domain.consent.consent_document import ConsentDocument, load_document, load_in
from clinic_app.domain.face_chart import FaceChart, FaceChartTexts, load_face_chart_texts
from clinic_app.domain.followups.followup_schedule import FollowUpSchedule, load_schedule
from clinic_app.domain.gates import GateTexts, load_texts
from clinic_app.domain.patient_rules import LANGUAGES
from clinic_app.domain.reasons import DEFAULT_RULES, ReasonPolicy, load_policy
from clinic_app.domain.screening.screening import RuleSet, load_rules
from clinic_app.domain.sessions.device_profile import DeviceProfile
from clinic_app.domain.sessions.devices import load_profiles
from clinic_app.domain.sessions.face_chart import load_face_chart
from clinic_app.domain.sessions.session_content import SessionContent, load_session_content
from clinic_app.domain.translations import ENGLISH, LanguageUse, fallback


@dataclass(frozen=True)
class SessionResources:
    """Loaded once per editor (or command) and passed to the session services."""

    profiles: Mapping[str, DeviceProfile]
    rules: RuleSet
    content: SessionContent
    # What a reason must say to pass a caution or a danger (resources/clinical/gates.toml).
    reasons: ReasonPolicy = field(default_factory=lambda: ReasonPolicy(dict(DEFAULT_RULES)))
    # What the safety gates say when they stop a session (the same file).
    gate_texts: GateTexts = field(default_factory=load_texts)
    # The informed consent a first session needs (resources/consent/en/co2_resurfacing.toml).
    consent: ConsentDocument = field(default_factory=load_document)
    # The face chart's drawing and words (resources/face_chart/, docs/face-chart.md).
    face_chart: FaceChart = field(default_factory=load_face_chart)
    face_chart_texts: FaceChartTexts = field(default_factory=load_face_chart_texts)
    # The contacts planned when a session is signed (resources/followups/en/schedule.toml), and
    # the post-care file whose sun protection they end with (resources/care/en/post_care.toml).
    followups: FollowUpSchedule = field(default_factory=load_schedule)
    post_care: PostCareTemplate = field(default_factory=load_post_care)
    # The consent in each other language a patient may read (English whole where a
    # translation is incomplete, with why): consent_for(language).
    consent_translations: Mapping[str, tuple[ConsentDocument, LanguageUse]] = field(
        default_factory=dict
    )

    def profile(self, profile_id: str) -> DeviceProfile | None:
        return self.profiles.get(profile_id)

    def consent_for(self, language: str) -> tuple[ConsentDocument, LanguageUse]:
        """The consent a patient reading ``language`` signs, and the language it is in."""
        if language == ENGLISH:
            return self.consent, LanguageUse(language, ENGLISH)
        found = self.consent_translations.get(language)
        if found is not None:
            return found
        return self.consent, fallback(language, "no consent text is loaded for that language")


def load_resources(data_dir: Path | None = None) -> SessionResources:
    """The shipped files overlaid by the clinic's overrides in ``data_dir``."""
    return SessionResources(
        profiles=load_profiles(data_dir),
        rules=load_rules(data_dir),
        content=load_session_content(data_dir),
        reasons=load_policy(data_dir),
        gate_texts=load_texts(data_dir),
        consent=load_document(data_dir=data_dir),
        face_chart=load_face_chart(data_dir),
        face_chart_texts=load_face_chart_texts(data_dir),
        followups=load_schedule(data_dir),
        post_care=load_post_care(data_dir),
        consent_translations={
            language: load_in(language, data_dir=data_dir)
            for language in LANGUAGES
            if language != ENGLISH
        },
    )
