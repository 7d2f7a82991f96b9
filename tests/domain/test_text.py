"""Folding of names and the parsing of what a person types into the search box."""

from __future__ import annotations

import datetime as dt

import pytest

from clinic_app.domain.text import digits, fold, search_key, search_terms, sort_key


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


def test_search_key_holds_folded_names_iso_birth_date_phone_digits_and_email() -> None:
    key = search_key("María José", "Núñez", dt.date(1980, 3, 14), "+34 612-345-678", "MJ@Ex.com")
    assert key == "maria jose nunez 1980-03-14 34612345678 mj@ex.com"
    assert search_key("Ana", "Li", dt.date(1990, 1, 2)) == "ana li 1990-01-02"


def _matches(query: str, key: str) -> bool:
    """The same rule the patient search applies in SQL: every term, any alternative."""
    return all(any(alt in key for alt in alternatives) for alternatives in search_terms(query))


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


@pytest.mark.parametrize("query", ["nunes", "maria lopez", "15/03/1980", "1981-03-14", "999-999"])
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
