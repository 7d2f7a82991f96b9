"""One start-up, measured by benchmarks/startup.py; run by path in a fresh interpreter.

    python benchmarks/startup_child.py bare | bare-qt-first | bare-core
    python benchmarks/startup_child.py bare-core-db --db-url URL
    python benchmarks/startup_child.py app --data-dir DIR --db-url URL --username NAME

``bare``: import sqlalchemy.orm and PySide6.QtWidgets (in that order, the faster one), show an
empty QMainWindow of the main window's size; ``bare-qt-first`` the same with PySide6 imported
first; ``bare-core`` the same with SQLAlchemy Core alone (``import sqlalchemy``, no ORM), what
the app's first screen itself uses; ``bare-core-db`` the Core window that also opens the
clinic's database (``create_engine(URL)``: the dialect and its driver, sqlite3 or psycopg),
and reads the first 100 patients by their sort key with one plain query: the libraries the
app's first screen uses on that database and the one read any list of its patients needs (the
rows are not shown; the window stays as empty as the others).

``app``: the real start of ``clinic-app`` (its command line, the garbage collector paused as
clinic_app.cli.main does, its imports and clinic_app.ui.app.start: open and check the database, the
main window with its menus and the idle lock, then the services loaded in a worker thread and the
daily backup), with one step replaced: the sign-in dialog, whose user is looked up by name with one
query instead (no password typed, no argon2 check; the real dialog starts loading the services while
it waits for the password).

When the window is on screen and painted (for ``app``: with the first page of the patient list
in the table) the child prints one line on stdout::

    READY rss_kb=<VmRSS> hwm_kb=<VmHWM> cpu_us=<CPU time>

read from /proc/self/status at that moment (VmRSS: resident now; VmHWM: the peak so far);
``cpu_us`` is the CPU time the process has used until then, all its threads, from the
interpreter's own start (``time.process_time()``, in microseconds): the start's cost without
the waits of a loaded machine. When
everything is loaded (for ``app``: the ORM, the models and the services, which the app loads in
a worker thread after the first screen, clinic_app.ui.service_loader; for ``bare``: at once) it
prints ``LOADED`` and the same two figures, then waits for its worker threads (a daily backup in
progress is finished, not cut short) and exits.
The QPA platform is whatever the environment gives (offscreen, xcb under Xvfb, ...).
With CLINIC_BENCH_TRACE=1 it also prints, on stderr, milliseconds since the interpreter began
at each step, and the CPU time used by then.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any

WINDOW_SIZE = (1100, 720)  # MainWindow.resize(1100, 720)
TRACE = os.environ.get("CLINIC_BENCH_TRACE") == "1"


def _since_start_ms() -> float:
    """Milliseconds since this process was created (from /proc/self/stat)."""
    with open("/proc/self/stat", encoding="ascii") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    start_ticks = int(fields[19])  # field 22: starttime, in clock ticks since boot
    with open("/proc/uptime", encoding="ascii") as handle:
        uptime = float(handle.read().split()[0])
    return (uptime - start_ticks / os.sysconf("SC_CLK_TCK")) * 1000


_origin: tuple[float, float] | None = None  # (ms since the process began, perf_counter) then


def trace(step: str) -> None:
    """With CLINIC_BENCH_TRACE=1 (Linux): ``[ms since the process began] step`` on stderr."""
    global _origin
    if not TRACE:
        return
    if _origin is None:
        _origin = (_since_start_ms(), time.perf_counter())
    at = _origin[0] + (time.perf_counter() - _origin[1]) * 1000
    cpu = time.process_time() * 1000
    print(f"[{at:7.1f} ms, cpu {cpu:6.1f} ms] {step}", file=sys.stderr, flush=True)


def memory_kb() -> tuple[int, int]:
    """(VmRSS, VmHWM) of this process, in kB; without /proc (not Linux), the peak twice."""
    values: dict[str, int] = {}
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                key, _, rest = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    values[key] = int(rest.split()[0])
        return values["VmRSS"], values["VmHWM"]
    except (OSError, KeyError):
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        peak = peak // 1024 if sys.platform == "darwin" else peak  # bytes on macOS
        return peak, peak


def report(step: str) -> None:
    """``READY ...`` (the window painted) or ``LOADED ...`` (everything loaded), with memory
    and the CPU time used so far."""
    cpu_us = round(time.process_time() * 1_000_000)
    rss, hwm = memory_kb()
    trace(step.lower())
    print(f"{step} rss_kb={rss} hwm_kb={hwm} cpu_us={cpu_us}", flush=True)


FIRST_PAGE_SQL = (
    "SELECT id, first_name, last_name, date_of_birth, phone, email FROM patients "
    "ORDER BY sort_key LIMIT 100"
)


def read_first_page(engine: Any) -> list[tuple[Any, ...]]:
    """Read the first page of patients with SQLAlchemy Core: the least any window showing the
    list must do (the connection goes back to the engine's pool)."""
    import sqlalchemy

    with engine.connect() as connection:
        rows = [tuple(row) for row in connection.execute(sqlalchemy.text(FIRST_PAGE_SQL))]
    trace(f"first page read ({len(rows)} rows)")
    return rows


def run_bare(qt_first: bool, core: bool = False, db_url: str | None = None) -> int:
    # The baseline's imports. SQLAlchemy first is the faster order, which the app uses too
    # (clinic_app/ui/app.py): PySide6's import hook reads the source of every module imported
    # after it. ``qt_first`` is the other order, `import PySide6.QtWidgets, sqlalchemy.orm`.
    if qt_first:
        import PySide6.QtWidgets  # noqa: F401
    engine = None
    if core:
        import sqlalchemy

        if db_url is not None:
            # The dialect and its driver are imported here, before PySide6, the quickest order.
            engine = sqlalchemy.create_engine(db_url)
    else:
        import sqlalchemy.orm
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    trace("imported")
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(*WINDOW_SIZE)
    if engine is not None:
        read_first_page(engine)  # the rows are read, not shown: the window stays empty

    class PaintWatcher(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and window.windowHandle().isExposed():
                window.removeEventFilter(self)
                QTimer.singleShot(0, finish)  # after this paint has been done
            return False

    def finish() -> None:
        report("READY")
        report("LOADED")  # nothing more to load
        app.quit()

    watcher = PaintWatcher()
    window.installEventFilter(watcher)
    window.show()
    trace("shown")
    return app.exec()


def run_app(data_dir: str, db_url: str, username: str) -> int:
    # The command line first, as `clinic-app` does (clinic_app.cli.main): the window's options,
    # the garbage collector paused (clinic_app.ui.app.start resumes it), then the GUI's imports.
    import gc

    from clinic_app.cli import window_config

    config = window_config(["--data-dir", data_dir, "--db-url", db_url])
    assert config is not None
    gc.disable()
    from clinic_app.ui import app as app_module

    trace("imported")
    from PySide6.QtCore import QEvent, QObject, QThreadPool, QTimer
    from PySide6.QtWidgets import QApplication, QWidget
    from sqlalchemy import text

    from clinic_app.db import Database
    from clinic_app.services.security.identity import SignedInUser
    from clinic_app.ui.common.dialog_service import DialogService

    # As run_gui does.
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from clinic_app.ui.common.i18n import install_window_language
    from clinic_app.ui.main_window import APP_TITLE  # already imported by ui.app

    app.setApplicationName(APP_TITLE)
    app.setOrganizationName("clinic-app")
    install_window_language(config.data_dir)  # the workstation's language, else the system's

    def as_user(database: Database) -> SignedInUser | None:
        """Instead of the sign-in dialog: the user named on the command line, read with one
        query (the real dialog's password check runs once the ORM has loaded in the background
        while the person types, clinic_app.ui.app.sign_in; it is not timed here)."""
        trace("database open")
        query = "SELECT id, username, display_name, role FROM users WHERE username = :name"
        with database.reading() as reader:
            row = reader.execute(text(query), {"name": username}).one_or_none()
        return None if row is None else SignedInUser(*row)

    started = app_module.start(config, DialogService(), authenticate=as_user)
    if isinstance(started, int):
        print(f"the app did not start (exit status {started})", file=sys.stderr)
        return 2
    trace("window shown")
    window = started.window
    table = window.list_page.table
    model = window.model
    done = False

    def first_page_in() -> bool:
        return not model.is_loading and model.rowCount() > 0

    class PaintWatcher(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if (
                not done
                and event.type() == QEvent.Type.Paint
                and first_page_in()
                and window.windowHandle() is not None
                and window.windowHandle().isExposed()
            ):
                QTimer.singleShot(0, finish)  # after this paint has been done
            return False

    def finish() -> None:
        nonlocal done
        if done:
            return
        done = True
        report("READY")

        def loaded() -> None:
            report("LOADED")
            app.quit()

        started.services.when_loaded(loaded)

    model.loading_changed.connect(
        lambda loading: (
            trace(f"first page in the model ({model.rowCount()} rows)") if not loading else None
        )
    )
    watcher = PaintWatcher()
    # The table's viewport, found by its name: `table.viewport()` would cost the child some
    # 20 ms that the app does not spend (PySide, wrapping a plain QWidget made by Qt, builds
    # the Python types of every QWidget subclass looking for a closer one).
    viewport = table.findChild(QWidget, "qt_scrollarea_viewport")
    assert viewport is not None
    viewport.installEventFilter(watcher)
    status = app.exec()
    QThreadPool.globalInstance().waitForDone()  # a daily backup in progress finishes
    started.security.lock.stop()
    started.database.close()
    trace("exit")
    return status


def main(argv: list[str]) -> int:
    trace("python started")
    if not argv or argv[0] not in ("bare", "bare-qt-first", "bare-core", "bare-core-db", "app"):
        print(__doc__, file=sys.stderr)
        return 2
    options = dict(zip(argv[1::2], argv[2::2], strict=False))
    if argv[0].startswith("bare"):
        return run_bare(
            qt_first=argv[0] == "bare-qt-first",
            core=argv[0].startswith("bare-core"),
            db_url=options["--db-url"] if argv[0] == "bare-core-db" else None,
        )
    return run_app(options["--data-dir"], options["--db-url"], options["--username"])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
