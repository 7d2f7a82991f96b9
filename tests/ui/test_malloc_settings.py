"""tune_malloc: glibc's malloc set at the start; nothing done elsewhere or against the
environment's own choice."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from clinic_app.ui.common import malloc_settings


def test_a_setting_chosen_in_the_environment_is_kept(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MALLOC_ARENA_MAX", "8")
    monkeypatch.setenv("MALLOC_MMAP_THRESHOLD_", "131072")
    assert malloc_settings.tune_malloc() == {
        "MALLOC_ARENA_MAX": False,
        "MALLOC_MMAP_THRESHOLD_": False,
    }


def test_nothing_is_done_off_linux(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sys, "platform", "darwin")
    assert not any(malloc_settings.tune_malloc().values())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_glibc_takes_both_settings() -> None:
    script = (
        "import json, os\n"
        "for name in ('MALLOC_ARENA_MAX', 'MALLOC_MMAP_THRESHOLD_'): os.environ.pop(name, None)\n"
        "from clinic_app.ui.common.malloc_settings import _glibc_mallopt, tune_malloc\n"
        "print(json.dumps([_glibc_mallopt() is not None, tune_malloc()]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    glibc, applied = json.loads(done.stdout)
    assert applied == dict.fromkeys(("MALLOC_ARENA_MAX", "MALLOC_MMAP_THRESHOLD_"), glibc)
