"""Every language's care and consent files say everything the English ones say: the same keys
at every depth (the keys of each list item too), the same placeholders in each text, the same
number of items, and the same codes and figures. A new English sentence without its Spanish one
fails here (and prints the handout in English at run time: docs/language.md)."""

from __future__ import annotations

import datetime as dt
from importlib.resources.abc import Traversable

import pytest

from clinic_app import dates_format
from clinic_app.content import loads_toml, shipped
from clinic_app.domain.care import care_loader
from clinic_app.domain.consent import consent_document
from clinic_app.domain.translations import missing_translation


def _toml(node: Traversable) -> dict[str, object]:
    return loads_toml(node.read_text(encoding="utf-8"))


def _translations() -> list[tuple[str, str, str]]:
    """(room, language, file name) of every shipped translation of an English file."""
    found: list[tuple[str, str, str]] = []
    for room in ("care", "consent"):
        for folder in shipped(room).iterdir():
            if folder.is_dir() and folder.name != "en":
                found += [(room, folder.name, f.name) for f in folder.iterdir() if f.is_file()]
    return sorted(found)


def test_spanish_is_shipped_for_every_english_file() -> None:
    for room in ("care", "consent"):
        english = sorted(f.name for f in shipped(f"{room}/en").iterdir() if f.is_file())
        spanish = sorted(f.name for f in shipped(f"{room}/es").iterdir() if f.is_file())
        assert english and spanish == english


@pytest.mark.parametrize(("room", "language", "name"), _translations())
def test_every_translation_has_the_keys_placeholders_and_figures_of_english(
    room: str, language: str, name: str
) -> None:
    english_node = shipped(f"{room}/en/{name}")
    assert english_node.is_file(), f"{room}/{language}/{name} translates no English file"
    english, other = _toml(english_node), _toml(shipped(f"{room}/{language}/{name}"))
    assert missing_translation(english, other) == []
    assert other["meta"]["language"] == language  # type: ignore[index]


@pytest.mark.parametrize("language", sorted({lang for _room, lang, _name in _translations()}))
def test_every_translation_loads_and_is_used(language: str) -> None:
    for kind in ("pre_care", "post_care"):
        assert care_loader.handout_language(kind, language).used == language
    pre, use = care_loader.load_pre_care_in(language)
    assert pre.language == language and not use.fell_back
    document, use = consent_document.load_in(language)
    assert document.language == language and not use.fell_back
    assert document.version == consent_document.load_document().version


def test_the_comparison_finds_each_kind_of_gap() -> None:
    english = {
        "meta": {"language": "en", "version": "1.0"},
        "labels": {"title": "Before", "page": "Page {page} of {pages}"},
        "dates": {"stop_by": -14},
        "checklist": [{"id": "a", "date": "stop_by", "text": "Stop {x}."}],
        "items": ["one", "two"],
    }
    complete = {
        "meta": {"language": "es", "version": "1.0"},
        "labels": {"title": "Antes", "page": "Página {page} de {pages}", "extra": "más"},
        "dates": {"stop_by": -14},
        "checklist": [{"id": "a", "date": "stop_by", "text": "Deje {x}."}],
        "items": ["uno", "dos"],
    }
    assert missing_translation(english, complete) == []
    broken = {
        "meta": {"language": "es", "version": "0.9"},
        "labels": {"page": "Página {page}"},
        "dates": {"stop_by": -10},
        "checklist": [{"id": "b", "date": "stop_by"}],
        "items": ["uno"],
    }
    assert missing_translation(english, broken) == [
        "meta.version: must stay '1.0' (found '0.9')",
        "labels.title: missing",
        "labels.page: placeholders page instead of page, pages",
        "dates.stop_by: must stay -14 (found -10)",
        "checklist[1].id: must stay 'a' (found 'b')",
        "checklist[1].text: missing",
        "items: 2 items expected, 1 found",
    ]


def test_one_formatter_gives_each_language_its_dates() -> None:
    day = dt.date(2026, 12, 15)
    assert dates_format.long_date(day, "en") == "Tue 15 Dec 2026"
    assert dates_format.long_date(day, "es") == "martes 15 de diciembre de 2026"
    assert dates_format.plain_date(dt.date(1980, 3, 14), "es") == "14 de marzo de 1980"
    assert dates_format.plain_date(dt.date(1980, 3, 14)) == "14 Mar 1980"
    assert dates_format.compact_date(day, "es") == "mar 15 dic 2026"
    assert dates_format.short_date(day) == "15 Dec 2026"
    assert dates_format.day_month(day) == "15 Dec"
    assert dates_format.spoken_date(dt.date(1984, 4, 3)) == "3 April 1984"
    assert dates_format.date_at_time(day, dt.time(9, 5), "es") == (
        "martes 15 de diciembre de 2026 a las 09:05"
    )
    assert dates_format.date_at_time(day, dt.time(9, 5)) == "Tue 15 Dec 2026 at 09:05"
    # A language without patterns of its own gets CLDR's; an unknown code gets English.
    assert dates_format.long_date(day, "fr") == "mardi 15 décembre 2026"
    assert dates_format.long_date(day, "zz") == "Tue 15 Dec 2026"
