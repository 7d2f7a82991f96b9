"""Every way the search reads a page gives the same pages: the primary key's ranges, the head
index in list order (with or without the intersection after it), the walk along the patients.

The expected pages come from the patients' own terms (domain.text.patient_terms), in list order
(sort_key, id): an oracle that knows nothing of the SQL. 300 demo patients, so that a common
word pages past the 100 of the window's first page; some of them archived.
"""

from __future__ import annotations

import datetime as dt

import pytest

from clinic_app.db import Database
from clinic_app.domain.text import patient_terms, query_prefixes
from clinic_app.services.demo import demo
from clinic_app.services.patients import patient_search, patients
from clinic_app.services.security.identity import Actor

PLANS = {
    "chosen": {},  # as the window searches
    "index": {"drive_below": 10**9},  # every word selective: the primary key's ranges
    "head": {"drive_below": 1},  # every word common: the head index in list order
    "head-then-intersect": {"drive_below": 1, "head_budget": 1},
    # "ma ad": no word selective, "ad" counted to the end: its range gives the candidates,
    # "ma" is probed on each
    "counted": {"drive_below": 2},
    "walk": {"drive_below": 1, "head_budget": 0},
}
QUERIES = [
    "",
    "m",
    "ma",
    "mar",
    "a m",
    "m a",  # the same words the other way round
    "1",
    "19",
    "5",
    "e",
    "zz",  # nothing
]


@pytest.fixture
def clinic(database: Database, actor: Actor) -> Database:
    with database.session() as session:
        demo.seed_patients(session, actor, 300, seed=17, today=dt.date(2026, 12, 3))
    with database.session() as session:
        for row in patients.find(session, "", limit=300)[::7]:
            patients.set_archived(session, actor, row.id)
    return database


def _expected(database: Database, query: str, include_archived: bool) -> list[int]:
    """The ids whose terms every word of ``query`` begins (any reading of it), in list order."""
    with database.reading() as reader:
        everyone = patient_search.find(reader, "", limit=10_000, include_archived=True)
    words = query_prefixes(query)
    found = []
    for row in everyone:
        if row.archived and not include_archived:
            continue
        born = row.date_of_birth
        terms = patient_terms(row.first_name, row.last_name, born, row.phone, row.email)
        if all(any(t.startswith(p) for t in terms for p in word) for word in words):
            found.append(row.id)
    return found


def _pages(
    database: Database, query: str, include_archived: bool, limit: int = 100, **plan: int
) -> list[int]:
    pages, after = [], None
    with database.reading() as reader:
        while page := patient_search.find(
            reader, query, limit=limit, after=after, include_archived=include_archived, **plan
        ):
            pages.append(page)
            after = page[-1]
    assert all(len(page) == limit for page in pages[:-1])
    return [row.id for page in pages for row in page]


def _two_words(database: Database) -> list[str]:
    """A given name and the beginning of a family name of the clinic, typed key by key."""
    with database.reading() as reader:
        first = patient_search.find(reader, "", limit=1)[0]
    query = f"{first.first_name.split(' ')[0]} {first.last_name[:4]}".lower()
    return [query[:end] for end in range(1, len(query) + 1)]


@pytest.mark.parametrize("archived", [False, True], ids=["listed", "with-archived"])
def test_every_plan_pages_through_exactly_the_matching_patients(
    clinic: Database, archived: bool
) -> None:
    assert len(_expected(clinic, "", archived)) > 250  # pages past the first 100
    for query in [*QUERIES, *_two_words(clinic)]:
        expected = _expected(clinic, query, archived)
        for name, plan in PLANS.items():
            assert _pages(clinic, query, archived, **plan) == expected, (query, name)
        with clinic.reading() as reader:
            assert patient_search.count(reader, query, include_archived=archived) == len(expected)


def test_small_pages_of_two_words_by_every_plan(clinic: Database) -> None:
    """Pages of 3, so that batches of candidates fill and the head index's candidates give way
    to the intersected ranges after the budget."""
    for query in ["ma ad", "a ma", "m ev", "mar a", *_two_words(clinic)[-4:]]:
        expected = _expected(clinic, query, False)
        for name, plan in PLANS.items():
            assert _pages(clinic, query, False, limit=3, **plan) == expected, (query, name)


def test_a_common_word_fills_its_first_page_from_the_head_index(clinic: Database) -> None:
    """With the shipped thresholds "m" among 300 patients is read from the head index: the
    statement names it, and the first page is the first 100 of the oracle."""
    statements: list[str] = []
    from sqlalchemy import event

    with clinic.reading() as reader:

        def seen(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
            statements.append(statement)

        event.listen(reader, "before_cursor_execute", seen)
        rows = patient_search.find(reader, "m", drive_below=50)
        event.remove(reader, "before_cursor_execute", seen)
    assert [row.id for row in rows] == _expected(clinic, "m", False)[:100]
    assert any("substr(patient_search_terms.term, 1, 1) =" in s for s in statements)


def test_kept_counts_change_how_a_page_is_read_never_what_it_holds(
    clinic: Database, actor: Actor
) -> None:
    """Counts are kept a while per database: a patient registered meanwhile is still found,
    whichever plan the kept counts choose, and a word that began no term is counted again."""
    from clinic_app.domain.patient_rules import PatientFields

    def register(first: str, last: str) -> None:
        fields = PatientFields(first_name=first, last_name=last, date_of_birth=dt.date(1980, 3, 4))
        with clinic.session() as session:
            patients.create(session, actor, fields, today=dt.date(2026, 12, 3))

    for plan in PLANS.values():
        assert _pages(clinic, "qzx", False, **plan) == []  # no term: nothing kept
    register("Qzxa", "Ma")
    before = {name: _pages(clinic, "ma", False, **plan) for name, plan in PLANS.items()}
    for n in range(3):
        register(f"Qzxb{n}", "Ma")  # "ma" now has more entries than its kept count says
    for name, plan in PLANS.items():
        assert _pages(clinic, "qzx", False, **plan) == _expected(clinic, "qzx", False), name
        assert _pages(clinic, "ma", False, **plan) == _expected(clinic, "ma", False), name
        assert _pages(clinic, "ma", False, limit=3, **plan) == _expected(clinic, "ma", False)
        assert len(_expected(clinic, "ma", False)) == len(before[name]) + 3, name
