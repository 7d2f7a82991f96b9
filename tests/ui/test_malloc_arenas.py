"""limit_arenas: glibc's malloc limited to two heaps at the start, nothing done elsewhere."""

from __future__ import annotations

import subprocess
import sys

import pytest

from clinic_app.ui.common import malloc_arenas


def test_an_arena_count_chosen_in_the_environment_is_kept(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MALLOC_ARENA_MAX", "8")
    assert malloc_arenas.limit_arenas() is False


def test_nothing_is_done_off_linux(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sys, "platform", "darwin")
    assert malloc_arenas.limit_arenas() is False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_glibc_takes_the_limit() -> None:
    script = (
        "import os; os.environ.pop('MALLOC_ARENA_MAX', None)\n"
        "from clinic_app.ui.common.malloc_arenas import limit_arenas\n"
        "print(limit_arenas())"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() in {"True", "False"}  # False: a C library other than glibc
