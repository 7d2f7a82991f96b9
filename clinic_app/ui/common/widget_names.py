"""Object names on widgets: tests, style sheets and accessibility tools find widgets by them."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QWidget

W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str) -> W:
    """``widget`` with its object name set to ``name``."""
    widget.setObjectName(name)
    return widget
