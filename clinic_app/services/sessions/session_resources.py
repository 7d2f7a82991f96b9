"""The data a session is checked against: device profiles, screening rules, session content."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from clinic_app.domain.screening.screening import RuleSet, load_rules
from clinic_app.domain.sessions.device_profile import DeviceProfile
from clinic_app.domain.sessions.devices import load_profiles
from clinic_app.domain.sessions.session_content import SessionContent, load_session_content


@dataclass(frozen=True)
class SessionResources:
    """Loaded once per editor (or command) and passed to the session services."""

    profiles: Mapping[str, DeviceProfile]
    rules: RuleSet
    content: SessionContent

    def profile(self, profile_id: str) -> DeviceProfile | None:
        return self.profiles.get(profile_id)


def load_resources(data_dir: Path | None = None) -> SessionResources:
    """The shipped files overlaid by the clinic's overrides in ``data_dir``."""
    return SessionResources(
        profiles=load_profiles(data_dir),
        rules=load_rules(data_dir),
        content=load_session_content(data_dir),
    )
