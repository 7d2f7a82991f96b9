"""``ui_stall_max_ms``: the longest the UI thread is blocked by any everyday action: signing in
with the real password, opening a patient, opening the session editor (the first time and
later), saving a session by its button, typing a search, a handout clicked at once after the
start and later ones, and a backup (the actions: benchmarks/stall_actions.py).

A heartbeat timer on the UI thread ticks every millisecond and records the gaps between its
ticks; a gap is the time the event loop could not run. The work is started the way a person
starts it, through the app's own window: the post-care handout of a patient (the preview opens
busy, a worker renders and records the PDF, the preview shows it) and "Back up now" (a worker
copies, checks and records the backup). The clock runs from the click, so the synchronous part
of the click counts too, until the result is on screen and a little after.

All of it runs in a fresh interpreter of its own (``python -m benchmarks.stall --child``, with
Python's bytecode cache on as an installed app has it: benchmarks.startup.child_environment),
so that what the earlier benchmarks of the run imported (ReportLab, the ORM, the services) or
seeded does not make the first handout look warm or the memory look bigger. That process's
peak resident set (VmHWM, once every action is done) is the memory figure the issue asks for:
``rss_peak_mb``, and ``rss_peak_delta_mb`` over the peak of a bare window
(``benchmarks/startup_child.py bare``, the median of ``ctx.repetitions(3)`` starts made here);
the settled figure (``rss_delta_mb``, benchmarks/startup.py) stays beside it. The handouts are
laid out by the window's render process (clinic_app/reports/render_process.py), a process of
its own: its peak (VmHWM, which it reports itself) is ``rss_peak_render_child_mb``, and
``rss_peak_delta_with_render_child_mb`` adds it to the window's growth. Before the child
starts, the benchmark user's password hash is brought to today's argon2 parameters through the
app's own sign-in (untimed), so that a clinic seeded by an earlier release measures what the
clinic's later sign-ins cost, not the one renewal.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import stall_actions
from benchmarks.context import BenchContext
from benchmarks.seeding import PASSWORD, USERNAME, bench_user
from benchmarks.stats import percentile

SETTLE_MS = 250  # after the result: the preview lays out and paints its pages
TIMEOUT_S = 120.0

Start = Callable[[Callable[[], None]], None]  # starts the work, calls back when it is done


class _Heartbeat:
    """Gaps between ticks of a 1 ms timer on the UI thread, from ``begin()`` on."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(1)
        self.timer.timeout.connect(self._tick)
        self.gaps: list[float] = []
        self._last = 0.0

    def begin(self) -> None:
        self.gaps = []
        self._last = time.perf_counter()
        self.timer.start()

    def mark(self) -> None:
        """Count from now (the click)."""
        self._last = time.perf_counter()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append((now - self._last) * 1000)
        self._last = now

    def end(self) -> list[float]:
        self._tick()
        self.timer.stop()
        return self.gaps


def _wait(condition: Callable[[], bool], timeout_s: float) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.perf_counter() + timeout_s
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the work did not finish in time")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)


def measure(start: Start, click_cpu_ms: list[float] | None = None) -> list[float]:
    """The UI thread's gaps (ms) from starting the work until it is done and settled; with
    ``click_cpu_ms``, the UI thread's CPU time (ms) of the click itself is appended to it (what
    the app does synchronously, as a loaded machine's wall-clock gaps cannot tell)."""
    from PySide6.QtCore import QTimer

    heartbeat = _Heartbeat()
    state = {"done": False, "started": False, "settled": False}

    def done() -> None:
        state["done"] = True
        QTimer.singleShot(SETTLE_MS, lambda: state.update(settled=True))

    def click() -> None:
        heartbeat.mark()
        state["started"] = True
        cpu = time.thread_time()
        start(done)
        if click_cpu_ms is not None:
            click_cpu_ms.append((time.thread_time() - cpu) * 1000)

    heartbeat.begin()
    QTimer.singleShot(20, click)  # from inside the event loop, as a click would be
    _wait(lambda: state["settled"], TIMEOUT_S)
    return heartbeat.end()


class _SilentDialogs:
    """Answers the window's questions as a person would, without a modal loop; ``on_info``
    hears the messages the window shows when work is done ("Backup written")."""

    def __init__(self) -> None:
        self.on_info: Callable[[], None] = lambda: None

    def confirm(self, *_args: Any, **_kwargs: Any) -> bool:
        return True

    def error(self, _parent: Any, title: str, text: str) -> None:
        raise RuntimeError(f"{title}: {text}")

    def info(self, *_args: Any, **_kwargs: Any) -> None:
        self.on_info()


def _start(ctx: BenchContext, dialogs: _SilentDialogs) -> Any:
    """The app started as ``clinic-app`` starts it (clinic_app.ui.app.start: database check,
    main window, menus, idle lock, daily backup), the sign-in dialog answered by the bench user."""
    from clinic_app.config import AppConfig
    from clinic_app.ui import app as app_module

    user = bench_user(ctx)
    config = AppConfig(data_dir=ctx.data_dir, db_url=ctx.db_url)
    gc.disable()  # as clinic_app.cli.main does before a start (start() resumes and freezes)
    started = app_module.start(config, dialogs, authenticate=lambda _database: user)  # type: ignore[arg-type]
    if isinstance(started, int):
        raise RuntimeError(f"the app did not start (exit status {started})")
    return started


def _patients_with_consultations(ctx: BenchContext, count: int) -> list[int]:
    from sqlalchemy import select

    from clinic_app.db import Database
    from clinic_app.models import Consultation

    database = Database(ctx.db_url)
    try:
        with database.session() as session:
            ids = list(session.scalars(select(Consultation.patient_id).limit(5000)))
    finally:
        database.close()
    rng = random.Random(ctx.seed)
    return [rng.choice(ids) for _ in range(count)]


def _handout_start(window: Any, patient_id: int, previews: list[Any]) -> Start:
    def start(done: Callable[[], None]) -> None:
        controller = window.handouts

        def finished(*_args: Any) -> None:
            controller.handout_ready.disconnect(finished)
            done()

        controller.handout_ready.connect(finished)
        preview = controller.open_post_care(patient_id, dt.date.today() + dt.timedelta(days=7))
        if preview is None:
            raise RuntimeError("the handout was refused (clinic details missing?)")
        previews.append(preview)

    return start


def _backup_start(security: Any, dialogs: _SilentDialogs, target: Path) -> Start:
    def start(done: Callable[[], None]) -> None:
        security.ask_backup_path = lambda _suggested: target  # the file dialog's answer
        dialogs.on_info = done  # "Backup written", shown once the backup is recorded
        security.backup_now()

    return start


def _cleared_patients(ctx: BenchContext, count: int) -> list[int]:
    """Distinct patients whose consultation clears them for a session (no gate to pass: the
    gate's own dialog would wait for a person), drawn as ``_patients_with_consultations``."""
    from clinic_app.db import Database
    from clinic_app.domain.clinical_picture import Purpose
    from clinic_app.services.clinical import gates
    from clinic_app.services.sessions.session_resources import load_resources

    rules = load_resources().rules
    database = Database(ctx.db_url)
    cleared: list[int] = []
    try:
        with database.session() as session:
            for patient_id in dict.fromkeys(_patients_with_consultations(ctx, count * 20)):
                if not gates.open_problems(session, patient_id, Purpose.SESSION, rules):
                    cleared.append(patient_id)
                if len(cleared) == count:
                    break
    finally:
        database.close()
    if not cleared:
        raise RuntimeError("no patient of the benchmark clinic is cleared for a session")
    return cleared


def _search_texts(ctx: BenchContext, count: int) -> list[str]:
    """Family names of stored patients, lower-cased, as a person types them."""
    from benchmarks.search import prefixes

    return [text for text in prefixes(ctx.db_url, count * 4, ctx.seed) if len(text) >= 3][:count]


def _discard_drafts(ctx: BenchContext, session_ids: list[int]) -> None:
    """Remove the drafts the save measurements made, so the cached clinic stays as seeded."""
    from clinic_app.db import Database
    from clinic_app.models import TreatmentSession
    from clinic_app.services.sessions import session_drafts

    user = bench_user(ctx)
    database = Database(ctx.db_url)
    try:
        with database.session() as session:
            for session_id in session_ids:
                record = session.get(TreatmentSession, session_id)
                if record is not None:
                    session_drafts.discard(
                        session, user.actor, session_id, expected_version=record.version
                    )
    finally:
        database.close()


def _everyday(window: Any, database: Any, ctx: BenchContext) -> dict[str, list[float]]:
    """The gaps of each everyday action, driven through the window (first editor apart)."""
    from clinic_app.ui.security.login_dialog import LoginDialog

    gaps: dict[str, list[float]] = {k: [] for k in ("sign_in", "patient", "editor_first",
                                                     "editor", "save", "search")}  # fmt: skip
    dialog = LoginDialog(database)
    dialog.show()
    for _ in range(max(1, ctx.repetitions(3) // 3)):
        gaps["sign_in"] += measure(stall_actions.sign_in(dialog, USERNAME, PASSWORD))
        dialog.user = None
    dialog.close()
    _note("signed in")
    for patient_id in _patients_with_consultations(ctx, ctx.repetitions(6)):
        gaps["patient"] += measure(stall_actions.open_patient(window, patient_id))
    editors: list[Any] = []
    saved: list[int] = []
    try:
        for index, patient_id in enumerate(_cleared_patients(ctx, ctx.repetitions(6))):
            key = "editor_first" if index == 0 else "editor"
            gaps[key] += measure(stall_actions.open_editor(window, patient_id, editors))
            gaps["save"] += measure(stall_actions.save_by_button(editors[-1], saved))
            editors.pop().reject()  # the window deletes it; the benchmark keeps no reference
    finally:
        _discard_drafts(ctx, saved)
    for text in _search_texts(ctx, ctx.repetitions(5)):
        gaps["search"] += measure(stall_actions.type_search(window, text))
    window.list_page.search.clear()
    return gaps


def run(ctx: BenchContext) -> dict[str, float]:
    """The stalls, measured in a process of their own, and that process's peak memory against
    a bare window's (see the module's docstring)."""
    from benchmarks.startup import StartupError, child_environment, spawn

    _renew_bench_hash(ctx)
    context = {
        key: str(value) if isinstance(value, Path) else value
        for key, value in dataclasses.asdict(ctx).items()
    }
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as errors:
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.stall", "--child", json.dumps(context)],
            cwd=Path(__file__).resolve().parent.parent,  # this copy of the benchmarks
            stdout=subprocess.PIPE,
            stderr=errors,
            stdin=subprocess.DEVNULL,
            text=True,
            env=child_environment(),
            timeout=CHILD_TIMEOUT_S,
            check=False,
        )
        lines = [line for line in done.stdout.splitlines() if line.startswith(RESULT)]
        errors.seek(0)
        for line in errors:  # the child's memory by step, with CLINIC_BENCH_TRACE=1
            if line.startswith("[stall]"):
                print(line.rstrip(), file=sys.stderr)
        if done.returncode != 0 or not lines:
            errors.seek(0)
            raise StartupError(
                f"the stall benchmark failed (exit status {done.returncode}):\n{errors.read()}"
            )
    results: dict[str, float] = json.loads(lines[-1].removeprefix(RESULT))
    bare = [spawn("bare", ctx, "").hwm_kb for _ in range(ctx.repetitions(3))]
    peak_mb = results.pop("stall_hwm_kb") / 1024
    bare_mb = statistics.median(bare) / 1024
    child_mb = results.get("rss_peak_render_child_mb", 0.0)
    return {
        **results,
        "rss_peak_mb": round(peak_mb, 1),
        "rss_peak_bare_mb": round(bare_mb, 1),
        "rss_peak_delta_mb": round(peak_mb - bare_mb, 1),
        # The window's growth and the whole render process beside it (no target: both peaks
        # added, though they need not fall at the same moment, and the child's count the
        # shared libraries and the interpreter the window's count too).
        "rss_peak_delta_with_render_child_mb": round(peak_mb - bare_mb + child_mb, 1),
    }


RESULT = "RESULT "
CHILD_TIMEOUT_S = 1800.0


def _renew_bench_hash(ctx: BenchContext) -> None:
    """Sign the benchmark user in once (untimed) when their stored hash was made with other
    argon2 parameters than today's: the app's own sign-in renews it."""
    from clinic_app.db import Database
    from clinic_app.services.security import auth, passwords, users

    database = Database(ctx.db_url)
    try:
        with database.session() as session:
            user = users.find(session, USERNAME)
            stored = None if user is None else user.password_hash
        if stored is not None and passwords.needs_rehash(stored):
            with database.session() as session:
                if not auth.sign_in(session, USERNAME, PASSWORD).ok:
                    raise RuntimeError("the benchmark user could not sign in")
    finally:
        database.close()


STEPS_MB: dict[str, float] = {}  # this process's peak (VmHWM, MB) after each step, in order


def _note(step: str) -> None:
    """Record this process's peak memory after ``step`` (``stall_peak_mb_after_<step>`` in the
    results); with CLINIC_BENCH_TRACE=1 also print it and the resident set on stderr."""
    import os

    from benchmarks.startup_child import memory_kb

    rss, hwm = memory_kb()
    STEPS_MB[step.replace(" ", "_")] = round(hwm / 1024, 1)
    if os.environ.get("CLINIC_BENCH_TRACE") == "1":
        print(
            f"[stall] {step}: VmRSS {rss / 1024:.1f} MB, VmHWM {hwm / 1024:.1f} MB", file=sys.stderr
        )


def _child_main(argv: list[str]) -> int:
    """``--child CONTEXT_JSON``: measure here and print ``RESULT <json>`` (with the peak)."""
    from benchmarks.startup_child import memory_kb

    if len(argv) != 2 or argv[0] != "--child":
        print("usage: python -m benchmarks.stall --child CONTEXT_JSON", file=sys.stderr)
        return 2
    fields = json.loads(argv[1])
    ctx = BenchContext(
        data_dir=Path(fields["data_dir"]),
        db_path=Path(fields["db_path"]),
        scale=int(fields["scale"]),
        samples=int(fields["samples"]),
        seed=int(fields["seed"]),
        server_url=fields["server_url"],
        photo_megapixels=float(fields["photo_megapixels"]),
    )
    results: dict[str, float] = dict(measure_here(ctx))
    _note("backups")
    results.update({f"stall_peak_mb_after_{step}": mb for step, mb in STEPS_MB.items()})
    results["stall_hwm_kb"] = float(memory_kb()[1])
    print(RESULT + json.dumps(results), flush=True)
    return 0


def measure_here(ctx: BenchContext) -> dict[str, float]:
    """The longest UI-thread gap (ms) of each everyday action, of handouts and of backups,
    measured in this process."""
    # The app's own start module first, as clinic-app imports it: the layers under the window,
    # then PySide6 with its import hook made cheap (clinic_app.ui.qt_import). Importing PySide6
    # here first would let that hook read the source of every module imported after it (some
    # 12 MB of lines kept in linecache) which the app itself never reads.
    from clinic_app.ui import app as _app_module  # noqa: F401  (isort: split)

    # isort: split
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    from clinic_app.ui.handouts.controller import WARM_UP_DELAY_MS

    _app = QApplication.instance() or QApplication([])
    dialogs = _SilentDialogs()
    started = _start(ctx, dialogs)
    _note("started")
    window, security = started.window, started.security
    previews: list[Any] = []
    handout_gaps: list[float] = []
    backup_gaps: list[float] = []
    try:
        # A person who clicks a handout the moment the list is on screen, before anything the
        # app loads ahead has been loaded.
        _wait(lambda: not window.model.is_loading, TIMEOUT_S)
        [first_patient] = _patients_with_consultations(ctx, 1)
        first_click: list[float] = []
        first_handout = measure(_handout_start(window, first_patient, previews), first_click)
        _note("first handout")
        for preview in previews:
            preview.close()
        previews.clear()
        # Then, as a person would: the start's own work (the daily backup) is done before the
        # next click.
        loaded = started.services  # the daily backup begins once the services are loaded
        _wait(lambda: loaded.done and not security.busy, TIMEOUT_S)
        QThreadPool.globalInstance().waitForDone()
        everyday = _everyday(window, started.database, ctx)
        _note("everyday actions")
        # ...and has looked at the list for a moment: what the app loads ahead of the first
        # handout (HandoutController.warm_up, in its render thread) has been loaded.
        pause = time.perf_counter() + WARM_UP_DELAY_MS / 1000 + 0.2
        _wait(lambda: time.perf_counter() > pause, TIMEOUT_S)
        window.handouts.render_pool.waitForDone()
        for patient_id in _patients_with_consultations(ctx, ctx.repetitions(5)):
            handout_gaps += measure(_handout_start(window, patient_id, previews))
            for preview in previews:
                preview.close()
            previews.clear()
        _note("later handouts")
        with tempfile.TemporaryDirectory(dir=ctx.data_dir) as scratch:
            for index in range(max(1, ctx.repetitions(3) // 3)):
                target = Path(scratch) / f"bench-backup-{index}.db"
                backup_gaps += measure(_backup_start(security, dialogs, target))
                dialogs.on_info = lambda: None
        # The handouts' render process: its own peak, counted beside the window's.
        child, child_starts = window.handouts.renderer.status(), window.handouts.renderer.starts
    finally:
        window.handouts.wait_for_workers()
        window.close()
        started.close()
    every = [gap for gaps in everyday.values() for gap in gaps]
    return {
        "ui_stall_max_ms": max(handout_gaps + backup_gaps + first_handout + every),
        **{f"ui_stall_{name}_max_ms": max(gaps) for name, gaps in everyday.items()},
        "ui_stall_first_handout_max_ms": max(first_handout),
        "ui_cpu_first_handout_click_ms": round(first_click[0], 1),  # no target: the why
        "ui_stall_handout_max_ms": max(handout_gaps),
        "ui_stall_handout_p99_ms": percentile(handout_gaps, 99),
        "ui_stall_backup_max_ms": max(backup_gaps),
        "ui_stall_backup_p99_ms": percentile(backup_gaps, 99),
        "rss_peak_render_child_mb": round(child.peak_kb / 1024, 1),
        # Its pages no other process shares, at the end (the rest: libpython and the like).
        "rss_render_child_private_mb": round(child.private_kb / 1024, 1),
        "stall_render_child_starts": float(child_starts),
        "stall_window_imported_reportlab": float("reportlab" in sys.modules),  # 0: not here
    }


if __name__ == "__main__":
    sys.exit(_child_main(sys.argv[1:]))
