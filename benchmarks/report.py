"""The issue's targets, the printed table and the JSON file."""

from __future__ import annotations

import json
import os
import platform
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Target:
    """One figure the issue sets a limit on, and the baseline it is read against."""

    key: str
    label: str
    limit: float
    unit: str
    app_key: str = ""  # the app's own figure, when the target is a ratio
    baseline_key: str = ""


TARGETS = (
    # Against the bare window with SQLAlchemy Core alone on the same database, reading the
    # first page: the libraries the first screen uses (the ORM is loaded after it) and the one
    # read it needs. The window without the database and the ORM one are printed beside it.
    Target(
        "startup_ratio_core_db", "start-up, ratio (Core+DB)", 1.2, "x", "startup_ms",
        "startup_baseline_core_db_ms",
    ),
    Target(
        "search_p95_ms", "search keystroke p95", 16, "ms", "search_p95_ms",
        "search_baseline_p95_ms",
    ),
    Target("search_max_ms", "search keystroke max", 50, "ms"),
    Target("search_words_p95_ms", "search 2 words typed p95", 16, "ms"),
    Target("search_words_max_ms", "search 2 words typed max", 50, "ms"),
    Target(
        "handout_ratio", "post-care render, ratio", 1.5, "x", "handout_ms", "handout_baseline_ms"
    ),
    Target("ui_stall_max_ms", "UI thread stall, max", 50, "ms"),
    Target("ui_stall_photos_max_ms", "stall adding 20 photos", 50, "ms"),
    Target(
        "rss_peak_delta_mb", "peak memory over bare", 80, "MB", "rss_peak_mb", "rss_peak_bare_mb"
    ),
    Target("rss_delta_mb", "settled memory over bare", 80, "MB", "rss_app_mb", "rss_bare_mb"),
    Target(
        "save_p95_ms", "save 3-area session p95", 20, "ms", "save_p95_ms",
        "save_baseline_p95_ms",
    ),
)  # fmt: skip


def met(results: dict[str, float], target: Target) -> bool | None:
    """Whether the figure is within its limit (None when it was not measured)."""
    value = results.get(target.key)
    return None if value is None else value <= target.limit


def table(results: dict[str, float]) -> str:
    """The figures against their targets, one line each, with the baselines beside them."""
    lines = [
        f"{'figure':<26} {'value':>9} {'target':>9}  {'app':>10} {'baseline':>10}  ok",
        "-" * 75,
    ]
    for target in TARGETS:
        value = results.get(target.key)
        shown = "-" if value is None else f"{value:.2f}"
        app = results.get(target.app_key) if target.app_key else None
        base = results.get(target.baseline_key) if target.baseline_key else None
        verdict = {True: "yes", False: "NO", None: "-"}[met(results, target)]
        lines.append(
            f"{target.label:<26} {shown:>9} {'<= ' + format(target.limit, 'g'):>9}"
            f"{target.unit:<2}{_num(app):>10} {_num(base):>10}  {verdict}"
        )
    loaded = results.get("startup_loaded_ms")
    if loaded is not None:
        lines.append(
            f"(start-up until the ORM and services are loaded, after the first screen: "
            f"{loaded:.0f} ms, {results.get('startup_loaded_ratio', 0):.2f}x the baseline; "
            "no target)"
        )
    orm = results.get("startup_ratio")
    if orm is not None:
        lines.append(
            f"(start-up against a bare window that also imports sqlalchemy.orm, which the first "
            f"screen does not: {orm:.2f}x, {results.get('startup_baseline_ms', 0):.0f} ms; "
            "no target)"
        )
    core = results.get("startup_ratio_core")
    if core is not None:
        lines.append(
            f"(start-up against the Core window that opens no database: {core:.2f}x, "
            f"{results.get('startup_baseline_core_ms', 0):.0f} ms; no target)"
        )
    cpu = results.get("startup_cpu_ratio_core_db")
    if cpu is not None:
        lines.append(
            f"(start-up in CPU time of the process until the first paint: "
            f"{results.get('startup_cpu_ms', 0):.0f} ms, {cpu:.2f}x the Core+DB window's "
            f"{results.get('startup_baseline_core_db_cpu_ms', 0):.0f} ms; no target)"
        )
    photos = results.get("photos_ms")
    if photos is not None:
        lines.append(
            f"(20 photos of {results.get('photos_megapixels', 0):g} MP added until every "
            f"thumbnail is shown: {photos:.0f} ms, {results.get('photos_ratio', 0):.2f}x Pillow's "
            f"own thumbnail of the same files, {results.get('photos_baseline_ms', 0):.0f} ms; "
            f"the idle window stalled up to {results.get('photos_idle_stall_max_ms', 0):.0f} ms "
            "meanwhile; no target)"
        )
    child = results.get("rss_peak_render_child_mb")
    if child is not None:
        lines.append(
            f"(the handouts' render process, a process of its own: peak {child:.1f} MB, "
            f"{results.get('rss_render_child_private_mb', 0):.1f} MB of it private; the "
            f"window's peak growth and it together "
            f"{results.get('rss_peak_delta_with_render_child_mb', 0):.1f} MB; no target)"
        )
    stalls = [
        f"{key.removeprefix('ui_stall_').removesuffix('_max_ms').replace('_', ' ')} {value:.0f}"
        for key, value in results.items()
        if key.startswith("ui_stall_") and key.endswith("_max_ms") and key != "ui_stall_max_ms"
    ]
    if stalls:
        lines.append(f"(UI thread stall by action, max ms: {', '.join(stalls)})")
    return "\n".join(lines)


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    import PySide6
    import reportlab
    import sqlalchemy

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "pyside6": PySide6.__version__,
        "sqlalchemy": sqlalchemy.__version__,
        "reportlab": reportlab.Version,
        "qpa": os.environ.get("QT_QPA_PLATFORM", "(default)"),
    }


def write_json(path: Path, results: dict[str, float], extra: dict[str, Any]) -> None:
    """The results (every figure, the targets met) and what they were measured on."""
    document = {
        **results,
        "targets": {
            t.key: {"limit": t.limit, "unit": t.unit, "met": met(results, t)} for t in TARGETS
        },
        **extra,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2, sort_keys=False) + "\n", encoding="utf-8")
