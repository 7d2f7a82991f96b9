"""The Spanish handout pages of docs/language.md: docs/screens/handout-es.png (pre-care) and
docs/screens/handout-es-followups.png (the post-care page with "Sus contactos de seguimiento").

Run from the repository:  .venv/bin/python docs/make_language_screens.py  (needs pdftoppm)
The pre-care handout of docs/make_samples.py's clinic, for a patient who reads Spanish, from
the shipped Spanish texts (resources/care/es/, resources/followups/es/, resources/face_chart/es/);
no database is used (the session is an unsaved record).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_samples import CLINIC, LETTERHEAD, PICTURE, TREATMENT, first_page_png
from pypdf import PdfReader

from clinic_app.domain.care import care_handout, care_loader
from clinic_app.domain.care import care_schedule as cs
from clinic_app.domain.clinical_picture import ANTIVIRAL, Prescription
from clinic_app.domain.followups.followup_schedule import schedule_for
from clinic_app.models import SessionArea, TreatmentSession
from clinic_app.reports.handouts.handouts import render_post_care, render_pre_care
from clinic_app.services.followups import followups
from clinic_app.services.handouts import handout_face_chart
from clinic_app.services.handouts.handout_language import post_care_texts

OUT = Path(__file__).resolve().parent / "screens" / "handout-es.png"
FOLLOWUPS_OUT = OUT.with_name("handout-es-followups.png")
PERSON = care_handout.Person("Lucía", "Pérez Gallardo", dt.date(1981, 4, 23))
# As a practitioner would type the prescription for a patient who reads Spanish.
PRESCRIPTION = Prescription(
    ANTIVIRAL, "Valaciclovir 500 mg dos veces al día", dt.date(2026, 12, 13), 7
)


def post_care_pdf() -> bytes:
    """A deep session of four areas, the first of three every four weeks, for Lucía."""
    texts = post_care_texts("es")
    if texts.language.fell_back:
        raise SystemExit(texts.language.notice("post-care handout"))
    areas = ["periorbital", "cheeks", "perioral", "neck"]
    content = cs.build_post_care(
        texts.template,
        person=PERSON,
        clinic=CLINIC,
        treatment_date=TREATMENT,
        intensity="deep",
        areas=areas,
        picture=PICTURE,
        next_appointment=None,
        issued_on=TREATMENT,
    )
    treatment = TreatmentSession(device_profile_id="generic-fractional-co2", intensity="deep")
    treatment.areas = [SessionArea(area=a, position=i) for i, a in enumerate(areas)]
    chart = handout_face_chart.treated_areas(texts.template, treatment, texts.face_chart)
    dated = schedule_for(
        texts.schedule,
        treatment_date=TREATMENT,
        intensity="deep",
        sun_protection_weeks=(content.sun_protection_until - TREATMENT).days // 7,
        session_number=1,
        sessions_planned=3,
        interval_weeks=4,
    )
    block = followups.handout_block(
        [(c.due_on, c.kind) for c in dated],
        texts.schedule,
        clinic_name=CLINIC.name,
        clinic_phone=CLINIC.phone,
    )
    content = dataclasses.replace(content, face_chart=chart, followups=block)
    return render_post_care(LETTERHEAD, content)


def page_png(pdf: Path, page: int, png: Path) -> None:
    """Rasterise one page of ``pdf`` into ``png``."""
    with tempfile.TemporaryDirectory() as folder:
        stem = Path(folder) / "page"
        command = ["pdftoppm", "-png", "-r", "96", "-f", str(page), "-l", str(page)]
        subprocess.run([*command, "-singlefile", str(pdf), str(stem)], check=True, timeout=120)
        shutil.move(f"{stem}.png", png)


def main() -> int:
    if shutil.which("pdftoppm") is None:
        print("pdftoppm is missing: install poppler-utils", file=sys.stderr)
        return 1
    template, use = care_loader.load_pre_care_in("es")
    if use.fell_back:
        print(use.notice("pre-care handout"), file=sys.stderr)
        return 1
    content = cs.build_pre_care(
        template,
        person=PERSON,
        clinic=CLINIC,
        treatment_date=TREATMENT,
        treatment_time=dt.time(9, 30),
        picture=dataclasses.replace(PICTURE, prescriptions=(PRESCRIPTION,)),
        issued_on=dt.date(2026, 11, 21),
    )
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "pre-care-es.pdf"
        pdf.write_bytes(render_pre_care(LETTERHEAD, content))
        OUT.parent.mkdir(parents=True, exist_ok=True)
        first_page_png(pdf, OUT)
        post = Path(folder) / "post-care-es.pdf"
        post.write_bytes(post_care_pdf())
        pages = PdfReader(post).pages
        page = next(n for n, p in enumerate(pages, 1) if "contactos de" in p.extract_text())
        page_png(post, page, FOLLOWUPS_OUT)
    print(OUT)
    print(FOLLOWUPS_OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
