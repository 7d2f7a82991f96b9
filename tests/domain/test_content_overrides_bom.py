"""A clinic's own content file saved by Windows Notepad starts with a UTF-8 byte-order mark: every
kind of content reads it (clinic_app.content.loads_toml), and a broken one is refused with the
one content error base class, naming the clinic's file (issue 18)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest

from clinic_app.content import BOM, ContentError, override_dir, shipped
from clinic_app.domain.care import care_loader
from clinic_app.domain.consultation import consultation_form, pricing
from clinic_app.domain.consultation.prescription_options import load_antiviral_options
from clinic_app.domain.gates import load_texts
from clinic_app.domain.screening import drug_classes, screening_rules
from clinic_app.domain.sessions import devices, session_content

# kind: (the shipped file a clinic replaces, the loader that reads it)
KINDS: dict[str, tuple[str, Callable[[Path], object]]] = {
    "rules": ("rules/skin.toml", screening_rules.load_rules),
    "drug classes": ("screening/drug_classes.toml", drug_classes.load_drug_list),
    "gates": ("clinical/gates.toml", load_texts),
    "devices": ("devices/generic-fractional-co2.toml", devices.load_profiles),
    "sessions": ("sessions/sessions.toml", session_content.load_session_content),
    "care (common)": ("care/en/common.toml", care_loader.load_common),
    "care (pre-care)": ("care/en/pre_care.toml", care_loader.load_pre_care),
    "care (post-care)": ("care/en/post_care.toml", care_loader.load_post_care),
    "pricing": ("pricing/price_list.toml", pricing.load_price_list),
    "prescriptions": ("consultation/prescriptions.toml", load_antiviral_options),
    "consultation form": ("consultation/form.toml", consultation_form.load_form),
}


def _override(data_dir: Path, relative: str, text: str) -> Path:
    folder, name = relative.rsplit("/", 1)
    path = override_dir(data_dir, folder) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


def _content(loaded: object) -> object:
    """What was read, without where from (``origin`` names the clinic's file)."""
    if dataclasses.is_dataclass(loaded) and not isinstance(loaded, type):
        return {k: v for k, v in vars(loaded).items() if k != "origin"}
    return loaded


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_an_override_with_a_bom_loads_for_every_kind(tmp_path: Path, kind: str) -> None:
    relative, load = KINDS[kind]
    shipped_text = shipped(relative).read_text(encoding="utf-8")
    path = _override(tmp_path, relative, BOM + shipped_text)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    loaded = load(tmp_path)  # a BOM refused raises here
    assert str(path) in repr(loaded) or _content(loaded) == _content(load(None))

    # The loader really reads that file: broken, it is refused by name with a ContentError.
    _override(tmp_path, relative, BOM + "this is = = not TOML\n")
    with pytest.raises(ContentError) as refused:
        load(tmp_path)
    assert path.name in str(refused.value)
