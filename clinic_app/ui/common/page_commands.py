"""What a feature room may ask of the patient page: a command button of its own.

The window's rooms do not import each other (the ui-rooms contract), so the rooms that add
commands to the patient page (handouts, follow-ups) name it by this protocol instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtWidgets import QPushButton


class PatientCommands(Protocol):
    """The patient page as a row of commands."""

    def add_command(
        self, text: str, tooltip: str, slot: Callable[[], object], *, shortcut: str = ""
    ) -> QPushButton: ...
