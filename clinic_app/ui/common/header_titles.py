"""Item roles and a table's column titles for the first screen, without Qt's ``Qt`` namespace.

PySide6 builds the Python types of a Qt class's enums when the class is first used; for the
``Qt`` namespace that is 95 enums with some 1 200 members, about 125 million instructions (15
ms) that a bare window never spends (docs/startup.md, "Qt's enums"). The window's first screen
does without it until its first paint: its modules name ``QtCore.Qt`` where it is used (key
presses, dialogs, the patient page), and what the first paint itself needs is here.

- The roles of ``data()``: Qt passes the role to a Python model as a plain int, so the model
  compares it with these ints (``tests/ui/test_start_imports.py`` checks them against Qt's).
- The column titles: a model written in Python answers ``headerData(section, orientation,
  role)``, and PySide6 can only pass ``orientation`` (a ``Qt.Orientation``) by building the
  namespace. :func:`set_model` gives the view's horizontal header a Qt model of its own that
  holds the titles. The view's model keeps its ``headerData`` with the same titles: screen
  readers, and anything else that asks the model, get them from it as before.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QTableView

DISPLAY_ROLE = 0  # Qt.ItemDataRole.DisplayRole
TOOLTIP_ROLE = 3  # Qt.ItemDataRole.ToolTipRole
FOREGROUND_ROLE = 9  # Qt.ItemDataRole.ForegroundRole
ACCESSIBLE_TEXT_ROLE = 11  # Qt.ItemDataRole.AccessibleTextRole
USER_ROLE = 256  # Qt.ItemDataRole.UserRole


def set_model(
    view: QTableView,
    model: QAbstractItemModel,
    titles: Sequence[str],
    selection: QItemSelectionModel | None = None,
) -> None:
    """``view.setModel(model)``, with the horizontal header showing ``titles`` from a Qt model of
    its own (as many columns as ``model``, no rows: the view draws the cells from ``model``, the
    header only the titles and the columns' sizes and order). The header is given it before
    the view's model too: a header that gets a Python model with ``headerData`` as its first
    model builds the namespace at once. ``selection``, a selection model of ``model``, is the
    view's (given here: ``setSelectionModel`` hands it to the header too, which would refuse
    it once it shows the titles' model)."""
    titles_model = QStandardItemModel(0, len(titles), view)
    titles_model.setHorizontalHeaderLabels(list(titles))
    header = view.horizontalHeader()
    header.setModel(titles_model)
    view.setModel(model)
    if selection is not None:
        view.setSelectionModel(selection)
    header.setModel(titles_model)  # setModel gave the header the view's model
