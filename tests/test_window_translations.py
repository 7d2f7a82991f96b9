"""The window's translations: every text of the code is in the .ts and translated, each
translation keeps its placeholders, and the shipped .qm is what pyside6-lrelease makes of the .ts
(docs/language.md; `python -m clinic_app.ui.i18n_build` updates both)."""

from __future__ import annotations

import shutil
import string
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from clinic_app.ui import i18n_build

LANGUAGES = i18n_build.LANGUAGES
needs_source = pytest.mark.skipif(
    not i18n_build.ts_file("es").exists(), reason="needs the source tree (the .ts files)"
)


def _messages(ts: Path) -> list[tuple[str, str, str]]:
    """(context, source, translation) of every message; a message with %n once per plural
    form."""
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            texts = [""] if translation is None else i18n_build.translation_texts(translation)
            for text in texts:
                found.append((context.findtext("name", ""), message.findtext("source", ""), text))
    return found


def _fields(text: str) -> list[str]:
    return sorted(f"{name}:{spec}" for _, name, spec, _ in string.Formatter().parse(text) if name)


@needs_source
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_has_a_finished_translation(language: str) -> None:
    missing = i18n_build.untranslated(i18n_build.ts_file(language))
    assert missing == [], f"translate these in clinic_{language}.ts: {missing}"


@needs_source
@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_placeholders_lines_and_edges(language: str) -> None:
    for context, source, translation in _messages(i18n_build.ts_file(language)):
        where = f"[{context}] {source!r} -> {translation!r}"
        assert _fields(source) == _fields(translation), f"placeholders differ: {where}"
        for marker in ("%s", "%1", "%2", "%n"):
            assert source.count(marker) == translation.count(marker), f"{marker} differs: {where}"
        assert source.count("\n") == translation.count("\n"), f"line breaks differ: {where}"
        assert source[:1].isspace() == translation[:1].isspace(), f"leading space: {where}"
        assert source[-1:].isspace() == translation[-1:].isspace(), f"trailing space: {where}"
        assert source.count("&&") == 0 or "&" in translation, f"literal ampersand: {where}"
        assert translation.count("&") - 2 * translation.count("&&") <= 1, f"two mnemonics: {where}"


@needs_source
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_shipped_qm_is_compiled_from_the_ts(language: str, tmp_path: Path) -> None:
    compiled = tmp_path / f"clinic_{language}.qm"
    i18n_build.lrelease(i18n_build.ts_file(language), compiled)
    shipped = i18n_build.qm_file(language)
    assert shipped.read_bytes() == compiled.read_bytes(), (
        f"{shipped.name} is older than its .ts: run python -m clinic_app.ui.i18n_build"
    )


@needs_source
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_ts_holds_exactly_the_texts_of_the_code(language: str, tmp_path: Path) -> None:
    """lupdate on today's code adds nothing and drops nothing: a text added to the window
    without a translation, or a translation of a text gone, fails here."""
    ts = i18n_build.ts_file(language)
    copy = tmp_path / ts.name
    shutil.copyfile(ts, copy)
    i18n_build.lupdate(copy)
    before = {(c, s) for c, s, _ in _messages(ts)}
    after = {(c, s) for c, s, _ in _messages(copy)}
    assert after - before == set(), (
        "texts of the code missing from the .ts: run python -m clinic_app.ui.i18n_build, "
        f"then translate them: {sorted(after - before)}"
    )
    assert before - after == set(), f"texts no longer in the code: {sorted(before - after)}"


def test_the_window_finds_the_shipped_translation() -> None:
    from clinic_app.ui.common import i18n

    for language in LANGUAGES:
        assert i18n.app_translation_file(language).is_file()
