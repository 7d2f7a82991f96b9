"""The shipped consent file: complete, sourced, versioned; particular risks follow the flags."""

from __future__ import annotations

from pathlib import Path

import pytest

from clinic_app.content import loads_toml, read_content, shipped
from clinic_app.domain.consent.consent_document import (
    PARTICULAR,
    ConsentContentError,
    load_document,
    major_of,
    particular_risks,
    render,
)
from clinic_app.domain.consent.consent_record import (
    Signature,
    name_problem,
    signature_problem,
)
from clinic_app.domain.consent.signature_png import render_png

SHIPPED = "consent/en/co2_resurfacing.toml"


def test_the_shipped_consent_names_the_risks_of_the_product_page_each_with_a_source() -> None:
    raw = loads_toml(read_content(shipped(SHIPPED), SHIPPED))
    document = load_document()
    assert major_of(document.version) == 1
    text = " ".join(document.risks).lower()
    for risk in ("hypopigmentation", "infection", "milia", "scarring", "burns", "skin disorder"):
        assert risk in text
    assert all(str(risk["source"]).strip() for risk in raw["risks"])
    assert all(str(item["source"]).strip() for item in raw["particular"])


def test_fitzpatrick_v_and_cold_sores_add_their_risks_and_nothing_else() -> None:
    document = load_document()
    ids = {r.id for r in particular_risks(document, {"skin_type:V", "dark_skin", "hsv_history"})}
    assert ids == {"dark_skin_pigment", "very_dark_skin", "cold_sores"}
    assert particular_risks(document, {"skin_type:II"}) == ()
    text = render(document, {"isotretinoin"}, "deep")
    assert [line for line in text.splitlines() if line.startswith(PARTICULAR)] == [
        PARTICULAR + next(p.text for p in document.particular if p.id == "isotretinoin")
    ]
    assert document.recovery["deep"] in text and document.recovery["light"] not in text


def test_a_clinic_override_replaces_the_shipped_file_and_a_bad_version_is_named(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "overrides" / "consent" / "en"
    folder.mkdir(parents=True)
    original = read_content(shipped(SHIPPED), SHIPPED)
    (folder / "co2_resurfacing.toml").write_text(
        "\ufeff" + original.replace('version = "1.0"', 'version = "2.3"'), encoding="utf-8"
    )
    assert load_document(data_dir=tmp_path).version == "2.3"
    (folder / "co2_resurfacing.toml").write_text(
        original.replace('version = "1.0"', 'version = "2026"'), encoding="utf-8"
    )
    with pytest.raises(ConsentContentError, match=r"major\.minor"):
        load_document(data_dir=tmp_path)


def test_names_and_signatures_are_refused_when_empty_or_a_mark() -> None:
    assert name_problem(".")
    assert name_problem("  ")
    assert name_problem("Maya Ortiz") == ""
    assert signature_problem(Signature(300, 100, ()))
    assert signature_problem(Signature(300, 100, (((1.0, 1.0),),)))
    drawn = Signature(300, 100, (tuple((float(i), float(i)) for i in range(10)),))
    assert signature_problem(drawn) == ""
    assert Signature.from_stored(drawn.to_stored()) == drawn


def test_the_signature_png_is_a_png_of_the_pad_size() -> None:
    png = render_png(Signature(120, 40, (((5.0, 5.0), (100.0, 30.0)),)))
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert int.from_bytes(png[16:20], "big") == 120
    assert int.from_bytes(png[20:24], "big") == 40
