"""The clinic every benchmark measures: N demo patients with three signed sessions each.

Seeded through the app's own demo seeding (services.demo.demo and services.demo.demo_history),
in an app data dir of its own, and kept in a cache so that a second run at the same scale starts
measuring at once. A cached clinic is used only when it was finished (its marker file is
written last) by the same app version.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.context import BenchContext

if TYPE_CHECKING:
    from clinic_app.services.security.identity import SignedInUser

SESSIONS_EACH = 3
USERNAME = "bench"
PASSWORD = "bench-password-2026"  # a throwaway clinic's throwaway user
MARKER = "seeded.json"
CLINIC_NAME = "Benchmark Skin Clinic"  # how a benchmark's own database is recognised
DB_FILENAME = "clinic.db"  # clinic_app.config.SQLITE_FILENAME, checked when seeding

Progress = Callable[[str], None]


def clinic_dir(
    cache_root: Path,
    scale: int,
    seed: int,
    sessions_each: int = SESSIONS_EACH,
    server_url: str | None = None,
) -> Path:
    """Where the clinic of this scale and seed is kept (for a server: its data dir and marker;
    the database itself is on the server)."""
    suffix = "" if sessions_each == SESSIONS_EACH else f"-sessions{sessions_each}"
    if server_url is not None:
        from sqlalchemy.engine import make_url

        where = make_url(server_url).render_as_string(hide_password=True)
        suffix += "-pg-" + hashlib.sha256(where.encode()).hexdigest()[:10]
    return cache_root / f"clinic-{scale}-seed{seed}{suffix}"


def _reset_server_database(url: str) -> None:
    """Empty the PostgreSQL database at ``url`` for seeding: only one that is empty or holds an
    earlier benchmark clinic, never a clinic's real records."""
    from sqlalchemy import create_engine, inspect, text

    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            tables = inspect(connection).get_table_names()
            if tables:
                name = None
                if "clinic_settings" in tables:
                    name = connection.scalar(text("SELECT name FROM clinic_settings LIMIT 1"))
                if name != CLINIC_NAME:
                    raise SystemExit(
                        f"--db-url {make_safe(url)} holds tables that are not a benchmark "
                        "clinic's; name an empty database made for the benchmarks."
                    )
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()


def _vacuum(url: str) -> None:
    """VACUUM ANALYZE the freshly seeded server database, as its autovacuum would within minutes:
    until then no page is marked all-visible, every index-only scan reads the table too and the
    planner has no statistics (at 1 000 000 patients the search benchmark's p95 was 111 ms
    before the autovacuum had run; docs/search.md)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text("VACUUM ANALYZE"))
    finally:
        engine.dispose()


def make_safe(url: str) -> str:
    """``url`` with its password hidden, for messages."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _marker_matches(folder: Path, scale: int, seed: int, sessions_each: int) -> bool:
    from clinic_app import __version__

    try:
        marker = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    wanted = {"scale": scale, "seed": seed, "sessions_each": sessions_each, "app": __version__}
    return all(marker.get(key) == value for key, value in wanted.items())


def seeded_clinic(
    cache_root: Path,
    scale: int,
    *,
    seed: int = 2026,
    samples: int = 200,
    fresh: bool = False,
    sessions_each: int = SESSIONS_EACH,
    progress: Progress = lambda _line: None,
    server_url: str | None = None,
) -> tuple[BenchContext, float | None]:
    """The clinic of ``scale`` patients (seeded now unless cached) and the seconds seeding took
    (None when the cached one was used). ``sessions_each`` 0: patients only, no history.
    ``server_url``: seed on that PostgreSQL database (empty, or an earlier benchmark clinic)."""
    folder = clinic_dir(cache_root, scale, seed, sessions_each, server_url)
    context = BenchContext(folder, folder / DB_FILENAME, scale, samples, seed, server_url)
    if not fresh and _marker_matches(folder, scale, seed, sessions_each):
        progress(f"using the clinic seeded before in {folder}")
        return context, None
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    if server_url is not None:
        _reset_server_database(server_url)
    started = time.perf_counter()
    counts = _seed(context, sessions_each, progress)
    seconds = time.perf_counter() - started
    if server_url is not None:
        _vacuum(server_url)
    from clinic_app import __version__

    marker = {
        "scale": scale,
        "seed": seed,
        "sessions_each": sessions_each,
        "app": __version__,
        "seconds": round(seconds, 1),
        **counts,
    }
    (folder / MARKER).write_text(json.dumps(marker, indent=2), encoding="utf-8")
    return context, seconds


def _seed(context: BenchContext, sessions_each: int, progress: Progress) -> dict[str, int]:
    from clinic_app.config import SQLITE_FILENAME
    from clinic_app.db import Database
    from clinic_app.services.demo import demo, demo_history
    from clinic_app.services.security import users
    from clinic_app.services.security.identity import Actor
    from clinic_app.services.settings import clinic

    assert SQLITE_FILENAME == DB_FILENAME, "the app's database file name changed"
    database = Database(context.db_url)
    try:
        with database.session() as session:
            setup = Actor.from_os()
            user = users.add(session, setup, USERNAME, users.ADMINISTRATOR, PASSWORD, "Bench Mark")
            clinic.save(
                session,
                setup,
                clinic.ClinicDetails(
                    name=CLINIC_NAME,
                    phone="+1 555 010 2026",
                    address="1 Example Street, Springfield",
                    email="front-desk@example.org",
                ),
                expect_new=True,
            )
        actor = Actor(name=user.display_name, user_id=user.id)
        with database.session() as session:
            demo.seed_patients(
                session,
                actor,
                context.scale,
                seed=context.seed,
                progress=lambda done, total: progress(f"{done}/{total} patients"),
            )
        if not sessions_each:
            return {"patients": context.scale, "consultations": 0, "sessions": 0, "areas": 0}
        with database.session() as session:
            history = demo_history.seed_history(
                session,
                actor,
                seed=context.seed,
                sessions_each=sessions_each,
                progress=lambda done, total: progress(f"{done}/{total} patients' sessions"),
            )
        return {
            "patients": context.scale,
            "consultations": history.consultations,
            "sessions": history.sessions,
            "areas": history.areas,
        }
    finally:
        database.close()


def bench_user(context: BenchContext) -> SignedInUser:
    """The benchmark's signed-in user."""
    from clinic_app.db import Database
    from clinic_app.services.security import users
    from clinic_app.services.security.identity import SignedInUser

    database = Database(context.db_url)
    try:
        with database.session() as session:
            user = users.find(session, USERNAME)
            assert user is not None, "the benchmark clinic has no user"
            return SignedInUser(user.id, user.username, user.display_name, user.role)
    finally:
        database.close()
