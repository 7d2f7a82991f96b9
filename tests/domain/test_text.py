"""Folding of names, the search terms of a patient and the parsing of what a person types into
the search box."""

from __future__ import annotations

import datetime as dt
import string
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinic_app.domain.text import (
    TERM_MAX,
    digits,
    fold,
    minimal_terms,
    patient_terms,
    phone_terms,
    prefix_upper_bound,
    query_prefixes,
    same_name_key,
    search_key,
    search_terms,
    sort_key,
)


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Núñez", "nunez"),
        ("  Núñez-Ølsen ", "nunez-olsen"),
        ("ÉLODIE", "elodie"),
        ("Łukasz Wałęsa", "lukasz walesa"),
        ("Straße", "strasse"),
        ("Nguyễn Thị", "nguyen thi"),
        ("Ægir   Þórsson", "aegir thorsson"),
        ("ﬁona", "fiona"),  # compatibility ligature
    ],
)
def test_fold_removes_case_accents_and_extra_spaces(typed: str, folded: str) -> None:
    assert fold(typed) == folded


def test_fold_is_idempotent() -> None:
    once = fold("Ängström  Çelik")
    assert fold(once) == once


def test_digits_keeps_only_digits() -> None:
    assert digits("+1 (555) 123-4567") == "15551234567"
    assert digits("no digits") == ""


def test_sort_key_orders_by_family_name_then_given_name() -> None:
    keys = [sort_key("Zoé", "Álvarez"), sort_key("Ana", "Zúñiga"), sort_key("Bea", "Alvarez")]
    assert sorted(keys) == [sort_key("Bea", "Alvarez"), sort_key("Zoé", "Álvarez"), keys[1]]
    assert sort_key("Zoé", "Álvarez") == "alvarez zoe"


def test_search_key_lists_the_terms_of_the_patient() -> None:
    key = search_key("María José", "Núñez", dt.date(1980, 3, 14), "+34 612-345-678", "MJ@Ex.com")
    assert key == " ".join(
        patient_terms("María José", "Núñez", dt.date(1980, 3, 14), "+34 612-345-678", "MJ@Ex.com")
    )
    assert search_key("Ana", "Li", dt.date(1990, 1, 2)) == "1990-01-02 ana li"


def _matches(query: str, key: str) -> bool:
    """The rule the patient search applies in SQL: every word begins a term (any alternative)."""
    spaced = " " + key
    return all(
        any(" " + alt in spaced for alt in alternatives) for alternatives in query_prefixes(query)
    )


KEY = search_key("María", "Núñez", dt.date(1980, 3, 14), "612-345-678", "maria@example.com")


@pytest.mark.parametrize(
    "query",
    [
        "nunez",
        "NÚÑEZ",
        "Maria nunez",
        "nunez maria",
        "14/03/1980",
        "14.03.1980",
        "14-03-1980",
        "1980-03-14",
        "612-345-678",
        "612 345",
        "612345678",
        "example.com",
    ],
)
def test_search_terms_find_the_patient(query: str) -> None:
    assert _matches(query, KEY), search_terms(query)


@pytest.mark.parametrize(
    "query", ["nunes", "maria lopez", "15/03/1980", "1981-03-14", "999-999", "unez", "aria", "78"]
)
def test_search_terms_do_not_find_other_patients(query: str) -> None:
    assert not _matches(query, KEY), search_terms(query)


def test_day_first_and_month_first_dates_are_both_alternatives() -> None:
    assert search_terms("03/04/1980") == [["1980-04-03", "1980-03-04"]]
    # 14 cannot be a month: only the day-first reading remains.
    assert search_terms("14/03/1980") == [["1980-03-14"]]
    assert search_terms("1980-03-14") == [["1980-03-14"]]


def test_impossible_date_is_searched_as_typed() -> None:
    assert search_terms("31/02/1980") == [["31/02/1980"]]


def test_phone_with_dashes_also_searches_its_digits() -> None:
    assert search_terms("555-1234") == [["555-1234", "5551234"]]
    assert search_terms("5551234") == [["5551234"]]


def test_blank_query_has_no_terms() -> None:
    assert search_terms("   ") == []
    assert search_terms("") == []


def test_typographic_apostrophe_finds_the_typed_one() -> None:
    assert fold("O’Brien") == fold("O'Brien") == "o'brien"


def test_sort_key_fits_its_column_even_when_folding_lengthens_the_name() -> None:
    assert len(sort_key("ß" * 100, "ß" * 100)) == 220


@pytest.mark.parametrize(
    "text",
    ["Maria Garcia", "  O`Brien\t Smith ", "ABC-def_ghi", "x@Example.COM", "", "   ", "a\nb"],
)
def test_fold_of_plain_ascii_matches_the_unicode_path(text: str) -> None:
    assert fold(text) == _fold_reference(text)


def _fold_reference(text: str) -> str:
    """fold() as it was before its ASCII shortcut: the full Unicode path."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(stripped.replace("`", "'").split())


@given(st.text(alphabet=string.printable))
def test_fold_shortcut_agrees_on_any_ascii_text(text: str) -> None:
    assert fold(text) == _fold_reference(text)


# --- search terms ---------------------------------------------------------------------------


def test_terms_of_a_patient() -> None:
    terms = patient_terms(
        "María José", "Núñez-Ølsen", dt.date(1980, 3, 14), "555 0100", "MJ.Nunez@Example.com"
    )
    assert terms == [
        "0100",
        "100",
        "1980-03-14",
        "50100",
        "550100",
        "5550100",
        "example.com",
        "jose",
        "maria",
        "mj.nunez@example.com",  # begins with the local part, which is therefore left out
        "nunez-olsen",  # and "nunez", which begins it
        "nunezolsen",
        "olsen",
    ]


@pytest.mark.parametrize(
    ("last_name", "found_by"),
    [
        ("O'Brien", ["o'brien", "o'b", "obrien", "brien", "o"]),
        ("O’Brien", ["o'brien", "obrien", "brien"]),
        ("Nuñez-Olsen", ["nunez", "nunez-olsen", "olsen", "nunezolsen"]),
        ("García López", ["garcia", "lopez", "gar", "lo"]),
        ("D'Angelo-Ruiz", ["d'angelo-ruiz", "angelo", "ruiz", "dangeloruiz"]),
        # every ending that begins a part, as written and without punctuation (issue 19)
        ("Núñez-O'Brien", ["o'brien", "obrien", "o'b", "nunez-o'b", "nunezob", "brien"]),
        ("D'Angelo-Ruiz", ["angelo-ruiz", "angeloruiz", "d'angelo", "dangelo"]),
        ("Dupont-de-la-Tour", ["de-la-tour", "la-tour", "delatour", "latour", "tour"]),
    ],
)
def test_each_part_of_a_compound_name_is_found(last_name: str, found_by: list[str]) -> None:
    key = search_key("Ana", last_name, dt.date(1980, 1, 1))
    for query in found_by:
        assert _matches(query, key), (query, key)
    assert not _matches("rien", key)


def test_phone_terms_are_its_digits_and_their_endings_of_three_or_more() -> None:
    assert phone_terms("+1 (555) 123-4567") == [
        "15551234567",
        "5551234567",
        "551234567",
        "51234567",
        "1234567",
        "234567",
        "34567",
        "4567",
        "567",
    ]
    assert phone_terms("12") == ["12"]
    assert phone_terms("") == []


def test_a_term_that_begins_another_is_left_out_and_long_ones_are_cut() -> None:
    assert minimal_terms(["ana", "an", "anabel", "bo", "", "ana"]) == ["anabel", "bo"]
    long = "x" * 100
    assert minimal_terms([long]) == ["x" * TERM_MAX]
    assert query_prefixes(long) == [["x" * TERM_MAX]]


def test_query_prefixes_drop_nul_and_keep_date_and_phone_alternatives() -> None:
    assert query_prefixes("ana\x00 14/03/1980 555-1234") == [
        ["ana"],
        ["1980-03-14"],
        ["555-1234", "5551234"],
    ]
    assert query_prefixes("  ") == []


@pytest.mark.parametrize(
    ("prefix", "upper"),
    [
        ("ab", "ac"),
        ("a", "b"),
        ("100%", "100&"),
        ("pat_", "pat`"),
        ("a\U0010ffff", "b"),
        ("\U0010ffff", None),
        ("x\ud7ff", "x\ue000"),  # code points of lone surrogates are no text
    ],
)
def test_prefix_upper_bound_is_the_least_string_above_the_prefix_range(
    prefix: str, upper: str | None
) -> None:
    assert prefix_upper_bound(prefix) == upper


@given(st.text(min_size=1, max_size=4), st.text(max_size=4))
def test_every_string_beginning_with_a_prefix_lies_in_its_range(prefix: str, rest: str) -> None:
    upper = prefix_upper_bound(prefix)
    assert prefix <= prefix + rest
    assert upper is None or prefix + rest < upper


def test_the_terms_of_a_compound_word_are_its_endings_from_each_part() -> None:
    terms = patient_terms("María", "Núñez-O'Brien", dt.date(1984, 3, 27))
    assert terms == [
        "1984-03-27",
        "brien",
        "maria",
        "nunez-o'brien",  # "nunez" and "o" begin other terms and are left out
        "nunezobrien",
        "o'brien",
        "obrien",
    ]


@pytest.mark.parametrize(
    ("first", "last"),
    [("Maria", "Nunez-OBrien"), ("MARÍA", "Núñez O'Brien"), ("Ma-ria", "NunezO’Brien")],
)
def test_the_same_name_typed_differently_has_the_same_key(first: str, last: str) -> None:
    assert same_name_key(first, last) == same_name_key("María", "Núñez-O'Brien")
    assert same_name_key(first, last) == ("nunezobrien", "maria")


def test_names_that_differ_in_letters_have_different_keys() -> None:
    assert same_name_key("Marian", "Nunez-OBrien") != same_name_key("Maria", "Nunez-OBrien")
    # the given and family names are not run together: Ana Maria Lopez is not Ana MariaLopez
    assert same_name_key("Ana Maria", "Lopez") != same_name_key("Ana", "Maria Lopez")
