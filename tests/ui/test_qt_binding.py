"""The Qt binding itself: a release that corrupts the interpreter must fail the suite, not a clinic.

PySide6 6.12.0 dropped a reference to None on every call of a C++ ``void`` method; on Python 3.11
the app aborted after a few thousand calls ("deallocating None"). pyproject.toml excludes it.
"""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtWidgets import QLabel

CALLS = 2000


def test_void_calls_keep_the_reference_count_of_none(qtbot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        label.setText("x")
        label.setVisible(False)
    assert abs(sys.getrefcount(None) - before) < CALLS // 10


def test_the_app_survives_many_void_calls_in_a_process_of_its_own(tmp_path) -> None:
    """The symptom itself: a leaking binding aborts the interpreter ('deallocating None')."""
    script = (
        "import clinic_app.ui\n"
        "from PySide6.QtWidgets import QApplication, QLabel\n"
        "app = QApplication(['x', '-platform', 'offscreen'])\n"
        "label = QLabel()\n"
        "for _ in range(50_000):\n"
        "    label.setText('a')\n"
        "print('alive')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=tmp_path,  # the installed package, not the checkout
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "alive" in result.stdout
