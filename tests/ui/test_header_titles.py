"""The first screen's item roles and column titles without Qt's namespace
(clinic_app.ui.common.header_titles): the same values and the same titles as before."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from clinic_app.ui.common import header_titles
from clinic_app.ui.followups.table_model import FollowUpTableModel
from clinic_app.ui.patients.table_model import COLUMNS, PatientTableModel, titles


def test_the_roles_are_qt_s() -> None:
    assert Qt.ItemDataRole.DisplayRole.value == header_titles.DISPLAY_ROLE
    assert Qt.ItemDataRole.ToolTipRole.value == header_titles.TOOLTIP_ROLE
    assert Qt.ItemDataRole.ForegroundRole.value == header_titles.FOREGROUND_ROLE
    assert Qt.ItemDataRole.AccessibleTextRole.value == header_titles.ACCESSIBLE_TEXT_ROLE
    assert Qt.ItemDataRole.UserRole.value == header_titles.USER_ROLE


def test_the_header_shows_the_titles_and_the_model_still_answers_them(qtbot: QtBot) -> None:
    view = QTableView()
    qtbot.addWidget(view)
    model = PatientTableModel(lambda *_args: [])
    header_titles.set_model(view, model, titles())
    header = view.horizontalHeader()
    assert view.model() is model
    assert header.count() == len(COLUMNS)
    shown = [header.model().headerData(c, Qt.Orientation.Horizontal) for c in range(len(COLUMNS))]
    asked = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(len(COLUMNS))]
    assert shown == asked == list(COLUMNS)  # screen readers ask the view's model
    view.setColumnWidth(0, 222)
    model.set_query("x")  # a new search resets the model: the columns stay as they were
    assert (header.count(), view.columnWidth(0)) == (len(COLUMNS), 222)


def test_a_selection_model_given_is_the_view_s(qtbot: QtBot) -> None:
    view = QTableView()
    qtbot.addWidget(view)
    model = FollowUpTableModel()
    selection = QItemSelectionModel(model, view)
    header_titles.set_model(view, model, model.headers, selection)
    assert view.selectionModel() is selection
    header = view.horizontalHeader()
    assert [header.model().headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == list(
        model.headers
    )
