"""The sample handouts of docs/samples/: both PDFs and a PNG of each first page.

Run from the repository:  .venv/bin/python docs/make_samples.py  (needs pdftoppm, poppler-utils)
The content comes from the shipped care texts (resources/care/en/), so rerun this after editing
them or the layout (clinic_app/reports/). No database is used: a made-up clinic and patient,
whose clinical picture (what a completed consultation established) personalises both handouts.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from clinic_app.content import shipped
from clinic_app.domain.care import care_handout, care_loader
from clinic_app.domain.care import care_schedule as cs
from clinic_app.domain.clinical_picture import (
    ANTIVIRAL,
    ClinicalPicture,
    PictureFinding,
    Prescription,
)
from clinic_app.reports.handouts.handouts import Letterhead, render_post_care, render_pre_care

OUT = Path(__file__).resolve().parent / "samples"
PNG_DPI = 96
TREATMENT = dt.date(2026, 12, 15)


def logo() -> bytes:
    """A round "CS" monogram in the handouts' colour, as a clinic's logo might be."""
    size = 240
    image = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((0, 0, size - 1, size - 1), fill=(31, 95, 107, 255))
    with shipped("fonts/DejaVuSans-Bold.ttf").open("rb") as handle:
        font = ImageFont.truetype(io.BytesIO(handle.read()), 96)
    draw.text((size / 2, size / 2), "CS", font=font, fill="white", anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


LETTERHEAD = Letterhead(
    name="Clairmont Skin Clinic",
    phone="+1 (604) 555-0142",
    address="1200 Harbour Street, Suite 4\nVancouver, BC V6B 1A1",
    email="care@clairmont.example",
    logo=logo(),
    paper_size="A4",
)
PERSON = care_handout.Person("Zoë", "Martínez-O'Brien", dt.date(1981, 4, 23))
CLINIC = care_handout.ClinicContact(LETTERHEAD.name, LETTERHEAD.phone)


# Skin type IV, retinoids in use, cold sores with an antiviral prescribed from two days before,
# a moderate treatment planned for the face and neck.
PICTURE = ClinicalPicture(
    patient_id=1,
    consultation_id=1,
    skin_type="IV",
    intensity="moderate",
    plan_areas=("full_face", "neck"),
    findings=tuple(
        PictureFinding(rule_id, "caution", rule_id, "")
        for rule_id in ("retinoids", "hsv_history", "fitzpatrick_iv")
    ),
    prescriptions=(
        Prescription(ANTIVIRAL, "Valaciclovir 500 mg twice daily", dt.date(2026, 12, 13), 7),
    ),
)


def pre_care_pdf() -> bytes:
    """The pre-care handout of the sample patient."""
    content = cs.build_pre_care(
        care_loader.load_pre_care(),
        person=PERSON,
        clinic=CLINIC,
        treatment_date=TREATMENT,
        treatment_time=dt.time(9, 30),
        picture=PICTURE,
        issued_on=dt.date(2026, 11, 21),
    )
    return render_pre_care(LETTERHEAD, content)


def post_care_pdf() -> bytes:
    """The post-care handout of the sample patient's treatment, the next appointment set."""
    content = cs.build_post_care(
        care_loader.load_post_care(),
        person=PERSON,
        clinic=CLINIC,
        treatment_date=TREATMENT,
        intensity="moderate",
        areas=PICTURE.plan_areas,
        picture=PICTURE,
        next_appointment=dt.datetime(2027, 1, 26, 10, 30),
        issued_on=TREATMENT,
    )
    return render_post_care(LETTERHEAD, content)


def first_page_png(pdf: Path, png: Path) -> None:
    """Rasterise page 1 of ``pdf`` into ``png`` at PNG_DPI."""
    with tempfile.TemporaryDirectory() as folder:
        stem = Path(folder) / "page"
        command = ["pdftoppm", "-png", "-r", str(PNG_DPI), "-f", "1", "-l", "1"]
        subprocess.run([*command, "-singlefile", str(pdf), str(stem)], check=True, timeout=120)
        shutil.move(f"{stem}.png", png)


def main() -> int:
    if shutil.which("pdftoppm") is None:
        print("pdftoppm is missing: install poppler-utils", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    for name, pdf in (("pre-care", pre_care_pdf()), ("post-care", post_care_pdf())):
        path = OUT / f"{name}-sample.pdf"
        path.write_bytes(pdf)
        first_page_png(path, OUT / f"{name}-sample-page1.png")
        print(path, OUT / f"{name}-sample-page1.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
