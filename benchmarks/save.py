"""``save_p95_ms``: saving a treatment session with three areas, as the editor's Save does.

One sample is the editor's unit of work: open a database session, ``session_drafts.save``
a new draft (three areas, checked against the device profile, numbered in the patient's series,
audited), commit. The patients and their settings come from the seeded clinic's signed sessions.
The baseline is the bare driver (sqlite3, or psycopg with --db-url) writing the same rows (one
session, three areas, one audit event) in one transaction, with the app's durability
settings (WAL, synchronous FULL).
The drafts are discarded afterwards, so the cached clinic stays as seeded.
``save_statements`` is what the warm-up saves sent, the most of them (deterministic, unlike the
times: docs/performance.md, "What one save sends").
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmarks import raw_db
from benchmarks.context import BenchContext
from benchmarks.seeding import bench_user
from benchmarks.stats import percentile

if TYPE_CHECKING:
    from clinic_app.domain.sessions.session_record import SessionInput

AREAS_PER_SESSION = 3
WARM_UP = 5  # saves before the timed ones; their statements are counted (save_statements)


def _templates(ctx: BenchContext, count: int) -> list[SessionInput]:
    """``count`` session inputs copied from random signed sessions with at least three areas."""
    from sqlalchemy import func, select

    from clinic_app.db import Database
    from clinic_app.models import SessionArea
    from clinic_app.services.sessions import treatment_sessions

    rng = random.Random(ctx.seed)
    database = Database(ctx.db_url)
    try:
        with database.session() as session:
            top = int(session.scalar(select(func.max(SessionArea.session_id))) or 0)
            inputs: list[SessionInput] = []
            while len(inputs) < count and top:
                record = treatment_sessions.get(session, rng.randint(1, top))
                if len(record.areas) < AREAS_PER_SESSION:
                    continue
                inputs.append(
                    dataclasses.replace(
                        record.data,
                        performed_at=dt.datetime.now(dt.UTC),
                        areas=record.areas[:AREAS_PER_SESSION],
                        recheck_answers={},
                        recheck_reason="",
                        notes="",
                    )
                )
            return inputs
    finally:
        database.close()


def _app_saves(
    ctx: BenchContext, inputs: list[SessionInput], counted: int
) -> tuple[list[float], list[int]]:
    """The time of each save, and the statements each of the first ``counted`` sent (cursor
    executions: one round trip each on PostgreSQL, besides psycopg's BEGIN and COMMIT and the
    pool's ping); the timed saves after them run with no listener."""
    from sqlalchemy import event

    from clinic_app.db import Database
    from clinic_app.services.sessions import session_drafts
    from clinic_app.services.sessions.session_resources import load_resources

    actor = bench_user(ctx).actor
    resources = load_resources(ctx.data_dir)
    database = Database(ctx.db_url)
    times: list[float] = []
    statements: list[int] = []
    saved: list[tuple[int, int]] = []

    def count(*_args: object) -> None:
        statements[-1] += 1

    event.listen(database.engine, "before_cursor_execute", count)
    try:
        for index, data in enumerate(inputs):
            if index == counted:
                event.remove(database.engine, "before_cursor_execute", count)
            statements.append(0)
            started = time.perf_counter()
            with database.session() as session:
                record = session_drafts.save(session, actor, data, resources)
            times.append((time.perf_counter() - started) * 1000)
            saved.append((record.id, record.version))
        with database.session() as session:
            for session_id, version in saved:
                session_drafts.discard(session, actor, session_id, expected_version=version)
    finally:
        database.close()
    return times, statements[:counted]


BASELINE_TABLES = (
    "CREATE TABLE bench_session (id {key}, patient_id INT, performed_at TEXT, "
    "device TEXT, intensity TEXT, recheck TEXT, version INT)",
    "CREATE TABLE bench_area (id {key}, session_id INT REFERENCES bench_session(id), "
    "area TEXT, power REAL, dwell REAL, spacing REAL, stack INT, passes INT, scan TEXT)",
    "CREATE TABLE bench_audit (id {key}, entity TEXT, entity_id INT, summary TEXT, hash TEXT)",
)


def _baseline_saves(ctx: BenchContext, count: int) -> list[float]:
    """The bare driver writing one session, its areas and an audit row per transaction: in a
    file of its own on SQLite (WAL, synchronous FULL like the app), in scratch tables of the
    benchmark's database on PostgreSQL."""
    if ctx.server_url is None:
        path = ctx.data_dir / "baseline-save.sqlite3"
        path.unlink(missing_ok=True)
        url, key = f"sqlite:///{path}", "INTEGER PRIMARY KEY"
    else:
        path, url, key = None, ctx.server_url, "BIGSERIAL PRIMARY KEY"
    with raw_db.connect(url, autocommit=True) as (connection, adapt):
        cursor = connection.cursor()
        try:
            if path is not None:
                cursor.execute("PRAGMA journal_mode = WAL")
                cursor.execute("PRAGMA synchronous = FULL")
            for table in ("bench_audit", "bench_area", "bench_session"):
                cursor.execute(f"DROP TABLE IF EXISTS {table}")
            for statement in BASELINE_TABLES:
                cursor.execute(statement.format(key=key))
            return [_baseline_save(cursor, adapt, index) for index in range(count)]
        finally:
            for table in ("bench_audit", "bench_area", "bench_session"):
                cursor.execute(f"DROP TABLE IF EXISTS {table}")
            if path is not None:
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)


def _baseline_save(cursor: Any, adapt: raw_db.Adapt, index: int) -> float:
    started = time.perf_counter()
    cursor.execute("BEGIN")
    cursor.execute(
        adapt(
            "INSERT INTO bench_session (patient_id, performed_at, device, intensity, recheck, "
            "version) VALUES (?, ?, ?, ?, ?, 1) RETURNING id"
        ),
        (index, dt.datetime.now(dt.UTC).isoformat(), "deka", "moderate", "{}"),
    )
    session_id = cursor.fetchone()[0]
    cursor.executemany(
        adapt(
            "INSERT INTO bench_area (session_id, area, power, dwell, spacing, stack, passes, "
            "scan) VALUES (?, ?, 12.5, 800, 500, 2, 1, 'square')"
        ),
        [(session_id, f"area-{n}") for n in range(AREAS_PER_SESSION)],
    )
    cursor.execute(
        adapt("INSERT INTO bench_audit (entity, entity_id, summary, hash) VALUES (?, ?, ?, ?)"),
        ("treatment_session", session_id, "session draft recorded", "0" * 64),
    )
    cursor.execute("COMMIT")
    return (time.perf_counter() - started) * 1000


def run(ctx: BenchContext) -> dict[str, float]:
    """p50/p95 of the app's save and of the bare driver's baseline, in milliseconds."""
    count = ctx.repetitions(200)
    inputs = _templates(ctx, count + WARM_UP)
    times, statements = _app_saves(ctx, inputs, WARM_UP)
    app = times[WARM_UP:]  # the first saves warm the caches (and are counted)
    baseline = _baseline_saves(ctx, count + WARM_UP)[WARM_UP:]
    return {
        "save_p50_ms": percentile(app, 50),
        "save_p95_ms": percentile(app, 95),
        "save_baseline_p50_ms": percentile(baseline, 50),
        "save_baseline_p95_ms": percentile(baseline, 95),
        "save_samples": float(len(app)),
        "save_statements": float(max(statements)),
    }
