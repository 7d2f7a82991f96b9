"""The face chart a post-care handout prints for a recorded session: "Areas treated today".

The session's areas, named as the post-care content names them ("around the eyes"), shaded by
the session's intensity, else by each area's energy within the device's range
(clinic_app.domain.sessions.face_chart, docs/face-chart.md). No chart when the session
recorded no area the chart draws.
"""

from __future__ import annotations

from pathlib import Path

from clinic_app.domain.care.care_post_schedule import area_label
from clinic_app.domain.care.care_templates import PostCareTemplate
from clinic_app.domain.face_chart import TreatedAreas, load_face_chart_texts
from clinic_app.domain.sessions.devices import load_profiles
from clinic_app.domain.sessions.face_chart import ENERGY_PARAMETERS, area_shades, load_face_chart
from clinic_app.models import TreatmentSession


def treated_areas(
    template: PostCareTemplate, treatment: TreatmentSession, data_dir: Path | None = None
) -> TreatedAreas | None:
    """The chart of ``treatment``'s areas, or None when it has none the chart draws."""
    chart = load_face_chart(data_dir)
    texts = load_face_chart_texts(data_dir)
    profile = load_profiles(data_dir).get(treatment.device_profile_id)
    rows = [
        (area.area, {name: getattr(area, name) for name in ENERGY_PARAMETERS})
        for area in treatment.areas
    ]
    shades = area_shades(treatment.intensity or "", rows, profile)
    areas = []
    for area in chart.areas:  # in the chart's order, head to hands
        if area in shades:
            name = area_label(template, area)
            areas.append((area, name[:1].upper() + name[1:], shades[area]))
    if not areas:
        return None
    captions = tuple((view, texts.views.get(view, "")) for view in chart.captions)
    return TreatedAreas(texts.handout_heading, chart, tuple(areas), captions)
