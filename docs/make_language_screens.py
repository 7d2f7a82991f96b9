"""The Spanish handout page of docs/language.md: docs/screens/handout-es.png.

Run from the repository:  .venv/bin/python docs/make_language_screens.py  (needs pdftoppm)
The pre-care handout of docs/make_samples.py's clinic, for a patient who reads Spanish, from
the shipped Spanish care texts (resources/care/es/); no database is used.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_samples import CLINIC, LETTERHEAD, PICTURE, TREATMENT, first_page_png

from clinic_app.domain.care import care_handout, care_loader
from clinic_app.domain.care import care_schedule as cs
from clinic_app.domain.clinical_picture import ANTIVIRAL, Prescription
from clinic_app.reports.handouts.handouts import render_pre_care

OUT = Path(__file__).resolve().parent / "screens" / "handout-es.png"
PERSON = care_handout.Person("Lucía", "Pérez Gallardo", dt.date(1981, 4, 23))
# As a practitioner would type the prescription for a patient who reads Spanish.
PRESCRIPTION = Prescription(
    ANTIVIRAL, "Valaciclovir 500 mg dos veces al día", dt.date(2026, 12, 13), 7
)


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
    print(OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
