"""The patient list and its search, read with SQLAlchemy Core alone (no ORM, no models).

The main window lists patients before the ORM and the models are loaded (docs/startup.md), so
this module names the two tables it reads with lightweight table clauses;
tests/services/test_first_screen.py checks them against clinic_app.models. Every function
takes the Connection to read through: a Session's
(:func:`clinic_app.services.patients.patients.find`) or one of its own
(:meth:`clinic_app.db.Database.reading`).
"""

from __future__ import annotations

import datetime as dt
import time
import weakref
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Date,
    Integer,
    Select,
    String,
    Text,
    and_,
    bindparam,
    column,
    func,
    intersect,
    literal,
    literal_column,
    or_,
    select,
    table,
    union_all,
)

from clinic_app.domain.text import prefix_upper_bound, query_prefixes
from clinic_app.services.errors import ValidationError

# The columns read here, with the types that turn their values into Python's (models.Patient,
# models.PatientSearchTerm).
PATIENTS = table(
    "patients",
    column("id", Integer),
    column("first_name", String),
    column("last_name", String),
    column("date_of_birth", Date),
    column("phone", String),
    column("email", String),
    column("sort_key", String),
    column("search_key", Text),
    column("archived_at"),  # only tested for NULL
)
SEARCH_TERMS = table(
    "patient_search_terms",
    column("term", String),
    column("sort_key", String),
    column("patient_id", Integer),
)

MAX_PAGE = 10_000


@dataclass(frozen=True)
class PatientRow:
    """One line of the patient list (also the cursor for the next page)."""

    id: int
    first_name: str
    last_name: str
    date_of_birth: dt.date
    phone: str
    email: str
    sort_key: str
    archived: bool = False


def row_select() -> Select[Any]:
    """The columns of a PatientRow, in :func:`row_of`'s order."""
    return select(
        PATIENTS.c.id,
        PATIENTS.c.first_name,
        PATIENTS.c.last_name,
        PATIENTS.c.date_of_birth,
        PATIENTS.c.phone,
        PATIENTS.c.email,
        PATIENTS.c.sort_key,
        PATIENTS.c.archived_at,
    )


def row_of(result: Any) -> PatientRow:
    """The PatientRow of a row read by :func:`row_select` (extra columns after it are ignored)."""
    # By position, in row_select's order: reading 100 rows by name costs a millisecond.
    patient_id, first, last, born, phone, email, key, archived_at = result[:8]
    return PatientRow(patient_id, first, last, born, phone, email, key, archived_at is not None)


# --- search -------------------------------------------------------------------------------------
#
# Every word typed must begin one of the patient's terms (docs/search.md). Each word's prefix
# range on patient_search_terms is counted first, up to DRIVE_BELOW index entries:
# - when some word has fewer (a selective word), the page is read from the primary key, which
#   holds the sort key: the candidates in list order are those of every selective word
#   (INTERSECT), sorted once; the other words are probed on them one by one, in that order,
#   and their rows read, until the page is full, in one statement (_from_index);
# - when every word has that many or more (e.g. "a", "maria" or "19"), one word drives: its
#   terms are read from the head index, ix_patient_search_terms_head (the term's first
#   character, then the sort key), which lists the patients whose terms begin with that
#   character in list order; those of the word's terms are kept as they come, so a common word
#   fills the page after a few hundred index entries, however its patients cluster (every
#   "garcia" is among the Gs). The other words are checked on each row; when, after
#   HEAD_BUDGET candidates, they are so rare among the driver's patients that the page would
#   take more than twice as many again ("maria gar"), the rest is read as in the first case,
#   the words' ranges intersected.
# - a driving word whose readings begin with different characters (never seen: a date and a
#   phone begin with digits) walks the patients in list order instead, each row checked against
#   its search_key.
# The statements depend only on the shape of the query (how many words, how many readings of
# each): they are built once per shape and then only given new values, keystroke after keystroke.
DRIVE_BELOW = 2_000
LONG_WORDS = 4  # a word of 3 letters or more is selective below 4 * DRIVE_BELOW entries
DIGITS = 10  # one beginning with a digit below 10 * DRIVE_BELOW
_DIGITS = frozenset("0123456789")
HEAD_BUDGET = 600  # head index candidates read before the other words' ranges may be intersected
_WIDE = 200_000  # a word with as many entries is not intersected (checked on the row instead)
_BATCH_MAX = 20_000  # candidates read at once when most of them are filtered out
_ALL = 2**31 - 1  # a LIMIT that keeps every candidate
FIRST_BATCH = 3  # candidates per row wanted in the first batch of a range (_from_index)

Word = list[str]  # the prefixes a typed word may stand for (a date read two ways, a phone)
Shape = tuple[tuple[bool, ...], ...]  # per word, per prefix: whether its range has an upper end
# Inlined, not bound: the head index's expression must be the query's, in every plan.
_ONE: ColumnElement[int] = literal_column("1", Integer())


def _shape(words: list[Word]) -> Shape:
    return tuple(tuple(prefix_upper_bound(prefix) is not None for prefix in w) for w in words)


def _readings(name: str, shape: Shape) -> list[list[ColumnElement[bool]]]:
    """Per word, the prefix range of each of its readings on the index (bound as
    {name}{word}_{prefix}_lo/_hi)."""
    term = SEARCH_TERMS.c.term
    found = []
    for i, bounded in enumerate(shape):
        ranges: list[ColumnElement[bool]] = []
        for j, has_upper in enumerate(bounded):
            low = term >= bindparam(f"{name}{i}_{j}_lo")
            ranges.append(and_(low, term < bindparam(f"{name}{i}_{j}_hi")) if has_upper else low)
        found.append(ranges)
    return found


def _ranges(name: str, shape: Shape) -> list[ColumnElement[bool]]:
    """Per word, its prefix ranges on the index, any of them."""
    return [or_(*ranges) for ranges in _readings(name, shape)]


def _key_has(name: str, shape: Shape) -> list[ColumnElement[bool]]:
    """Per word, a row whose search_key has a term beginning with it ({name}{word}_{prefix})."""
    spaced = literal(" ") + PATIENTS.c.search_key
    return [
        or_(*(spaced.like(bindparam(f"{name}{i}_{j}"), escape="/") for j in range(len(bounded))))
        for i, bounded in enumerate(shape)
    ]


def _values(name: str, words: list[Word], like: bool = False, head: bool = False) -> dict[str, str]:
    values = {}
    for i, word in enumerate(words):
        for j, prefix in enumerate(word):
            if head:
                values[f"{name}{i}_{j}_h"] = prefix[:1]
            if like:
                escaped = prefix.replace("/", "//").replace("%", "/%").replace("_", "/_")
                values[f"{name}{i}_{j}"] = f"% {escaped}%"
            else:
                values[f"{name}{i}_{j}_lo"] = prefix
                upper = prefix_upper_bound(prefix)
                if upper is not None:
                    values[f"{name}{i}_{j}_hi"] = upper
    return values


def _after(key: ColumnElement[str], ident: ColumnElement[int]) -> ColumnElement[bool]:
    """After the row bound as after_key, after_id in list order."""
    after_key = bindparam("after_key", type_=String())
    return or_(key > after_key, and_(key == after_key, ident > bindparam("after_id")))


def _listed(include_archived: bool) -> list[ColumnElement[bool]]:
    return [] if include_archived else [PATIENTS.c.archived_at.is_(None)]


@lru_cache(maxsize=64)
def _counts_statement(shape: Shape) -> Select[Any]:
    """Per word, its entries up to cap{word}: each reading's range counted on its own and
    added up (an OR of two ranges, "1979-05" or "197905", is read by PostgreSQL as a bitmap
    of both and then the table's rows: 2 800 pages for a birth month at 1 000 000 patients,
    5.6 ms, against 0.6 ms for the index alone)."""

    def counted(reading: ColumnElement[bool], i: int) -> Any:
        capped = select(literal(1)).where(reading).limit(bindparam(f"cap{i}")).subquery()
        return select(func.count()).select_from(capped).scalar_subquery()

    words = []
    for i, readings in enumerate(_readings("w", shape)):
        total = counted(readings[0], i)
        for reading in readings[1:]:
            total = total + counted(reading, i)
        words.append(total)
    return select(*words)


# Counts are kept a little while, per database (its connection pool): typing "maria garc" key
# by key counts "maria" once, not again at each of the five keystrokes after it. A count only
# decides how a page is read, never what it holds (a page read by any plan is the same), so
# one a little out of date costs time at most; a word without entries is never kept, as it
# ends the search.
COUNTS_KEPT_S = 30.0
_COUNTS_KEPT_MAX = 1_000  # per database: more, and the kept counts are forgotten
_kept: weakref.WeakKeyDictionary[Any, dict[tuple[tuple[str, ...], int], tuple[int, float]]] = (
    weakref.WeakKeyDictionary()
)


def _counts(reader: Connection, words: list[Word], caps: int | list[int]) -> tuple[int, ...]:
    """Per word, its index entries, counted up to ``caps`` (one for all, or one per word); the
    words counted in the last COUNTS_KEPT_S seconds are not counted again."""
    each = caps if isinstance(caps, list) else [caps] * len(words)
    kept = _kept.setdefault(reader.engine.pool, {})
    now = time.monotonic()
    found: list[int | None] = []
    for word, cap in zip(words, each, strict=True):
        count, when = kept.get((tuple(word), cap), (None, 0.0))
        found.append(count if now - when < COUNTS_KEPT_S else None)
    missing = [i for i, count in enumerate(found) if count is None]
    if missing:
        values: dict[str, object] = {f"cap{j}": each[i] for j, i in enumerate(missing)}
        values |= _values("w", [words[i] for i in missing])
        statement = _counts_statement(_shape([words[i] for i in missing]))
        if len(kept) > _COUNTS_KEPT_MAX:
            kept.clear()
        for i, count in zip(missing, reader.execute(statement, values).one(), strict=True):
            found[i] = count
            if count:
                kept[(tuple(words[i]), each[i])] = (count, now)
    return tuple(count or 0 for count in found)


@dataclass(frozen=True)
class _Plan:
    indexed: list[Word]  # the words whose index ranges give the candidates
    checked: list[Word]  # the words checked on each row
    nothing: bool = False  # some word begins no term at all
    driver: Word | None = None  # every word is common: this one is read from the head index
    entries: int = 0  # at most as many candidates in the indexed words' ranges (0: unknown)


def _head(word: Word) -> str | None:
    """The first character every reading of ``word`` begins with (None: they differ)."""
    heads = {prefix[:1] for prefix in word}
    return heads.pop() if len(heads) == 1 else None


def _plan(reader: Connection, text: str, drive_below: int) -> _Plan:
    words = query_prefixes(text)
    if not words:
        return _Plan([], [])
    # A word of one letter is selective below drive_below entries and needs counting no
    # further (at 1 000 000 patients "l" has 135 000); a longer one is counted four times as
    # far, to tell a selective one and one counted to the end (below), and one beginning with
    # a digit further still (below), all in one statement.
    digit = [_head(word) in _DIGITS for word in words]
    counted_below = [
        drive_below if min(map(len, w)) == 1 else LONG_WORDS * drive_below for w in words
    ]
    caps = [
        DIGITS * drive_below if is_digit else below
        for is_digit, below in zip(digit, counted_below, strict=True)
    ]
    counts = _counts(reader, words, caps)
    if 0 in counts:
        return _Plan([], words, nothing=True)
    # A word of three letters or more may be a family name, whose patients are side by side
    # in list order (every "mendes" among the Ms): from the head index they come only after
    # every M before them, so such a word is read from its own range while that is not large.
    selective = [
        count < (LONG_WORDS * drive_below if min(map(len, word)) >= 3 else drive_below)
        for word, count in zip(words, counts, strict=True)
    ]
    counted = [count < below for count, below in zip(counts, counted_below, strict=True)]
    if not any(selective) and len(words) > 1 and any(counted):
        # Several words, none selective, but some counted to the end ("ab" of "maria ab", 4 300
        # entries among a million patients): their ranges give the candidates, the other words
        # are probed on each. From the head index, thousands of the driver's patients would be
        # read before the rare pairs were found.
        return _Plan(
            [word for word, chosen in zip(words, counted, strict=True) if chosen],
            [word for word, chosen in zip(words, counted, strict=True) if not chosen],
            entries=min(count for count, chosen in zip(counts, counted, strict=True) if chosen),
        )
    if not any(selective):
        # The longest word is most likely the rarest (and fills the page soonest).
        drivers = [i for i, word in enumerate(words) if _head(word) is not None]
        if drivers:
            at = max(drivers, key=lambda i: min(len(prefix) for prefix in words[i]))
            driver = words[at]
            others = [word for word in words if word is not driver]
            # Every date of birth and most phone runs begin with a digit: in a digit's part of
            # the head index a birth month (1973-07) is one entry in a hundred. Such a word is
            # read from its own range while that is not much larger.
            if digit[at] and counts[at] < caps[at]:
                return _Plan([driver], others, entries=counts[at])
            return _Plan([], others, driver=driver)
    return _Plan(
        [word for word, chosen in zip(words, selective, strict=True) if chosen],
        [word for word, chosen in zip(words, selective, strict=True) if not chosen],
        entries=min(count for count, chosen in zip(counts, selective, strict=True) if chosen),
    )


@lru_cache(maxsize=64)
def _walk_statement(checked: Shape, include_archived: bool, after: bool) -> Select[Any]:
    stmt = row_select().where(*_listed(include_archived), *_key_has("k", checked))
    if after:
        stmt = stmt.where(_after(PATIENTS.c.sort_key, PATIENTS.c.id))
    return stmt.order_by(PATIENTS.c.sort_key, PATIENTS.c.id).limit(bindparam("limit"))


def _has_terms(name: str, shape: Shape, key: Any, ident: Any) -> list[ColumnElement[bool]]:
    """Per word, whether the candidate (``key``, ``ident``) has a term beginning with it: an
    index-only probe of the head index per reading (its first character bound as
    {name}{word}_{prefix}_h, its range as _lo/_hi), not a read of the patient's row."""
    found = []
    for i, bounded in enumerate(shape):
        readings: list[ColumnElement[bool]] = []
        for j, has_upper in enumerate(bounded):
            w = SEARCH_TERMS.alias(f"{name}{i}_{j}")
            where = [
                func.substr(w.c.term, _ONE, _ONE) == bindparam(f"{name}{i}_{j}_h"),
                w.c.sort_key == key,
                w.c.patient_id == ident,
                w.c.term >= bindparam(f"{name}{i}_{j}_lo"),
            ]
            if has_upper:
                where.append(w.c.term < bindparam(f"{name}{i}_{j}_hi"))
            # OFFSET 0 keeps PostgreSQL from hashing the whole range of the word instead of
            # probing it (it misjudges a range's size by hundreds of times: "a" 42 entries
            # estimated, 19 000 read at 100 000 patients); SQLite probes it either way.
            readings.append(select(_ONE).where(*where).offset(0).exists())
        found.append(or_(*readings))
    return found


def _with_rows(candidates: Any, checked: Shape, include_archived: bool) -> Select[Any]:
    """The candidates (sort_key, patient_id) in list order that have every other word (probed
    in the head index), each with its row when it is listed (archived), and beside them the
    last candidate of the batch, so that the next batch begins after it. Column 10 numbers
    the candidates: the last of a full batch is numbered ``batch``."""
    numbered = candidates.subquery()
    n = func.row_number().over(order_by=(numbered.c.sort_key, numbered.c.patient_id))
    words = _has_terms("x", checked, numbered.c.sort_key, numbered.c.patient_id)
    hit = and_(*words) if words else literal(True)
    c: Any = select(numbered.c.sort_key, numbered.c.patient_id, n.label("n"), hit.label("hit"))
    c = c.subquery()
    if words:  # the candidates that have every word, and the batch's last
        c = select(c).where(or_(c.c.hit, c.c.n == bindparam("batch"))).subquery()
    on = [PATIENTS.c.id == c.c.patient_id, *_listed(include_archived)]
    if words:
        on.append(c.c.hit)
    return (
        row_select()
        .add_columns(c.c.sort_key, c.c.patient_id, c.c.n)
        .select_from(c)
        .outerjoin(PATIENTS, and_(*on))
        .order_by(c.c.sort_key, c.c.patient_id)
    )


@lru_cache(maxsize=64)
def _index_statement(
    indexed: Shape, checked: Shape, include_archived: bool, after: bool
) -> Select[Any]:
    """A page (up to ``limit`` rows) in one statement: the first ``batch`` candidates in list
    order of the selective words' ranges (their INTERSECT), each range read and sorted once,
    then, one by one in that order until the page is full, probed for the other words and
    joined to their rows. The LIMIT keeps the probes above the sort: pushed into the ranges'
    scans, PostgreSQL would probe every entry before sorting, not only those the page reaches.
    """
    key, ident = SEARCH_TERMS.c.sort_key, SEARCH_TERMS.c.patient_id
    later = [_after(key, ident)] if after else []
    parts = []
    for readings in _readings("r", indexed):
        # Each reading's range read on its own, index only (see _counts_statement).
        each = [select(key, ident).where(reading, *later) for reading in readings]
        if len(each) == 1:
            parts.append(each[0])
        else:
            any_of = union_all(*each).subquery()
            parts.append(select(any_of.c.sort_key, any_of.c.patient_id))
    if len(parts) == 1:
        candidates: Any = parts[0].order_by(*parts[0].selected_columns)
    else:
        both = intersect(*parts)
        columns = both.selected_columns
        candidates = both.order_by(columns.sort_key, columns.patient_id)
    first = candidates.limit(bindparam("batch")).subquery()
    # A patient may have several terms in a range: once each, still in list order.
    c = select(first.c.sort_key, first.c.patient_id).distinct().subquery()
    on = [PATIENTS.c.id == c.c.patient_id, *_listed(include_archived)]
    return (
        row_select()
        .select_from(c)
        .join(PATIENTS, and_(*on))
        .where(*_has_terms("x", checked, c.c.sort_key, c.c.patient_id))
        .order_by(c.c.sort_key, c.c.patient_id)
        .limit(bindparam("limit"))
    )


@lru_cache(maxsize=64)
def _head_statement(
    readings: int, checked: Shape, include_archived: bool, after: bool
) -> Select[Any]:
    """Up to ``batch`` candidates in list order from the head index (the driving word's first
    character bound as ``head``, its readings as d{j} of d{j}_n characters), with their rows."""
    term, key, ident = SEARCH_TERMS.c.term, SEARCH_TERMS.c.sort_key, SEARCH_TERMS.c.patient_id
    begins = [
        func.substr(term, _ONE, bindparam(f"d{j}_n", type_=Integer())) == bindparam(f"d{j}")
        for j in range(readings)
    ]
    where = [func.substr(term, _ONE, _ONE) == bindparam("head"), or_(*begins)]
    if after:  # >= on the key: a range of the index, not a filter of all its entries
        where += [key >= bindparam("after_key", type_=String()), _after(key, ident)]
    candidates = select(key, ident).where(*where).order_by(key, ident).limit(bindparam("batch"))
    return _with_rows(candidates, checked, include_archived)


def _walk(
    reader: Connection, plan: _Plan, include_archived: bool, after: PatientRow | None, limit: int
) -> list[PatientRow]:
    stmt = _walk_statement(_shape(plan.checked), include_archived, after is not None)
    values: dict[str, object] = {"limit": limit, **_values("k", plan.checked, like=True)}
    if after is not None:
        values |= {"after_key": after.sort_key, "after_id": after.id}
    return [row_of(r) for r in reader.execute(stmt, values)]


def _read(
    reader: Connection,
    statement: Any,
    values: dict[str, object],
    found: list[PatientRow],
    limit: int,
    budget: int | None = None,
) -> bool:
    """Read candidates in batches, appending the rows that pass to ``found``, until the page
    is full or the candidates run out (True); or, once ``budget`` candidates were read, stop
    (False) unless the rows found so far say the page fills within twice as many more (and
    never after four times ``budget``)."""
    read_in_all, found_before = 0, len(found)
    while True:
        stmt = statement("after_key" in values)
        read = 0
        with reader.execute(stmt, values) as results:  # closed when the page is full
            # The candidates that have every word, and the last of a full batch (numbered
            # ``batch``), after which the next batch begins.
            for result in results:
                if result[10] == values["batch"]:
                    read = result[10]
                    values["after_key"], values["after_id"] = result[8], result[9]
                if result[0] is not None and (not found or found[-1].id != result[0]):
                    found.append(row_of(result))
                    if len(found) == limit:
                        values["after_key"], values["after_id"] = result[8], result[9]
                        return True
        if read < values["batch"]:  # type: ignore[operator]
            return True
        read_in_all += read
        batch = min(4 * values["batch"], _BATCH_MAX)  # type: ignore[operator]
        if budget is not None and read_in_all >= budget:
            passed = len(found) - found_before
            wanted = (limit - len(found)) * read_in_all // passed if passed else None
            if wanted is None or wanted > 2 * budget or read_in_all >= 4 * budget:
                return False
            batch = min(batch, wanted + wanted // 2 + 1)
        values["batch"] = batch


def _after_values(after: PatientRow | None) -> dict[str, object]:
    return {} if after is None else {"after_key": after.sort_key, "after_id": after.id}


def _from_index(
    reader: Connection,
    plan: _Plan,
    include_archived: bool,
    after: dict[str, object],
    limit: int,
    found: list[PatientRow] | None = None,
) -> list[PatientRow]:
    """The rest of the page (after ``found``, if any) from the index ranges of the selective
    words (patients having all of them), usually in one statement (:func:`_index_statement`).

    How many candidates the statement may sort (``batch``): on PostgreSQL, with other words
    to probe, all of them (the probes stop with the page; an INTERSECT is whole before it is
    sorted anyway). A single range without is not sorted whole: its first three times ``limit``
    candidates are kept as they come (a top-N sort, cheaper than sorting thousands), and four
    times as many again while those do not fill the page (patients with several terms in the
    range, archived ones), until all of them. SQLite reads the same way with words to probe:
    it sorts the page's rows after their probes (a temporary B-tree for the ORDER BY), so it
    would probe every candidate before the LIMIT."""
    found = [] if found is None else found
    need = limit - len(found)
    values: dict[str, object] = {
        **_values("r", plan.indexed),
        **_values("x", plan.checked, head=True),
        "limit": need,
        **after,  # the last candidate read before (after_key, after_id), if any
    }
    stmt = _index_statement(
        _shape(plan.indexed), _shape(plan.checked), include_archived, "after_key" in after
    )
    grows = reader.dialect.name == "sqlite" if plan.checked else len(plan.indexed) == 1
    # plan.entries (a count, perhaps kept from a moment ago) only says when to take all at
    # once: the batch stops growing only once it holds every candidate.
    first = FIRST_BATCH * need  # a given name is often the e-mail's beginning too: 2 terms
    batch = first if grows and plan.entries > first else _ALL
    while True:
        rows = list(reader.execute(stmt, {**values, "batch": batch}))
        if len(rows) == need or batch == _ALL:
            break
        batch = 4 * batch if 4 * batch < plan.entries else _ALL
    found.extend(row_of(row) for row in rows)
    return found


def _from_head(
    reader: Connection,
    plan: _Plan,
    include_archived: bool,
    after: PatientRow | None,
    limit: int,
    budget: int,
) -> list[PatientRow]:
    """The driving word's patients in list order from the head index, each row checked
    against the other words; when those are rare among them, the rest from the intersected
    index ranges (:func:`_from_index`)."""
    assert plan.driver is not None
    found: list[PatientRow] = []
    values: dict[str, object] = {
        "head": plan.driver[0][:1],
        **{f"d{j}": prefix for j, prefix in enumerate(plan.driver)},
        **{f"d{j}_n": len(prefix) for j, prefix in enumerate(plan.driver)},
        **_values("x", plan.checked, head=True),
        "batch": 2 * limit,
        **_after_values(after),
    }
    checked = _shape(plan.checked)
    readings = len(plan.driver)
    complete = _read(
        reader,
        lambda later: _head_statement(readings, checked, include_archived, later),
        values,
        found,
        limit,
        budget if plan.checked else None,
    )
    if complete:
        return found
    # The other words are rare among the driver's patients: intersect the words' ranges, but
    # a word with very many entries (a letter) is probed instead.
    words = [plan.driver, *plan.checked]
    counts = _counts(reader, words, _WIDE)
    wide = [count >= _WIDE for count in counts]
    if all(wide):
        wide[0] = False  # one of them drives
    rest = _Plan(
        [word for word, w in zip(words, wide, strict=True) if not w],
        [word for word, w in zip(words, wide, strict=True) if w],
        entries=min(count for count, w in zip(counts, wide, strict=True) if not w),
    )
    resume = {"after_key": values["after_key"], "after_id": values["after_id"]}
    return _from_index(reader, rest, include_archived, resume, limit, found)


def find(
    reader: Connection,
    text: str = "",
    *,
    limit: int = 100,
    after: PatientRow | None = None,
    include_archived: bool = False,
    drive_below: int = DRIVE_BELOW,
    head_budget: int = HEAD_BUDGET,
) -> list[PatientRow]:
    """One page of patients of whom every word of ``text`` begins a name, the date of birth
    (typed as 14/03/1980 too), a run of phone digits or the e-mail, ordered by family name;
    pass the last row of a page as ``after`` for the next page.

    ``drive_below`` and ``head_budget`` are the planner's thresholds (see above); tests lower
    them (``head_budget`` 0: the patients are walked instead of the head index)."""
    if not 1 <= limit <= MAX_PAGE:
        raise ValidationError({"limit": f"A page holds 1 to {MAX_PAGE} patients."})
    plan = _plan(reader, text, drive_below)
    if plan.nothing:
        return []
    if plan.driver is not None and head_budget > 0:
        return _from_head(reader, plan, include_archived, after, limit, head_budget)
    if not plan.indexed:
        words = [*([plan.driver] if plan.driver else []), *plan.checked]
        return _walk(reader, _Plan([], words), include_archived, after, limit)
    return _from_index(reader, plan, include_archived, _after_values(after), limit)


def count(
    reader: Connection,
    text: str = "",
    *,
    include_archived: bool = False,
    limit: int | None = None,
    drive_below: int = DRIVE_BELOW,
    head_budget: int = HEAD_BUDGET,
) -> int:
    """How many patients ``find`` would list for ``text``, or ``limit`` when there are at
    least that many (a count of every "a" among 100 000 patients takes a while).
    ``head_budget`` is accepted so that find's options fit; counting does not use it."""
    del head_budget
    plan = _plan(reader, text, drive_below)
    if plan.nothing:
        return 0
    checked_words = [*([plan.driver] if plan.driver else []), *plan.checked]
    checked = _shape(checked_words)
    stmt = select(PATIENTS.c.id).where(*_listed(include_archived), *_key_has("k", checked))
    for word in _ranges("r", _shape(plan.indexed)):
        stmt = stmt.where(PATIENTS.c.id.in_(select(SEARCH_TERMS.c.patient_id).where(word)))
    if limit is not None:
        stmt = stmt.limit(limit)
    values = {**_values("r", plan.indexed), **_values("k", checked_words, like=True)}
    total = reader.execute(select(func.count()).select_from(stmt.subquery()), values).scalar()
    return int(total or 0)
