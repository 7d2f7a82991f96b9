"""Shared by the kill loops: how many rounds to run, and one child process killed on cue.

The loops run a modest number of rounds by default so that the suite stays quick; set
``CLINIC_APP_KILL_ROUNDS`` (e.g. 30) to run each of them that many times by hand. Each loop
prints its figure ("... N tried, M failed"), visible with ``pytest -s``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ENV_ROUNDS = "CLINIC_APP_KILL_ROUNDS"
WRITER = Path(__file__).with_name("writer.py")


def rounds(default: int) -> int:
    """``default``, or the number of rounds asked for in CLINIC_APP_KILL_ROUNDS."""
    raw = os.environ.get(ENV_ROUNDS, "").strip()
    return max(1, int(raw)) if raw else default


def run_writer(args: list[str], cue: str, delay: float, *, timeout: float = 120) -> list[str]:
    """Run ``writer.py ARGS``; ``delay`` seconds after it prints ``cue``, SIGKILL it.

    Returns the lines it printed (whole lines only). A process that ends by itself before the
    kill simply ends: the caller checks what it left behind either way.
    """
    process = subprocess.Popen(
        [sys.executable, str(WRITER), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    cued = threading.Event()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            if line.endswith("\n"):
                lines.append(line.strip())
                if line.strip() == cue:
                    cued.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    deadline = time.monotonic() + timeout
    while not cued.is_set() and process.poll() is None and time.monotonic() < deadline:
        cued.wait(0.01)
    if cued.is_set():
        time.sleep(delay)
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.wait(30)
    reader.join(30)
    assert process.stdout is not None and process.stderr is not None
    errors = process.stderr.read()
    process.stdout.close()
    process.stderr.close()
    assert cued.is_set(), f"the child never printed {cue!r}: {errors}"
    return lines


def timed_run(args: list[str], start: str, end: str) -> float:
    """Seconds between the child printing ``start`` and ``end``, run to completion."""
    process = subprocess.Popen(
        [sys.executable, str(WRITER), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    began = None
    assert process.stdout is not None
    for line in process.stdout:
        if line.strip() == start:
            began = time.monotonic()
        elif line.strip().startswith(end) and began is not None:
            elapsed = time.monotonic() - began
            break
    else:
        elapsed = 0.0
    _out, errors = process.communicate(timeout=120)
    assert process.returncode == 0, errors
    assert began is not None, errors
    return elapsed
