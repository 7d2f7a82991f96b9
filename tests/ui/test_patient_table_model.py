"""The lazy patient model, checked by Qt's own model tester on a real database."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from clinic_app.db import Database
from clinic_app.services.demo import demo
from clinic_app.services.patients import patients
from clinic_app.services.patients.patients import PatientRow
from clinic_app.ui.patients.table_model import PATIENT_ID_ROLE, PatientTableModel


def _model(database: Database, page_size: int) -> PatientTableModel:
    def fetch(text: str, after: PatientRow | None, limit: int, archived: bool) -> list[PatientRow]:
        with database.session() as session:
            return patients.find(session, text, limit=limit, after=after, include_archived=archived)

    return PatientTableModel(fetch, page_size=page_size)


def test_model_passes_qt_model_tester_while_fetching_lazily(qtmodeltester, sqlite_database, actor):
    with sqlite_database.session() as session:
        demo.seed_patients(session, actor, 250, seed=7)
    model = _model(sqlite_database, page_size=100)
    model.set_query("")
    assert model.rowCount() == 100 and model.canFetchMore(QModelIndex())

    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 250
    assert not model.canFetchMore(QModelIndex())
    ids = [model.data(model.index(row, 0), PATIENT_ID_ROLE) for row in range(250)]
    assert len(set(ids)) == 250, "a page boundary repeated or skipped a patient"
    qtmodeltester.check(model, force_py=True)
    model.set_query("a")  # the tester stays connected and checks the reset and later fetches
    model.fetchMore(QModelIndex())
    assert 0 < model.rowCount() < 250


def test_model_shows_search_results_in_name_order(qtmodeltester, sqlite_database, add_patients):
    add_patients(sqlite_database, [("María", "Núñez"), ("Ana", "Nunez"), ("Zoe", "Adams")])
    model = _model(sqlite_database, page_size=2)
    model.set_query("nunez")
    qtmodeltester.check(model, force_py=True)
    shown = [(model.index(r, 1).data(), model.index(r, 0).data()) for r in range(model.rowCount())]
    assert shown == [("Ana", "Nunez"), ("María", "Núñez")]
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Date of birth"
    assert model.index(0, 2).data() == "2 Jan 1980"


def test_the_list_is_not_repainted_when_its_window_loses_the_focus(qtbot, sqlite_database, actor):
    """Every visible cell is read from Python on a repaint; a preview window opening over the
    list (its window deactivated) must not cost one, nor change the selection's colours."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from clinic_app.ui.patients.list_page import PatientListPage

    with sqlite_database.session() as session:
        demo.seed_patients(session, actor, 30, seed=3)
    reads: list[int] = []

    class CountingModel(PatientTableModel):
        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            reads.append(role)
            return super().data(index, role)

    def fetch(text: str, after: PatientRow | None, limit: int, archived: bool) -> list[PatientRow]:
        with sqlite_database.session() as session:
            return patients.find(session, text, limit=limit, after=after, include_archived=archived)

    model = CountingModel(fetch)
    model.set_query("")
    page = PatientListPage(model)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: bool(reads))
    QApplication.processEvents()
    reads.clear()
    for kind in (QEvent.Type.WindowDeactivate, QEvent.Type.WindowActivate):
        QApplication.sendEvent(page.table, QEvent(kind))
        QApplication.processEvents()
    assert reads == []
    palette = page.table.palette()
    highlight = QPalette.ColorRole.Highlight
    assert palette.color(QPalette.ColorGroup.Inactive, highlight) == palette.color(
        QPalette.ColorGroup.Active, highlight
    )
