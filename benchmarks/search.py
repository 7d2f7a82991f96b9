"""``search_p95_ms``: from the last keystroke in the search field to the patient list updated
with the new rows: the issue's "query + model update", through the app's own window (the key
event, the worker thread, the query, the model's reset).

The prefixes come from real patients of the clinic: mostly the first 1-6 letters of a family or
given name, some birth months (1984-03) and runs of phone digits. For each, the field is first
set to the prefix less its last character and its rows are awaited; then the last character is
typed and the clock runs until the model has been reset with the new rows (``search_*``) and
until the event loop has run once more, the view having painted them (``search_painted_*``).
The window is built as ``clinic-app`` builds it (clinic_app.ui.app.start) as far as the whole
process is concerned: the cyclic garbage collector paused while it is built and shown, then what
exists frozen out of its sight (``resume_garbage_collection``), and the interpreter's switch
interval shortened (``share_the_interpreter_promptly``). Without that, every full collection
walked every object of the process, the earlier benchmarks' ORM, services and ReportLab too,
which the app has frozen since its start and its loader: 80-90 ms a collection on the
benchmark machine, landing on whichever keystroke it fell in (docs/performance.md). Beside the
figures, the longest collection while the keystrokes were typed (``search_gc_longest_ms``).

The baseline is the floor of "an indexed query": the bare driver (sqlite3, or psycopg with
--db-url) reading 100 rows by a prefix range
on the sort key index, for the same prefixes. Beside them, Qt's own floor for showing 100 new
rows in a table of the same size (a QStandardItemModel, no Python involved).
"""

from __future__ import annotations

import gc
import os
import random
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import raw_db
from benchmarks.context import BenchContext
from benchmarks.stats import median, percentile

TIMEOUT_S = 30.0
WARM_UP = 5
BASELINE_SQL = (
    "SELECT id, first_name, last_name, date_of_birth, phone, email FROM patients "
    "WHERE sort_key >= ? AND sort_key < ? ORDER BY sort_key LIMIT 100"
)


def prefixes(db_url: str, count: int, seed: int) -> list[str]:
    """``count`` prefixes a person would type, drawn from the stored patients."""
    from clinic_app.domain.text import digits, fold

    rng = random.Random(seed)
    with raw_db.connect(db_url) as (connection, _adapt):
        people = (
            connection.cursor()
            .execute(
                "SELECT first_name, last_name, date_of_birth, phone FROM patients"
                " ORDER BY id LIMIT 20000"
            )
            .fetchall()
        )
    found: list[str] = []
    while len(found) < count:
        first, last, born, phone = rng.choice(people)
        kind = rng.random()
        number = digits(phone)
        if kind < 0.1:
            found.append(str(born)[:7])  # 1984-03
        elif kind < 0.2 and len(number) >= 5:
            start = rng.randrange(len(number) - 3)
            found.append(number[start : start + rng.randint(3, 5)])
        else:
            name = fold(last if kind < 0.6 else first).split(" ")[0]
            if name:
                found.append(name[: rng.randint(1, 6)])
    return found


def name_queries(db_url: str, count: int, seed: int) -> list[str]:
    """``count`` two-word queries a person types key by key: a real patient's given name and
    the first 4 letters of the family name ("maria garc")."""
    from clinic_app.domain.text import fold

    rng = random.Random(seed + 1)
    with raw_db.connect(db_url) as (connection, _adapt):
        people = (
            connection.cursor()
            .execute("SELECT first_name, last_name FROM patients ORDER BY id LIMIT 20000")
            .fetchall()
        )
    found: list[str] = []
    while len(found) < count:
        first, last = rng.choice(people)
        given, family = fold(first).split(" ")[0], fold(last).split(" ")[0]
        if given and family:
            found.append(f"{given} {family[:4]}")
    return found


def _wait_for(condition: Callable[[], bool]) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.perf_counter() + TIMEOUT_S
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the patient list did not load in time")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)


def _type(widget: Any, char: str) -> None:
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def _show(window: Any, text: str) -> None:
    """Put ``text`` in the search field and wait until its rows are shown and painted."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    model, field = window.model, window.list_page.search
    field.setText(text)
    window.list_page.apply_search()
    _wait_for(lambda: not model.is_loading and model.query == text)
    QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)  # its paint, too


def _keystroke_ms(window: Any, prefix: str) -> tuple[float, float]:
    """Milliseconds from typing the last character of ``prefix`` to its rows on screen, and to
    the model's reset with them (before the view has painted them)."""
    _show(window, prefix[:-1])
    return _press_ms(window, prefix)


def _typed_ms(window: Any, text: str) -> list[float]:
    """``text`` typed key by key into an empty field, each key once the rows of the one before
    it are shown: per key, milliseconds to the model's reset with its rows."""
    _show(window, "")
    return [_press_ms(window, text[:end])[1] for end in range(1, len(text) + 1)]


def _press_ms(window: Any, prefix: str) -> tuple[float, float]:
    """Type the last character of ``prefix`` (the field holding the rest, its rows shown):
    milliseconds to its rows painted, and to the model's reset with them."""
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    model, field = window.model, window.list_page.search
    loop = QEventLoop()
    arrived: list[float] = []

    def reset() -> None:
        if model.query == prefix and not model.is_loading:
            arrived.append(time.perf_counter())
            loop.quit()

    model.modelReset.connect(reset)
    QTimer.singleShot(int(TIMEOUT_S * 1000), loop.quit)
    started = time.perf_counter()
    _type(field, prefix[-1])
    if not arrived:
        loop.exec()
    model.modelReset.disconnect(reset)
    if not arrived:
        raise TimeoutError(f"no rows for {prefix!r}")
    QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)
    return (time.perf_counter() - started) * 1000, (arrived[0] - started) * 1000


class _Collections:
    """The longest pause of the cyclic garbage collector (any thread) while it is installed."""

    def __init__(self) -> None:
        self.longest_ms = 0.0
        self._started: dict[int, float] = {}

    def __enter__(self) -> _Collections:
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *_exc: object) -> None:
        gc.callbacks.remove(self._callback)

    def _callback(self, phase: str, _info: dict[str, int]) -> None:
        thread, now = threading.get_ident(), time.perf_counter()
        if phase == "start":
            self._started[thread] = now
        elif thread in self._started:
            pause = (now - self._started.pop(thread)) * 1000
            self.longest_ms = max(self.longest_ms, pause)


def _app_timings(
    ctx: BenchContext, typed: list[str], names: list[str]
) -> tuple[list[float], list[float], list[float], Any, float]:
    from PySide6.QtWidgets import QApplication

    from clinic_app.db import Database
    from clinic_app.services.security.identity import Actor
    from clinic_app.ui.app import resume_garbage_collection, share_the_interpreter_promptly
    from clinic_app.ui.main_window import MainWindow

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # unless a display was chosen
    _app = QApplication.instance() or QApplication([])
    switch_interval = sys.getswitchinterval()
    share_the_interpreter_promptly()  # as clinic_app.ui.app.start does
    database = Database(ctx.db_url)
    gc.disable()  # as clinic_app.cli.main does before a start; start() resumes and freezes
    try:
        window = MainWindow(database, Actor(name="benchmark"))
        window.show()
    finally:
        resume_garbage_collection()
    try:
        _wait_for(lambda: not window.model.is_loading and bool(window.count_label.text()))
        window.list_page.search.setFocus()
        for prefix in typed[:WARM_UP]:
            _keystroke_ms(window, prefix)
        with _Collections() as collections:
            timings = [_keystroke_ms(window, prefix) for prefix in typed]
            words = [ms for query in names for ms in _typed_ms(window, query)]
        slowest = sorted(zip(timings, typed, strict=True), key=lambda t: -t[0][1])[:3]
        typed_keys = [query[:end] for query in names for end in range(1, len(query) + 1)]
        slowest_words = sorted(zip(words, typed_keys, strict=True), reverse=True)[:3]
        print(
            "slowest keystrokes: "
            + ", ".join(f"{text!r} {ms[1]:.0f} ms" for ms, text in slowest)
            + "; typed: "
            + ", ".join(f"{text!r} {ms:.0f} ms" for ms, text in slowest_words),
            file=sys.stderr,
        )
        size = window.list_page.table.size()
        shown = [shown for shown, _ in timings]
        return shown, [reset for _, reset in timings], words, size, collections.longest_ms
    finally:
        window.close()
        database.close()
        gc.unfreeze()  # the process as it was for the benchmarks after this one
        sys.setswitchinterval(switch_interval)


def _baseline_timings(db_url: str, typed: list[str]) -> list[float]:
    timings: list[float] = []
    with raw_db.connect(db_url, autocommit=True) as (connection, adapt):
        cursor = connection.cursor()
        sql = adapt(BASELINE_SQL)
        for prefix in [*typed[:WARM_UP], *typed]:
            upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
            started = time.perf_counter()
            cursor.execute(sql, (prefix, upper)).fetchall()
            timings.append((time.perf_counter() - started) * 1000)
    return timings[WARM_UP:]


def _bare_view_timings(db_url: str, size: Any, count: int) -> list[float]:
    """Qt's own floor: a bare QTableView of the app's table's size showing 100 new rows of a
    QStandardItemModel (no Python in the paint), reset plus one turn of the event loop."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    with raw_db.connect(db_url) as (connection, _adapt):
        rows = (
            connection.cursor()
            .execute(
                "SELECT last_name, first_name, date_of_birth, phone, email FROM patients LIMIT 400"
            )
            .fetchall()
        )
    view = QTableView()
    view.setAlternatingRowColors(True)
    view.resize(size)
    view.show()
    timings: list[float] = []
    for index in range(WARM_UP + count):
        model = QStandardItemModel(0, 5)
        for row in rows[index % 4 * 100 :][:100]:
            model.appendRow([QStandardItem(str(value)) for value in row])
        started = time.perf_counter()
        view.setModel(model)
        QCoreApplication.processEvents()
        timings.append((time.perf_counter() - started) * 1000)
    view.close()
    return timings[WARM_UP:]


def run(ctx: BenchContext) -> dict[str, float]:
    """Keystroke-to-list p50/p95 (ms) of the app, the raw sqlite3 baseline and Qt's own floor."""
    typed = prefixes(ctx.db_url, ctx.repetitions(200), ctx.seed)
    names = name_queries(ctx.db_url, ctx.repetitions(20), ctx.seed)
    app, to_reset, words, size, gc_longest = _app_timings(ctx, typed, names)
    baseline = _baseline_timings(ctx.db_url, typed)
    bare_view = _bare_view_timings(ctx.db_url, size, ctx.repetitions(50))
    return {
        # The figure: keystroke to updated list, "query + model update".
        "search_p50_ms": median(to_reset),
        "search_p95_ms": percentile(to_reset, 95),
        "search_max_ms": max(to_reset),
        # Two words typed key by key from an empty field ("m", "ma", ... "maria garc"): every
        # keystroke to its updated list.
        "search_words_p50_ms": median(words),
        "search_words_p95_ms": percentile(words, 95),
        "search_words_max_ms": max(words),
        "search_words_samples": float(len(words)),
        # The same, until the view has also painted the new rows (one more turn of the loop).
        "search_painted_p50_ms": median(app),
        "search_painted_p95_ms": percentile(app, 95),
        "search_bare_view_p50_ms": median(bare_view),  # Qt alone showing 100 new rows
        "search_bare_view_p95_ms": percentile(bare_view, 95),
        "search_baseline_p50_ms": median(baseline),
        "search_baseline_p95_ms": percentile(baseline, 95),
        "search_samples": float(len(app)),
        # The longest pause of the garbage collector while the keystrokes were typed.
        "search_gc_longest_ms": gc_longest,
    }


if __name__ == "__main__":
    import sys

    folder = Path(sys.argv[1])  # an app data dir, e.g. one made by clinic-app demo
    print(run(BenchContext(folder, folder / "clinic.db", scale=0)))
