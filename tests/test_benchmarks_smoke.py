"""``python -m benchmarks`` at a tiny scale: every benchmark runs and reports every figure.

A smoke test, not a speed test: the figures' values are not judged here (the machines that run
the tests are noisy); docs/performance.md holds the measured ones.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
REQUIRED = (
    "startup_ratio_core_db",  # the target: the window with SQLAlchemy Core on the same database
    "startup_baseline_core_db_ms",
    "startup_ratio_core",  # beside it: the Core window that opens no database
    "startup_baseline_core_ms",
    "startup_ratio",  # beside it: against the window that imports the ORM too
    "startup_ms",
    "startup_baseline_ms",
    "startup_cpu_ms",  # the child's CPU time until the first paint
    "startup_baseline_core_cpu_ms",
    "startup_baseline_core_db_cpu_ms",
    "search_p95_ms",
    "search_baseline_p95_ms",
    "search_max_ms",
    "search_words_p95_ms",  # "maria garc" typed key by key
    "search_words_max_ms",
    "handout_ratio",
    "handout_ms",
    "handout_baseline_ms",
    "ui_stall_max_ms",
    "ui_stall_sign_in_max_ms",  # the real dialog, the real password
    "ui_stall_patient_max_ms",
    "ui_stall_editor_first_max_ms",
    "ui_stall_editor_max_ms",
    "ui_stall_save_max_ms",  # by the editor's Save button
    "ui_stall_search_max_ms",  # typed key by key
    "ui_stall_first_handout_max_ms",  # clicked as soon as the list is shown
    "rss_delta_mb",
    "rss_peak_delta_mb",  # the stall benchmark's process at its peak, over a bare window's
    "rss_peak_mb",
    "rss_peak_bare_mb",
    "save_p95_ms",
    "save_baseline_p95_ms",
    "save_statements",  # what one save sent (docs/performance.md, "What one save sends")
    "photos_ms",  # 20 photos added until their thumbnails are shown (tiny ones here)
    "photos_baseline_ms",
    "photos_ratio",
    "ui_stall_photos_max_ms",
)


@pytest.fixture(scope="module")
def smoke_run(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[subprocess.CompletedProcess[str], dict]:
    work = tmp_path_factory.mktemp("bench")
    # A copy, run from a folder of its own: the checkout's clinic_app must not shadow the
    # installed one (in CI the package is installed, not edited in place).
    shutil.copytree(BENCHMARKS, work / "benchmarks", ignore=shutil.ignore_patterns("__pycache__"))
    out = work / "out.json"
    command = [sys.executable, "-m", "benchmarks", "--scale", "40", "--samples", "3"]
    command += ["--photo-mp", "0.2"]  # 20 photos of 0.2 MP: the benchmark runs, quickly
    command += ["--cache", str(work / "cache"), "--json", str(out)]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        command, cwd=work, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done, json.loads(out.read_text(encoding="utf-8"))


def test_every_figure_is_measured_and_written(smoke_run) -> None:
    _done, results = smoke_run
    missing = [key for key in REQUIRED if not isinstance(results.get(key), (int, float))]
    assert not missing, f"not measured: {missing}"
    assert all(results[key] > 0 for key in REQUIRED if key != "rss_delta_mb")
    assert results["scale"] == 40
    assert set(results["targets"]) == {
        "startup_ratio_core_db",
        "search_p95_ms",
        "search_max_ms",
        "search_words_p95_ms",
        "search_words_max_ms",
        "handout_ratio",
        "ui_stall_max_ms",
        "ui_stall_photos_max_ms",
        "rss_delta_mb",
        "rss_peak_delta_mb",
        "save_p95_ms",
    }
    assert results["machine"]["cores"] >= 1


def test_the_table_names_every_target(smoke_run) -> None:
    done, _results = smoke_run
    for label in ("start-up", "search", "post-care render", "UI thread stall", "memory", "save"):
        assert label in done.stdout
    assert "stall adding 20 photos" in done.stdout and "Pillow's own thumbnail" in done.stdout


def test_a_bad_scale_is_refused_with_a_reason(tmp_path: Path) -> None:
    shutil.copytree(
        BENCHMARKS, tmp_path / "benchmarks", ignore=shutil.ignore_patterns("__pycache__")
    )
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--scale", "0"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "--scale must be at least 1" in done.stderr


def _bench(work: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    shutil.copytree(BENCHMARKS, work / "benchmarks", ignore=shutil.ignore_patterns("__pycache__"))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "benchmarks", "--cache", str(work / "cache"), *argv],
        cwd=work, env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip


def test_db_url_measures_on_postgresql_against_psycopg(tmp_path: Path, postgres_url: str) -> None:
    out = tmp_path / "pg.json"
    done = _bench(tmp_path, "--scale", "12", "--samples", "3", "--only", "save",
                  "--only", "search", "--db-url", postgres_url, "--json", str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(out.read_text(encoding="utf-8"))
    assert results["database"] == "postgresql" and "on postgresql" in done.stdout
    for key in ("save_p95_ms", "save_baseline_p95_ms", "search_p95_ms", "search_baseline_p95_ms"):
        assert results[key] > 0, key
    assert results["save_statements"] == 10  # tests/services/test_session_save_statements.py


def test_db_url_refuses_a_database_that_is_not_a_benchmark_clinic(
    tmp_path: Path, postgres_url: str
) -> None:
    from clinic_app.db import Database
    from clinic_app.services.security.identity import Actor
    from clinic_app.services.settings import clinic

    database = Database(postgres_url)  # migrated: a clinic's own records
    try:
        with database.session() as session:
            details = clinic.ClinicDetails("Real Clinic", "555 123 4567")
            clinic.save(session, Actor("test", role="administrator"), details)
        done = _bench(tmp_path, "--scale", "5", "--only", "save", "--db-url", postgres_url)
        assert done.returncode != 0 and "not a benchmark clinic" in done.stderr
        with database.session() as session:
            settings = clinic.load(session)
            assert settings is not None and settings.name == "Real Clinic"
    finally:
        database.close()
