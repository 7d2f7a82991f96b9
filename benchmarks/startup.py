"""Start-up time and memory of the window, against a bare PySide6 + SQLAlchemy Core window.

Each measurement is a fresh interpreter running benchmarks/startup_child.py (see its docstring):

* ``app``: the real start of ``clinic-app`` minus the sign-in dialog, ready once the main window
  is shown and painted with the first page of the patient list in its table;
* ``bare-core-db`` (the target's baseline): ``import sqlalchemy`` (Core, no ORM), which is all
  the app's first screen uses (it loads the ORM afterwards), an engine on the clinic's own
  database (its dialect and driver: sqlite3, or psycopg on PostgreSQL), then
  ``PySide6.QtWidgets``, a QApplication, one connection reading the first 100 patients by their
  sort key, and an empty QMainWindow of the same size, ready once it is painted:
  ``startup_baseline_core_db_ms`` and ``startup_ratio_core_db`` (target <= 1.2) say what the
  first screen costs over the libraries it does use and the one read any list of patients
  needs (on PostgreSQL: psycopg, the dialect, a connection to the server);
* ``bare-core``: the same window without the database (``startup_baseline_core_ms``,
  ``startup_ratio_core``), the target's baseline until issue 17's last stop, kept beside it. In
  both, SQLAlchemy is imported first, as the app does, because that order is faster (PySide6's
  import hook reads the source of every module imported after it): the baseline is the libraries at
  their quickest, so the app's ratio owes nothing to the order of imports;
* ``bare``: the same window after ``import sqlalchemy.orm`` (the ORM too), the target's
  baseline until the first screen stopped importing the ORM, kept beside it for comparison
  (``startup_baseline_ms``, ``startup_ratio``);
* ``bare-qt-first``: the same window after ``import PySide6.QtWidgets, sqlalchemy.orm`` (the
  slower order), reported as ``startup_baseline_qt_first_ms`` and ``startup_ratio_qt_first``
  for comparison only;

The clock runs from just before the child is spawned to the moment its ``READY`` line arrives
on stdout (``startup_ms``, ``startup_ratio``). The app shows its first screen before loading the
ORM, the models and the services, which it then loads in a worker thread
(clinic_app.ui.service_loader): the time until its ``LOADED`` line, when they are in, is reported
beside it as ``startup_loaded_ms`` and ``startup_loaded_ratio`` (over the ORM window). The
child's own CPU time until ``READY`` (all its threads, from the interpreter's start) is
``startup_cpu_ms``, against the Core window's ``startup_baseline_core_cpu_ms``
(``startup_cpu_ratio_core``): on a loaded machine it shows the cost without the waits. One
warm-up of each comes first (the OS file cache then holds them all, and the first
start of the day makes its daily backup then, not in a timed run); then the kinds run
interleaved, ``ctx.repetitions(11)`` of each. Figures are medians. Children run with the caller's
environment (so its QPA platform: offscreen, or xcb under Xvfb; it is not forced here), except
that Python's bytecode cache is always on (see :func:`child_environment`).

Memory is the child's resident set (VmRSS in /proc/self/status) once everything is loaded
(``LOADED``), in MiB. ``rss_delta_mb`` is the app's median minus the bare window's.

Set-up, untimed, from this process: the database is brought to the current schema, a user to
start as is chosen (the first active administrator; one is added when there is none) and, when
the clinic's details were never entered, they are filled in, so that each start is an everyday
start rather than the first one (which asks for the clinic's details).

Run by hand: ``python -m benchmarks.startup --data-dir DIR`` from the repository's top folder.
"""

from __future__ import annotations

import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from benchmarks.context import BenchContext

CHILD = Path(__file__).resolve().with_name("startup_child.py")
BENCH_USERNAME = "benchmark-admin"
CHILD_TIMEOUT_S = 300.0


class StartupError(RuntimeError):
    """A child did not report ready; the message carries what it wrote on stderr."""


@dataclass(frozen=True)
class Run:
    kind: str  # one of KINDS
    ms: float  # to READY: the window painted
    loaded_ms: float  # to LOADED: everything loaded (the app's services, after the window)
    rss_kb: int  # at LOADED
    hwm_kb: int
    cpu_ms: float  # CPU time of the child (all its threads) until READY


def prepare(ctx: BenchContext) -> str:
    """Bring the database to the current schema; the user name to start as (untimed)."""
    from clinic_app.db import Database
    from clinic_app.services.security import users
    from clinic_app.services.security.identity import Actor
    from clinic_app.services.settings import clinic

    database = Database(ctx.db_url)
    actor = Actor("benchmark:startup", role=users.ADMINISTRATOR)
    try:
        with database.session() as session:
            admins = [
                user
                for user in users.list_all(session)
                if user.active and user.role == users.ADMINISTRATOR
            ]
            if admins:
                username = admins[0].username
            else:
                username = BENCH_USERNAME
                users.add(
                    session,
                    actor,
                    username,
                    users.ADMINISTRATOR,
                    secrets.token_urlsafe(18),
                    display_name="Benchmark administrator",
                )
            if clinic.load(session) is None:
                clinic.save(
                    session,
                    actor,
                    clinic.ClinicDetails(name="Benchmark Skin Clinic", phone="+1 555 010 0100"),
                )
    finally:
        database.close()
    return username


def child_environment() -> dict[str, str]:
    """The caller's environment (its QPA platform, display, ...), with Python's bytecode cache on.

    An installed app has its modules compiled to bytecode (pip does it at install time); a
    checkout run with PYTHONDONTWRITEBYTECODE would compile every module of the app at every
    start (some 100 ms) while the libraries' bytecode is cached. The warm-up run writes it.
    """
    env = os.environ.copy()
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def spawn(kind: str, ctx: BenchContext, username: str) -> Run:
    """One start of ``kind`` in a fresh interpreter: time to READY, and its memory then."""
    command = [sys.executable, str(CHILD), kind]
    if kind == "app":
        command += ["--data-dir", str(ctx.data_dir), "--db-url", ctx.db_url]
        command += ["--username", username]
    elif kind == "bare-core-db":
        command += ["--db-url", ctx.db_url]
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as errors:
        started = time.perf_counter()
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=errors,
            stdin=subprocess.DEVNULL,
            text=True,
            env=child_environment(),
        )
        ready: float | None = None
        loaded: float | None = None
        values: dict[str, int] = {}
        at_ready: dict[str, int] = {}
        try:
            assert process.stdout is not None
            for line in process.stdout:
                if line.startswith("READY"):
                    ready = time.perf_counter()
                    at_ready = _values(line)
                elif line.startswith("LOADED"):
                    loaded = time.perf_counter()
                    values = _values(line)
                    break
            process.stdout.read()
            status = process.wait(timeout=CHILD_TIMEOUT_S)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        if ready is None or loaded is None or status != 0:
            errors.seek(0)
            raise StartupError(
                f"{kind} start-up failed (exit status {process.returncode}):\n{errors.read()}"
            )
    return Run(
        kind,
        (ready - started) * 1000,
        (loaded - started) * 1000,
        values["rss_kb"],
        values["hwm_kb"],
        at_ready["cpu_us"] / 1000,
    )


def _values(line: str) -> dict[str, int]:
    """``READY a=1 b=2`` -> {"a": 1, "b": 2}."""
    return {key: int(value) for key, _, value in (item.partition("=") for item in line.split()[1:])}


def _mb(kb: float) -> float:
    return kb / 1024


KINDS = ("app", "bare", "bare-qt-first", "bare-core", "bare-core-db")


def run(ctx: BenchContext) -> dict[str, float]:
    """Median start-up time and memory of the app and of the bare window (see the docstring)."""
    username = prepare(ctx)
    for kind in KINDS:  # warm-up: file and bytecode caches, and the day's automatic backup
        spawn(kind, ctx, username)
    repetitions = ctx.repetitions(11)
    runs: list[Run] = []
    for index in range(repetitions):
        # Interleaved, each kind first in turn, so that drift in the machine's load falls on
        # all of them alike.
        shift = index % len(KINDS)
        runs.extend(spawn(kind, ctx, username) for kind in KINDS[shift:] + KINDS[:shift])
    app, bare, qt_first, core, core_db = ([r for r in runs if r.kind == kind] for kind in KINDS)
    app_ms = statistics.median(r.ms for r in app)
    bare_ms = statistics.median(r.ms for r in bare)
    qt_first_ms = statistics.median(r.ms for r in qt_first)
    core_ms = statistics.median(r.ms for r in core)
    core_db_ms = statistics.median(r.ms for r in core_db)
    app_cpu_ms = statistics.median(r.cpu_ms for r in app)
    core_cpu_ms = statistics.median(r.cpu_ms for r in core)
    core_db_cpu_ms = statistics.median(r.cpu_ms for r in core_db)
    rss_app = _mb(statistics.median(r.rss_kb for r in app))
    rss_bare = _mb(statistics.median(r.rss_kb for r in bare))
    pair_ratios = [a.ms / b.ms for a, b in zip(app, bare, strict=True)]
    return {
        "startup_ms": round(app_ms, 1),
        "startup_baseline_ms": round(bare_ms, 1),
        "startup_ratio": round(app_ms / bare_ms, 3),
        "startup_pair_ratio_median": round(statistics.median(pair_ratios), 3),
        "startup_ms_min": round(min(r.ms for r in app), 1),
        "startup_loaded_ms": round(statistics.median(r.loaded_ms for r in app), 1),
        "startup_loaded_ratio": round(statistics.median(r.loaded_ms for r in app) / bare_ms, 3),
        "startup_baseline_ms_min": round(min(r.ms for r in bare), 1),
        "startup_baseline_qt_first_ms": round(qt_first_ms, 1),
        "startup_ratio_qt_first": round(app_ms / qt_first_ms, 3),
        "startup_baseline_core_db_ms": round(core_db_ms, 1),
        "startup_ratio_core_db": round(app_ms / core_db_ms, 3),
        "startup_pair_ratio_core_db_median": round(
            statistics.median(a.ms / c.ms for a, c in zip(app, core_db, strict=True)), 3
        ),
        "startup_baseline_core_db_cpu_ms": round(core_db_cpu_ms, 1),
        "startup_cpu_ratio_core_db": round(app_cpu_ms / core_db_cpu_ms, 3),
        "startup_baseline_core_ms": round(core_ms, 1),
        "startup_ratio_core": round(app_ms / core_ms, 3),
        "startup_pair_ratio_core_median": round(
            statistics.median(a.ms / c.ms for a, c in zip(app, core, strict=True)), 3
        ),
        "startup_cpu_ms": round(app_cpu_ms, 1),
        "startup_baseline_core_cpu_ms": round(core_cpu_ms, 1),
        "startup_cpu_ratio_core": round(app_cpu_ms / core_cpu_ms, 3),
        "rss_app_mb": round(rss_app, 1),
        "rss_bare_mb": round(rss_bare, 1),
        "rss_delta_mb": round(rss_app - rss_bare, 1),
        "rss_app_peak_mb": round(_mb(statistics.median(r.hwm_kb for r in app)), 1),
        "startup_runs": float(repetitions),
    }


def main(argv: list[str] | None = None) -> int:
    import argparse

    if __package__ in (None, ""):  # run as a file: make `benchmarks` importable
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from benchmarks.context import BenchContext
    from clinic_app.config import SQLITE_FILENAME

    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data-dir", type=Path, required=True, help="a seeded clinic data dir")
    parser.add_argument("--samples", type=int, default=200, help="caps the repetitions")
    args = parser.parse_args(argv)
    data_dir = args.data_dir.resolve()
    ctx = BenchContext(
        data_dir=data_dir, db_path=data_dir / SQLITE_FILENAME, scale=0, samples=args.samples
    )
    for key, value in run(ctx).items():
        print(f"{key:28} {value:g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
