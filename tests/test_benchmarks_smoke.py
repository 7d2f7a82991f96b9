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
    "startup_ratio",
    "startup_ms",
    "startup_baseline_ms",
    "search_p95_ms",
    "search_baseline_p95_ms",
    "handout_ratio",
    "handout_ms",
    "handout_baseline_ms",
    "ui_stall_max_ms",
    "rss_delta_mb",
    "save_p95_ms",
    "save_baseline_p95_ms",
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
        "startup_ratio",
        "search_p95_ms",
        "handout_ratio",
        "ui_stall_max_ms",
        "rss_delta_mb",
        "save_p95_ms",
    }
    assert results["machine"]["cores"] >= 1


def test_the_table_names_every_target(smoke_run) -> None:
    done, _results = smoke_run
    for label in ("start-up", "search", "post-care render", "UI thread stall", "memory", "save"):
        assert label in done.stdout


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
