"""The handout fonts: the oblique faces are read only when text is set in them, and what every
face can draw is still the intersection of all four faces."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate

from clinic_app.content import shipped
from clinic_app.reports import fonts
from clinic_app.reports.styles import make_styles


def test_only_the_upright_faces_are_read_when_the_fonts_are_registered(tmp_path: Path) -> None:
    # A fresh interpreter: another test may already have set text in an oblique face. Run from
    # a folder of its own: the checkout's clinic_app must not shadow the installed one (in CI
    # the package is installed, not edited in place, and its resources are in the wheel).
    script = (
        "from reportlab.pdfbase import pdfmetrics\n"
        "from clinic_app.reports import fonts\n"
        "fonts.register_fonts()\n"
        "print(sorted(n for n in pdfmetrics.getRegisteredFontNames() if n.startswith('Handout')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert done.stdout.split() == ["['HandoutSans',", "'HandoutSans-Bold']"]


def test_every_face_can_draw_what_the_check_lets_through() -> None:
    every = None
    for relative in (
        "DejaVuSans",
        "DejaVuSans-Bold",
        "DejaVuSans-Oblique",
        "DejaVuSans-BoldOblique",
    ):
        data = shipped(f"fonts/{relative}.ttf").read_bytes()
        cmap = set(TTFont(relative, io.BytesIO(data)).face.charToGlyph)
        every = cmap if every is None else every & cmap
    assert fonts.register_fonts() == frozenset(every or ())


def test_italics_are_set_in_the_oblique_face_read_on_demand() -> None:
    fonts.register_fonts()
    body = make_styles().body
    out = io.BytesIO()
    SimpleDocTemplate(out).build([Paragraph("upright <i>slanted</i> <b><i>both</i></b>", body)])
    reader = PdfReader(io.BytesIO(out.getvalue()))
    page = reader.pages[0]
    used: Any = page["/Resources"]
    names = {str(font.get_object()["/BaseFont"]) for font in used["/Font"].values()}
    assert any(name.endswith("DejaVuSans-Oblique") for name in names), names
    assert any(name.endswith("DejaVuSans-BoldOblique") for name in names), names
    assert "slanted" in page.extract_text()
