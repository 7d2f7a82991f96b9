"""The handout PDFs, read back: names as typed, dates, phone, pages, fonts, reprints."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from fresh_python import run_python
from pypdf import PdfReader

from clinic_app.domain.care import care_handout, care_loader
from clinic_app.domain.care import care_schedule as cs
from clinic_app.domain.clinical_picture import (
    ANTIVIRAL,
    ClinicalPicture,
    PictureFinding,
    Prescription,
)
from clinic_app.reports.fonts import UnsupportedCharacterError
from clinic_app.reports.handouts.handouts import (
    HandoutRenderError,
    Letterhead,
    render_post_care,
    render_pre_care,
)

T = dt.date(2026, 12, 1)
CREATED = dt.datetime(2026, 11, 10, 14, 5, 9, tzinfo=dt.UTC)  # when the handout was prepared
PHONE = "+1 (555) 014-2290"
LETTERHEAD = Letterhead(
    name="Clairmont Skin & Laser",
    phone=PHONE,
    address="1200 Harbour Street, Suite 4\nVancouver, BC V6B 1A1",
    email="care@clairmont.example",
)
# Markup, an ampersand, quotes, accents and an apostrophe: all must print as typed.
TRICKY = care_handout.Person("Zoë", 'D\'Arcy-<b>Núñez</b> & "Co"', dt.date(1980, 3, 14))
TRICKY_NAME = 'Zoë D\'Arcy-<b>Núñez</b> & "Co"'


def pre_content(person: care_handout.Person = TRICKY, **kwargs) -> care_handout.PreCareContent:
    values = {
        "treatment_date": T,
        "treatment_time": dt.time(9, 30),
        "flags": {"retinoids", "hsv_history", "fitzpatrick_iv"},
        "issued_on": dt.date(2026, 11, 10),
        **kwargs,
    }
    clinic = care_handout.ClinicContact(LETTERHEAD.name, LETTERHEAD.phone)
    return cs.build_pre_care(care_loader.load_pre_care(), person=person, clinic=clinic, **values)


def post_content(person: care_handout.Person = TRICKY, **kwargs) -> care_handout.PostCareContent:
    values = {
        "treatment_date": T,
        "intensity": "moderate",
        "areas": ["full_face", "neck"],
        "next_appointment": dt.datetime(2027, 1, 12, 10, 30),
        "issued_on": T,
        **kwargs,
    }
    clinic = care_handout.ClinicContact(LETTERHEAD.name, LETTERHEAD.phone)
    return cs.build_post_care(care_loader.load_post_care(), person=person, clinic=clinic, **values)


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def flat(text: str) -> str:
    """Text with line breaks and runs of spaces made single spaces (table cells wrap)."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def pre_pdf() -> bytes:
    return render_pre_care(LETTERHEAD, pre_content(), created=CREATED)


@pytest.fixture(scope="module")
def post_pdf() -> bytes:
    return render_post_care(LETTERHEAD, post_content(), created=CREATED)


# ---- what the patient reads ----------------------------------------------------------------


@pytest.mark.parametrize("which", ["pre", "post"])
def test_the_name_prints_literally_on_every_page(which: str, pre_pdf, post_pdf) -> None:
    pages = pages_text(pre_pdf if which == "pre" else post_pdf)
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert f"{TRICKY_NAME}, born 14 Mar 1980" in text, f"page {number}"
        assert f"Page {number} of {len(pages)}" in text
        assert PHONE in text, f"the clinic's phone is missing from page {number}"
    assert "&amp;" not in "".join(pages) and "&lt;" not in "".join(pages)


def test_pre_care_dates_and_page_count(pre_pdf) -> None:
    pages = pages_text(pre_pdf)
    assert len(pages) == 2
    text = flat(" ".join(pages))
    assert "Before your CO2 laser treatment" in text
    assert "Tue 1 Dec 2026 at 09:30" in text
    assert "Tue 17 Nov 2026" in text  # T-14: AHA/BHA, waxing, peels; sun
    assert "Tue 24 Nov 2026" in text  # T-7: antibiotics, retinoids
    assert "By Tue 24 Nov 2026" in text  # T-7: ask about cold sores (nothing prescribed)
    assert "antiviral" not in text.lower()
    assert "agreement of the doctor who prescribed them" in text
    assert "no makeup" in text and "numbing (anaesthetic) cream" in text
    assert "Plan your recovery time" in text
    # The consultation's items come before the general ones.
    assert text.index("Just for you") < text.index("Stop retinoid") < text.index("For everyone")
    assert text.index("For everyone") < text.index("Stop AHA/BHA")
    assert f"Call {LETTERHEAD.name} on {PHONE}" in text


def test_post_care_calendar_dates_and_page_count(post_pdf) -> None:
    pages = pages_text(post_pdf)
    # Letterhead, warning box and "just for you" (full face, neck); the calendar from page 2.
    assert len(pages) == 4
    text = flat(" ".join(pages))
    for day, date in [(0, "Tue 1 Dec 2026"), (1, "Wed 2 Dec 2026"), (7, "Tue 8 Dec 2026")]:
        assert f"Day {day} {date}" in text
    assert "Day 14 Tue 15 Dec 2026" in text
    assert "Full face, neck" in text
    assert "until Tue 12 Jan 2027" in text
    assert "Next appointment Tue 12 Jan 2027 at 10:30" in text
    # The warning box comes first, with the phone, on page 1.
    first = flat(pages[0])
    assert "Call us straight away if you notice" in first
    assert "Fever over 38 °C (100.4 °F)" in first
    assert f"Call {LETTERHEAD.name} on {PHONE}" in first


def test_the_personal_sections_read_back_from_the_pdf() -> None:
    """The PDF itself carries what the clinical picture says: the drug, its dates, the
    stricter sun plan, the areas; none of it for a patient without findings."""
    shown = ClinicalPicture(
        patient_id=1,
        consultation_id=1,
        skin_type="V",
        intensity="deep",
        findings=(PictureFinding("hsv_history", "caution", "HSV", ""),),
        prescriptions=(Prescription(ANTIVIRAL, "Aciclovir 400 mg 3x daily", T, 5),),
    )
    before = flat(" ".join(pages_text(render_pre_care(LETTERHEAD, pre_content(picture=shown)))))
    assert (
        "On Tue 1 Dec 2026 Start your antiviral medicine today: Aciclovir 400 mg 3x daily" in before
    )
    assert "for 5 days, up to and including Sat 5 Dec 2026" in before
    assert "Plan 10 to 14 days" in before
    after_pages = pages_text(
        render_post_care(LETTERHEAD, post_content(picture=shown, intensity="deep"))
    )
    after = flat(" ".join(after_pages))
    assert "Just for you (from your consultation)" in flat(after_pages[0])
    assert "Aciclovir 400 mg 3x daily, until Sat 5 Dec 2026" in after
    assert "Day 4 Sat 5 Dec 2026" in after and "Last day of your antiviral medicine" in after
    assert "Mineral SPF 50, a hat and shade until Tue 23 Feb 2027" in after  # 12 weeks
    assert "Full face, neck" in after
    plain = flat(" ".join(pages_text(render_post_care(LETTERHEAD, post_content(areas=[])))))
    assert "Just for you" not in plain and "antiviral" not in plain.lower()


def test_pre_care_made_three_days_before_prints_no_do_it_now() -> None:
    """Prepared at T-3: the T-14 and T-7 steps print under "Should already be done" with
    their dates, nothing says "do it now", and a drug answered "No" has no stop line."""
    shown = ClinicalPicture(
        patient_id=1, consultation_id=1, answers={"retinoids": False, "antibiotics": False}
    )
    content = pre_content(picture=shown, flags=set(), issued_on=dt.date(2026, 11, 28))
    text = flat(" ".join(pages_text(render_pre_care(LETTERHEAD, content))))
    assert "do it now" not in text and "has passed" not in text
    assert "Should already be done" in text
    done = text[text.index("Should already be done") :]
    assert "By Tue 17 Nov 2026 Stop AHA/BHA products" in done
    assert "Retinoid" not in text and "antibiotics" not in text
    assert "By Sat 28 Nov 2026 Have ready at home" in text  # today's step is still to do


def test_the_template_version_is_in_the_footer(pre_pdf, post_pdf) -> None:
    for pdf, content in ((pre_pdf, pre_content()), (post_pdf, post_content())):
        for text in pages_text(pdf):
            assert f"version {content.template_version}" in text


def test_body_text_is_at_least_11_points(post_pdf) -> None:
    furniture = {"Page", "Post-care instructions", TRICKY_NAME, LETTERHEAD.name, PHONE}
    small: list[tuple[float, str]] = []

    def visit(text, cm, tm, font_dict, font_size) -> None:
        size = font_size * (tm[0] ** 2 + tm[1] ** 2) ** 0.5
        if text.strip() and size < 11 - 1e-6:
            small.append((size, text.strip()))

    for page in PdfReader(io.BytesIO(post_pdf)).pages:
        page.extract_text(visitor_text=visit)
    assert small, "the footer (9 pt) was expected"
    for size, text in small:
        assert size >= 8 and any(text.startswith(f) for f in furniture), (size, text)


# ---- the file ------------------------------------------------------------------------------


def test_fonts_are_embedded(pre_pdf) -> None:
    reader = PdfReader(io.BytesIO(pre_pdf))
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert "DejaVuSans" in font["/BaseFont"]
            assert "/FontFile2" in font["/FontDescriptor"].get_object()


@pytest.mark.parametrize(("paper", "size"), [("A4", (595, 842)), ("Letter", (612, 792))])
def test_paper_size_comes_from_the_clinic(paper: str, size: tuple[int, int]) -> None:
    letterhead = dataclasses.replace(LETTERHEAD, paper_size=paper)
    reader = PdfReader(io.BytesIO(render_post_care(letterhead, post_content())))
    for page in reader.pages:
        assert (round(page.mediabox.width), round(page.mediabox.height)) == size


def test_an_unknown_paper_size_is_refused() -> None:
    with pytest.raises(HandoutRenderError, match="A4, Letter"):
        render_pre_care(dataclasses.replace(LETTERHEAD, paper_size="A5"), pre_content())


def test_identical_input_gives_identical_bytes(pre_pdf, post_pdf) -> None:
    assert render_pre_care(LETTERHEAD, pre_content(), created=CREATED) == pre_pdf
    again = render_post_care(LETTERHEAD, post_content(), created=CREATED)
    assert hashlib.sha256(again).hexdigest() == hashlib.sha256(post_pdf).hexdigest()
    other = render_post_care(LETTERHEAD, post_content(intensity="deep"), created=CREATED)
    assert other != post_pdf


def test_identical_bytes_in_a_fresh_process(post_pdf, tmp_path: Path) -> None:
    """No time stamp, random id or process state leaks into the file."""
    script = (
        "import sys, hashlib\n"
        f"sys.path[:0] = [{str(Path(__file__).parent)!r}, {str(Path(__file__).parents[1])!r}]\n"
        "import test_handouts_pdf as t\n"
        "pdf = t.render_post_care(t.LETTERHEAD, t.post_content(), created=t.CREATED)\n"
        "print(hashlib.sha256(pdf).hexdigest())\n"
    )
    assert run_python(script, tmp_path).strip() == hashlib.sha256(post_pdf).hexdigest()


def test_the_pdf_is_dated_when_it_was_prepared(pre_pdf) -> None:
    """Issue 19: the metadata said 2000-01-01 (ReportLab's invariant mode)."""
    info = PdfReader(io.BytesIO(pre_pdf)).metadata
    assert info is not None
    assert info["/CreationDate"] == info["/ModDate"] == "D:20261110140509+00'00'"
    today = render_post_care(LETTERHEAD, post_content())  # no instant given: now
    created = PdfReader(io.BytesIO(today)).metadata.creation_date
    assert created is not None and created.date() == dt.datetime.now(dt.UTC).date()


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) missing")
@pytest.mark.parametrize("which", ["pre", "post"])
def test_a_rasterised_page_is_not_blank(which: str, pre_pdf, post_pdf, tmp_path: Path) -> None:
    pdf = tmp_path / "handout.pdf"
    pdf.write_bytes(pre_pdf if which == "pre" else post_pdf)
    subprocess.run(
        ["pdftoppm", "-f", "1", "-l", "1", "-r", "40", "-gray", str(pdf), str(tmp_path / "p")],
        check=True,
        timeout=60,
    )
    (image,) = tmp_path.glob("p*.pgm")
    header, width, height, maxval, pixels = image.read_bytes().split(maxsplit=4)
    assert header == b"P5" and int(maxval) == 255
    assert len(pixels) == int(width) * int(height)
    dark = sum(1 for value in pixels if value < 128)
    assert dark > 0.02 * len(pixels), f"only {dark} dark pixels: the page looks blank"


# ---- letterhead ----------------------------------------------------------------------------


def _png(width: int, height: int) -> bytes:
    from PIL import Image  # Pillow comes with ReportLab

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (31, 95, 107)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_the_logo_is_drawn_on_the_first_page() -> None:
    letterhead = dataclasses.replace(LETTERHEAD, logo=_png(300, 100))
    pdf = render_pre_care(letterhead, pre_content(), created=CREATED)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages[0].images) == 1
    assert len(reader.pages[1].images) == 0
    assert pdf == render_pre_care(letterhead, pre_content(), created=CREATED)


def test_a_damaged_logo_gives_a_clear_message() -> None:
    letterhead = dataclasses.replace(LETTERHEAD, logo=b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    with pytest.raises(HandoutRenderError, match="logo cannot be read"):
        render_post_care(letterhead, post_content())


def test_no_logo_no_address_is_fine() -> None:
    letterhead = Letterhead(name="Skin Studio", phone="020 7946 0000")
    text = flat(" ".join(pages_text(render_pre_care(letterhead, pre_content()))))
    assert "Skin Studio" in text and "020 7946 0000" in text


# ---- characters the font cannot draw -------------------------------------------------------


def test_a_character_the_font_lacks_is_named_with_its_field() -> None:
    person = care_handout.Person("Mei", "Li 漢", dt.date(1990, 1, 2))
    with pytest.raises(UnsupportedCharacterError) as caught:
        render_pre_care(LETTERHEAD, pre_content(person))
    error = caught.value
    assert (error.character, error.field) == ("漢", "patient's last name")
    assert "'漢' (U+6F22" in str(error) and "patient's last name" in str(error)


def test_the_clinic_address_is_checked_too() -> None:
    letterhead = dataclasses.replace(LETTERHEAD, address="Dental & skin \U0001f9b7\nUnit 5")
    with pytest.raises(UnsupportedCharacterError, match=r"clinic's address.*U\+1F9B7 TOOTH"):
        render_post_care(letterhead, post_content())


def test_wide_coverage_names_print() -> None:
    person = care_handout.Person("Łucja Ørsted-Šimić", "Ἀλέξανδρος Дмитриевич", dt.date(1975, 5, 5))
    text = flat(" ".join(pages_text(render_post_care(LETTERHEAD, post_content(person)))))
    assert "Łucja Ørsted-Šimić Ἀλέξανδρος Дмитриевич" in text


@pytest.mark.parametrize("which", ["pre", "post"])
def test_the_fast_paragraphs_print_what_plain_reportlab_prints(which, monkeypatch) -> None:
    """LaidOutParagraph skips the markup parser for plain text and lays out once per width;
    the document must be byte-for-byte what ReportLab's own Paragraph gives."""
    from reportlab.platypus import Paragraph

    from clinic_app.reports.handouts import (
        content_builders,
        handouts,
        page_templates,
        post_care_builders,
        pre_care_builders,
    )

    content = pre_content() if which == "pre" else post_content()
    fast = handouts.render_handout(LETTERHEAD, content, created=CREATED)
    for module in (content_builders, page_templates, pre_care_builders, post_care_builders):
        monkeypatch.setattr(module, "LaidOutParagraph", Paragraph)
    plain = handouts.render_handout(LETTERHEAD, content, created=CREATED)
    assert fast == plain


# ---- right-to-left scripts and emoji (issue 20) --------------------------------------------


@pytest.mark.parametrize(
    ("first", "last", "field", "character"),
    [
        ("Dana", "כהן", "patient's last name", "כ"),  # Hebrew: DejaVu draws it, reversed
        ("محمد", "Ali", "patient's first name", "م"),  # Arabic
        ("Ana", "ܐܒ", "patient's last name", "ܐ"),  # Syriac
        ("Ana", "Li\u200fx", "patient's last name", "\u200f"),  # RIGHT-TO-LEFT MARK
    ],
)
def test_right_to_left_text_is_refused_with_its_field(first, last, field, character) -> None:
    person = care_handout.Person(first, last, dt.date(1990, 1, 2))
    with pytest.raises(UnsupportedCharacterError) as caught:
        render_post_care(LETTERHEAD, post_content(person))
    error = caught.value
    assert (error.field, error.character) == (field, character)
    assert "right to left" in str(error) and field in str(error)


def test_right_to_left_clinic_details_are_refused_with_their_field() -> None:
    letterhead = dataclasses.replace(LETTERHEAD, name="מרפאת העור")
    with pytest.raises(UnsupportedCharacterError, match=r"clinic's name.*right to left"):
        render_pre_care(letterhead, pre_content())


@pytest.mark.parametrize(
    "text",
    [
        "Ana \U0001f600",  # outside the BMP: ReportLab writes a broken text layer for it
        "Ana \u2764\ufe0f",  # a heart DejaVu draws, made an emoji by VARIATION SELECTOR-16
        "Ana \u263a\ufe0e",  # text-style variation selector
        "Ana \u200d",  # ZERO WIDTH JOINER (emoji sequences)
        "Ana 1\u20e3",  # COMBINING ENCLOSING KEYCAP
    ],
)
def test_emoji_are_refused_with_their_field(text: str) -> None:
    person = care_handout.Person(text, "Smith", dt.date(1990, 1, 2))
    with pytest.raises(UnsupportedCharacterError) as caught:
        render_post_care(LETTERHEAD, post_content(person))
    assert caught.value.field == "patient's first name"
    assert "patient's first name" in str(caught.value)


@pytest.mark.parametrize("field", ["name", "phone", "address", "email"])
def test_emoji_in_every_clinic_detail_are_refused(field: str) -> None:
    letterhead = dataclasses.replace(LETTERHEAD, **{field: "Clinic \U0001f600"})
    names = {"name": "name", "phone": "phone number", "address": "address", "email": "email"}
    with pytest.raises(UnsupportedCharacterError, match=rf"clinic's {names[field]}"):
        render_pre_care(letterhead, pre_content())


def test_the_symbols_dejavu_draws_still_print() -> None:
    person = care_handout.Person("Ana \u2764 \u263a", "Smith \u2713", dt.date(1990, 1, 2))
    text = flat(" ".join(pages_text(render_post_care(LETTERHEAD, post_content(person)))))
    assert "Ana \u2764 \u263a Smith \u2713" in text


# ---- long names: the header and footer shrink, then shorten, never overprint (issue 20) ----

LONG_PERSON = care_handout.Person(
    ("Maximiliana-Theodora " * 5)[:100], ("Wolfeschlegelsteinhausenbergerdorff-" * 3)[:100],
    dt.date(1990, 1, 2),
)  # fmt: skip
LONG_CLINIC = dataclasses.replace(
    LETTERHEAD,
    name="The Greater Metropolitan Vancouver Advanced Dermatology, Aesthetic Skin Rejuvenation "
    "& Laser Resurfacing Clinic of British Columbia",
    phone="+1 (555) 014-2290 ext. 1234",
)


def _furniture_drawn(monkeypatch, render) -> list[tuple[int, float, float, float, str]]:
    """(page, y, left, right, text) of every string the header and footer draw."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from clinic_app.reports.handouts.page_templates import _HandoutCanvas

    drawn: list[tuple[int, float, float, float, str]] = []
    original = _HandoutCanvas._draw_furniture

    def furniture(self, number: int, total: int) -> None:
        def record(x: float, y: float, text: str, *, right: bool) -> None:
            width = stringWidth(text, self._fontname, self._fontsize)
            left = x - width if right else x
            drawn.append((number, y, left, left + width, text))

        self.drawString = lambda x, y, text, *a, **k: (
            record(x, y, text, right=False),
            type(self).drawString(self, x, y, text, *a, **k),
        )
        self.drawRightString = lambda x, y, text, *a, **k: (
            record(x, y, text, right=True),
            type(self).drawRightString(self, x, y, text, *a, **k),
        )
        original(self, number, total)

    monkeypatch.setattr(_HandoutCanvas, "_draw_furniture", furniture)
    render()
    return drawn


@pytest.mark.parametrize("which", ["pre", "post"])
def test_long_names_never_overprint_the_header_or_footer(which: str, monkeypatch) -> None:
    from clinic_app.reports import styles as look

    content = pre_content(LONG_PERSON) if which == "pre" else post_content(LONG_PERSON)
    pdf: list[bytes] = []
    render = render_pre_care if which == "pre" else render_post_care
    drawn = _furniture_drawn(
        monkeypatch, lambda: pdf.append(render(LONG_CLINIC, content, created=CREATED))
    )
    page_width = look.PAGE_SIZES["A4"][0]
    pages = {page for page, *_ in drawn}
    assert len(pages) >= 2
    for page, y, left, right, text in drawn:
        assert left >= look.MARGIN_X - 0.01 and right <= page_width - look.MARGIN_X + 0.01, text
        for other in drawn:
            if other[:2] == (page, y) and other[4] != text:
                assert right <= other[2] or other[3] <= left, f"{text!r} overprints {other[4]!r}"
    # What the patient and the clinic read back: shortened in the middle, the birth date, the
    # page label and the phone whole.
    for number, text in enumerate(pages_text(pdf[0]), start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert "…, born 2 Jan 1990" in text or ("…" in text and "born 2 Jan 1990" in text)
        if number > 1:
            assert LONG_CLINIC.phone in text and "…" in text


def test_a_long_name_prints_whole_on_the_first_page() -> None:
    text = flat(pages_text(render_post_care(LONG_CLINIC, post_content(LONG_PERSON)))[0])
    assert "Maximiliana-Theodora Maximiliana-Theodora" in text
    assert LONG_CLINIC.name.split()[-1] in text and LONG_CLINIC.phone in text
