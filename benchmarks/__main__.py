"""``python -m benchmarks [--scale N] [--json FILE]``: how fast the app is, against the bare
libraries it is built on, measured in the same run.

Seeds (or reuses) a clinic of N patients with three signed sessions each, then measures start-up,
search, handout rendering, UI-thread stalls, memory and saving, prints a table and writes JSON.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import importlib
import os
import sys
import time
from pathlib import Path

from benchmarks.report import TARGETS, machine, met, table, write_json
from benchmarks.seeding import seeded_clinic

# In the order they run; each module has run(BenchContext) -> dict[str, float].
BENCHMARKS = ("save", "handout", "search", "stall", "photos", "startup")


def _default_cache() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("clinic-app-benchmarks", appauthor=False))


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--scale", type=int, default=100_000, help="patients (default 100 000)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the results here")
    parser.add_argument("--samples", type=int, default=200, help="most repetitions per figure")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--cache", type=Path, default=None, help="where seeded clinics are kept between runs"
    )
    parser.add_argument("--fresh", action="store_true", help="seed again even if cached")
    parser.add_argument(
        "--db-url",
        metavar="URL",
        help="measure on this PostgreSQL database (empty, or seeded by an earlier run; "
        "e.g. postgresql://clinic:clinic@localhost/clinic_bench); default: an SQLite file",
    )
    parser.add_argument(
        "--sessions-each",
        type=int,
        default=3,
        help="signed sessions per patient (0: patients only; save and handout need sessions)",
    )
    parser.add_argument(
        "--photo-mp",
        type=float,
        default=12.0,
        metavar="MP",
        help="megapixels of each of the 20 photos the photos benchmark adds (default 12)",
    )
    parser.add_argument(
        "--only", choices=BENCHMARKS, action="append", help="run only these (repeatable)"
    )
    parser.add_argument(
        "--check", action="store_true", help="exit with status 1 when a target is missed"
    )
    arguments = parser.parse_args(argv)
    if arguments.scale < 1:
        parser.error("--scale must be at least 1")
    if arguments.json is not None and arguments.json.is_dir():
        parser.error(f"--json {arguments.json} is a folder; name a file")
    if not 0 <= arguments.sessions_each <= 12:
        parser.error("--sessions-each must be between 0 and 12")
    if not 0.01 <= arguments.photo_mp <= 50:
        parser.error("--photo-mp must be between 0.01 and 50")
    if arguments.samples < 3:
        parser.error("--samples must be at least 3")
    if arguments.db_url is not None and not arguments.db_url.startswith("postgresql"):
        parser.error("--db-url names a PostgreSQL database (postgresql://user:pw@host/name)")
    return arguments


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks; with ``--check`` the exit status says whether every target was met."""
    arguments = _arguments(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # unless a display was chosen

    def progress(line: str) -> None:
        print(f"\r  {line:<60}", end="", file=sys.stderr, flush=True)

    print(
        f"Seeding {arguments.scale} patients with {arguments.sessions_each} sessions each…",
        file=sys.stderr,
    )
    context, seed_seconds = seeded_clinic(
        arguments.cache or _default_cache(),
        arguments.scale,
        seed=arguments.seed,
        samples=arguments.samples,
        fresh=arguments.fresh,
        sessions_each=arguments.sessions_each,
        progress=progress,
        server_url=arguments.db_url,
    )
    print(file=sys.stderr)
    context = dataclasses.replace(context, photo_megapixels=arguments.photo_mp)
    results: dict[str, float] = {}
    timings: dict[str, float] = {}
    for name in arguments.only or BENCHMARKS:
        print(f"Measuring {name}…", file=sys.stderr, flush=True)
        started = time.perf_counter()
        module = importlib.import_module(f"benchmarks.{name}")
        results.update(module.run(context))
        timings[name] = round(time.perf_counter() - started, 1)
    print()
    print(
        f"{arguments.scale} patients on {context.backend}, "
        f"{dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}"
    )
    print(table(results))
    if arguments.json:
        write_json(
            arguments.json,
            results,
            {
                "scale": arguments.scale,
                "database": context.backend,
                "sessions_each": arguments.sessions_each,
                "samples": arguments.samples,
                "seed": arguments.seed,
                "photo_megapixels": arguments.photo_mp,
                "seed_seconds": seed_seconds,
                "benchmark_seconds": timings,
                "measured_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "machine": machine(),
                "command": " ".join(["python -m benchmarks", *(argv or sys.argv[1:])]),
            },
        )
        print(f"Results written to {arguments.json}")
    missed = [t.key for t in TARGETS if met(results, t) is False]
    if missed:
        print(f"Targets missed: {', '.join(missed)}")
    return 1 if arguments.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
