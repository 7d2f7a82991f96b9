"""Run code in a fresh interpreter, for what this test process has long imported or made."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def run_python(code: str, folder: Path) -> str:
    """What ``python -c code`` prints, run in ``folder`` (not the checkout, whose clinic_app
    would shadow the installed package); it must succeed (its stderr is the failure's)."""
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=folder, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout
