"""What signing in adds to the window: the idle lock (forms kept under it), the audit trail
window, user management, and backups and restores run in worker threads."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget
from sqlalchemy import select, update

from clinic_app.config import AppConfig
from clinic_app.db import Database
from clinic_app.models import AuditEvent
from clinic_app.services import backup
from clinic_app.services.security import auth, users
from clinic_app.services.security.audit_trail import AuditFilter
from clinic_app.services.security.identity import Actor
from clinic_app.ui.security.account_menus import SecurityControls
from clinic_app.ui.security.audit_table_model import AuditTableModel
from clinic_app.ui.security.idle_lock import Curtain
from clinic_app.ui.security.users_dialog import UserFormDialog, UsersDialog

PASSWORD = "correct horse 7"


@pytest.fixture
def admin(clinic_database: Database) -> auth.SignedInUser:
    with clinic_database.session() as session:
        users.add(
            session,
            Actor("setup", role="administrator"),
            "maria",
            "administrator",
            PASSWORD,
            "María López",
        )
    with clinic_database.session() as session:
        user = auth.sign_in(session, "maria", PASSWORD).user
    assert user is not None
    return user


@pytest.fixture
def controls(window, clinic_database, admin, dialogs, tmp_path: Path):  # type: ignore[no-untyped-def]
    config = AppConfig(data_dir=tmp_path / "data", db_url=clinic_database.url)
    security = SecurityControls(window, clinic_database, admin, config, dialogs, idle_minutes=10)
    quits: list[bool] = []
    security.quit_app = lambda: quits.append(True)
    security.quits = quits  # type: ignore[attr-defined]
    yield security
    security.lock.stop()


def _answer(qtbot, dialog, attempt) -> None:  # type: ignore[no-untyped-def]
    """Make an unlock attempt and wait for its answer (the password is checked in a worker)."""
    with qtbot.waitSignal(dialog.checked, timeout=10_000):
        attempt()


def _actions(database: Database) -> list[str]:
    with database.session() as session:
        return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_idle_lock_covers_the_window_and_keeps_an_open_form(  # type: ignore[no-untyped-def]
    qtbot, typist, window, controls, clinic_database, add_patients
) -> None:
    [patient_id] = add_patients(clinic_database, [("Eva", "Lind")])
    window.open_patient(patient_id)
    window.edit_patient()
    form = window.patient_dialog
    assert form is not None
    qtbot.waitExposed(form)
    typist(form.inputs["email"], "eva@exa")  # half typed when the person walks away

    controls.lock.watcher.timer.setInterval(150)
    controls.lock.watcher.restart()
    qtbot.waitUntil(lambda: controls.lock.is_locked, timeout=5000)
    dialog = controls.lock.dialog
    assert dialog is not None and dialog.isVisible()
    covered = {curtain.parentWidget() for curtain in controls.lock.curtains}
    assert {window, form} <= covered
    for curtain in controls.lock.curtains:
        assert curtain.isVisible() and curtain.geometry() == curtain.parentWidget().rect()
    assert "lock" in _actions(clinic_database)

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert controls.lock.is_locked, "Esc does not lift the lock"
    typist(dialog.password, "wrong password")
    _answer(qtbot, dialog, dialog.unlock_button.click)
    assert controls.lock.is_locked
    assert "4 attempts left" in dialog.message.text()
    typist(dialog.password, PASSWORD)
    _answer(qtbot, dialog, dialog.unlock_button.click)
    assert not controls.lock.is_locked
    qtbot.waitUntil(lambda: not window.findChildren(Curtain) and not form.findChildren(Curtain))
    assert form.isVisible() and form.inputs["email"].text() == "eva@exa"
    assert _actions(clinic_database)[-2:] == ["login_failed", "unlock"]
    assert controls.lock.watcher.timer.isActive(), "watching again after unlocking"


def test_input_keeps_the_app_unlocked(qtbot, window, controls) -> None:  # type: ignore[no-untyped-def]
    watcher = controls.lock.watcher
    watcher.timer.setInterval(400)
    watcher.restart()
    for _ in range(6):
        qtbot.wait(120)
        # Through the window system, as a key press reaches the app (the watcher listens to the
        # top-level windows, not to every widget).
        qtbot.keyClick(window.windowHandle(), Qt.Key.Key_Shift)
    assert not controls.lock.is_locked
    qtbot.waitUntil(lambda: controls.lock.is_locked, timeout=3000)
    controls.lock.dialog.password.setText(PASSWORD)
    _answer(qtbot, controls.lock.dialog, controls.lock.dialog.try_unlock)


def test_input_to_a_window_opened_later_keeps_the_app_unlocked(  # type: ignore[no-untyped-def]
    qtbot, window, controls
) -> None:
    watcher = controls.lock.watcher
    window.new_patient()  # a top-level window of its own, shown after the watcher started
    form = window.patient_dialog
    qtbot.waitExposed(form)
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is form.windowHandle())
    watcher.timer.setInterval(400)
    watcher.timer.start()
    for _ in range(6):
        qtbot.wait(120)
        qtbot.mouseMove(form.windowHandle(), QPoint(10 + _, 10))
    assert not controls.lock.is_locked
    qtbot.waitUntil(lambda: controls.lock.is_locked, timeout=3000)
    controls.lock.dialog.password.setText(PASSWORD)
    _answer(qtbot, controls.lock.dialog, controls.lock.dialog.try_unlock)


def test_lock_now_from_the_account_menu(qtbot, window, controls) -> None:  # type: ignore[no-untyped-def]
    controls.lock_action.trigger()
    assert controls.lock.is_locked
    assert controls.lock.dialog.windowModality() == Qt.WindowModality.ApplicationModal
    controls.lock.dialog.password.setText(PASSWORD)
    _answer(qtbot, controls.lock.dialog, controls.lock.dialog.try_unlock)
    assert not controls.lock.is_locked


def test_audit_window_filters_pages_and_verifies(
    qtbot, qtmodeltester, controls, clinic_database, add_patients
) -> None:  # type: ignore[no-untyped-def]
    add_patients(clinic_database, [(f"P{n}", "Lind") for n in range(30)])
    controls.audit_action.trigger()
    audit = controls.audit_window
    assert audit is not None and audit.isVisible()
    assert audit.count.text() == "Searching…"  # the query runs in a worker
    qtbot.waitUntil(lambda: audit.count.text() == "33 events")  # settings, user, login, 30
    qtmodeltester.check(audit.model)
    audit.action.setCurrentIndex(audit.action.findText("login"))
    with qtbot.waitSignal(audit.filtered):
        audit.apply_filter()
    assert audit.model.rowCount() == 1
    assert audit.model.index(0, 1).data() == "maria"
    audit.record_id.setText("x1")
    audit.apply_filter()
    assert "whole number" in audit.problem.text()

    audit.verify_button.click()
    qtbot.waitUntil(lambda: "intact" in audit.verification.text(), timeout=10_000)
    with clinic_database.session() as session:
        session.execute(update(AuditEvent).where(AuditEvent.id == 5).values(summary="edited"))
    audit.verify_button.click()
    qtbot.waitUntil(lambda: "Event #5 was altered" in audit.verification.text(), timeout=10_000)


def test_audit_window_finds_the_newest_events_deleted_with_the_head_moved(
    qtbot, controls, clinic_database, add_patients
) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import delete, select

    from clinic_app.models import AuditChainHead

    add_patients(clinic_database, [(f"P{n}", "Lind") for n in range(5)])
    controls.audit_action.trigger()
    audit = controls.audit_window
    assert audit is not None
    audit.verify_button.click()  # intact: notes the head outside the database
    qtbot.waitUntil(lambda: "intact" in audit.verification.text(), timeout=10_000)
    with clinic_database.session() as session:
        session.execute(delete(AuditEvent).where(AuditEvent.id > 4))
        last = session.scalars(select(AuditEvent).where(AuditEvent.id == 4)).one()
        session.execute(
            update(AuditChainHead).values(last_event_id=last.id, last_hash=last.event_hash)
        )
    audit.verify_button.click()
    qtbot.waitUntil(lambda: "tampered" in audit.verification.text(), timeout=10_000)
    assert "that event is gone" in audit.verification.text()


def test_audit_model_fetches_pages_lazily(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from clinic_app.services.security.audit_trail import AuditRow

    rows = [
        AuditRow(n, dt.datetime(2026, 1, 1, tzinfo=dt.UTC), "maria", 1, "view", "patient", n, "")
        for n in range(250, 0, -1)
    ]
    asked: list[int | None] = []

    def fetch(flt: AuditFilter, before: int | None, limit: int) -> list[AuditRow]:
        asked.append(before)
        return [row for row in rows if before is None or row.id < before][:limit]

    model = AuditTableModel(fetch, page_size=100)
    model.set_filter(AuditFilter())
    assert model.rowCount() == 100 and model.canFetchMore(model.index(-1, -1))
    model.fetchMore(model.index(-1, -1))
    model.fetchMore(model.index(-1, -1))
    assert model.rowCount() == 250 and not model.canFetchMore(model.index(-1, -1))
    assert asked == [None, 151, 51]
    assert model.index(0, 3).data() == "patient #250"
    qtmodeltester.check(model)


def test_users_dialog_adds_and_refuses_to_drop_the_last_administrator(  # type: ignore[no-untyped-def]
    qtbot, clinic_database, admin, dialogs, monkeypatch
) -> None:
    dialog = UsersDialog(clinic_database, admin.actor, dialogs)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    answers = iter([("nurse", "short"), ("nurse", "nurse pass 1")])

    def fill_and_accept(form: UserFormDialog) -> int:
        try:
            name, password = next(answers)
        except StopIteration:
            pytest.fail("the form was shown again after a successful save")
        form.username.setText(name)
        form.password.setText(password)
        form.repeat.setText(password)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(UserFormDialog, "exec", fill_and_accept)
    dialog.add_user()
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(1, 2).text() == "practitioner"

    dialog.table.selectRow(0)  # maria, the only administrator
    dialog.toggle_active()
    assert "only active administrator" in dialogs.errors[-1]
    dialog.table.selectRow(1)
    dialog.toggle_role()
    assert dialog.table.item(1, 2).text() == "administrator"


def test_backup_now_and_restore_run_in_workers(  # type: ignore[no-untyped-def]
    qtbot, controls, clinic_database, dialogs, add_patients, tmp_path
) -> None:
    add_patients(clinic_database, [("Eva", "Lind")])
    target = tmp_path / "chosen" / "copy.db"
    controls.ask_backup_path = lambda suggested: target
    controls.backup_action.trigger()
    qtbot.waitUntil(lambda: bool(dialogs.infos), timeout=10_000)
    assert target.is_file() and "Backup written" in dialogs.infos[-1]
    assert "export" in _actions(clinic_database)

    add_patients(clinic_database, [("Later", "Patient")])
    controls.ask_restore_path = lambda: target
    dialogs.answers[:] = [True]
    controls.restore_action.trigger()
    qtbot.waitUntil(lambda: bool(controls.quits), timeout=10_000)
    assert "Restore this backup?" in dialogs.asked[-1]
    assert "Database restored" in dialogs.infos[-1]
    with clinic_database.session() as session:
        names = session.execute(select(AuditEvent.action)).scalars().all()
    assert names[-1] == "restore"
    assert backup.latest_backup(tmp_path / "data" / "backups") is None  # chosen elsewhere


def test_a_backup_asked_for_while_the_daily_one_runs_is_refused_with_a_reason(  # type: ignore[no-untyped-def]
    qtbot, controls, clinic_database, dialogs, tmp_path
) -> None:
    """The daily backup starts once the services are loaded, perhaps while the person is in
    the "Back up now" file dialog: the two never run at once, and the person is told why."""
    target = tmp_path / "chosen" / "copy.db"

    def choose(suggested: Path) -> Path:
        controls.start_daily_backup()  # begins while the file dialog is open
        assert controls.busy
        return target

    controls.ask_backup_path = choose
    controls.backup_action.trigger()
    assert "A backup is running" in dialogs.infos[-1]
    qtbot.waitUntil(lambda: not controls.busy, timeout=10_000)
    assert not target.exists()
    assert len(backup.automatic_backups(tmp_path / "data" / "backups")) == 1

    def choose_backup_to_restore() -> Path:
        controls.start_daily_backup()  # the day's is done: this one checks, then writes nothing
        return target

    controls.ask_restore_path = choose_backup_to_restore
    dialogs.infos.clear()
    controls.restore_action.trigger()
    assert dialogs.infos == [dialogs.infos[0]] and "A backup is running" in dialogs.infos[0]
    assert not dialogs.asked, "no restore was offered"
    qtbot.waitUntil(lambda: not controls.busy, timeout=10_000)
    assert len(backup.automatic_backups(tmp_path / "data" / "backups")) == 1
    controls.ask_backup_path = lambda suggested: target
    controls.backup_action.trigger()  # once nothing runs, it is done
    qtbot.waitUntil(lambda: "Backup written" in dialogs.infos[-1], timeout=10_000)
    assert target.is_file()


class _Preview(QWidget):
    """Stands in for a handout preview: what it shows, and its two outcomes."""

    printed = Signal(int)
    saved = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.document_info = SimpleNamespace(id=7, kind="pre_care", patient_id=3)


def test_printing_and_saving_a_handout_are_audited(
    qtbot, window, controls, clinic_database
) -> None:  # type: ignore[no-untyped-def]
    preview = _Preview()
    qtbot.addWidget(preview)
    window.handouts.preview_opened.emit(preview)
    preview.printed.emit(2)
    preview.saved.emit("/home/someone/Eva Lind.pdf")
    with clinic_database.session() as session:
        rows = session.execute(
            select(AuditEvent.action, AuditEvent.entity_id, AuditEvent.summary)
            .where(AuditEvent.entity_type == "generated_document")
            .order_by(AuditEvent.id)
        ).all()
    assert [tuple(row) for row in rows] == [
        ("print", 7, "pre-care handout for patient #3: 2 page(s) printed"),
        ("export", 7, "pre-care handout for patient #3: saved as a PDF file"),
    ]


# The lock screen as a person meets it (issue 19) ---------------------------------------------


def _lock_events(database: Database) -> list[tuple[str, str]]:
    with database.session() as session:
        rows = session.execute(
            select(AuditEvent.action, AuditEvent.summary)
            .where(AuditEvent.action.in_(["lock", "login_failed", "unlock"]))
            .order_by(AuditEvent.id)
        ).all()
    return [(action, summary) for action, summary in rows]


def _press_ctrl_l(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)


def test_one_wrong_password_and_enter_count_once(  # type: ignore[no-untyped-def]
    qtbot, typist, window, controls, clinic_database
) -> None:
    _press_ctrl_l(qtbot, window)
    dialog = controls.lock.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    typist(dialog.password, "wrong password")
    _answer(qtbot, dialog, lambda: qtbot.keyClick(dialog.password, Qt.Key.Key_Return))
    failed = [event for event in _lock_events(clinic_database) if event[0] == "login_failed"]
    assert failed == [("login_failed", "wrong password (1 of 5)")]
    assert "4 attempts left" in dialog.message.text()

    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)  # Enter on an empty field: no attempt
    assert len([e for e in _lock_events(clinic_database) if e[0] == "login_failed"]) == 1
    assert "Type your password" in dialog.message.text()

    typist(dialog.password, PASSWORD)
    _answer(qtbot, dialog, lambda: qtbot.keyClick(dialog.password, Qt.Key.Key_Return))
    assert not controls.lock.is_locked
    assert _lock_events(clinic_database)[-1][0] == "unlock"


def test_the_lock_screen_speaks_of_the_password_only(  # type: ignore[no-untyped-def]
    qtbot, typist, window, controls
) -> None:
    """There is no user-name field at the lock: 'Unknown user name' would only puzzle."""
    controls.lock_action.trigger()
    dialog = controls.lock.dialog
    typist(dialog.password, "wrong password")
    _answer(qtbot, dialog, dialog.unlock_button.click)
    assert dialog.message.text().startswith("Wrong password.")
    assert "user name" not in dialog.message.text().lower()
    dialog.password.setText(PASSWORD)
    _answer(qtbot, dialog, dialog.unlock_button.click)


def test_lock_now_is_audited_as_a_lock_by_the_user(  # type: ignore[no-untyped-def]
    qtbot, window, controls, clinic_database
) -> None:
    _press_ctrl_l(qtbot, window)
    assert controls.lock.is_locked
    action, summary = _lock_events(clinic_database)[-1]
    assert action == "lock"
    assert summary == "screen locked by its user (Lock now)"
    assert "idle" not in summary
    text = controls.lock.dialog.explanation.text()
    assert "idle" not in text and "Lock now" in text
    controls.lock.dialog.password.setText(PASSWORD)
    _answer(qtbot, controls.lock.dialog, controls.lock.dialog.unlock_button.click)


@pytest.mark.parametrize(
    ("minutes", "words"),
    [(1, "after 1 minute without input"), (10, "after 10 minutes without input")],
)
def test_the_idle_lock_counts_its_minutes_in_words(  # type: ignore[no-untyped-def]
    qtbot, window, controls, clinic_database, minutes, words
) -> None:
    controls.lock.watcher.set_minutes(minutes)
    controls.lock.watcher.idle.emit()  # as when the minutes have passed without input
    assert controls.lock.is_locked
    text = controls.lock.dialog.explanation.text()
    assert words in text and "1 minutes" not in text
    action, summary = _lock_events(clinic_database)[-1]
    assert (action, summary) == ("lock", f"screen locked {words}")
    controls.lock.dialog.password.setText(PASSWORD)
    _answer(qtbot, controls.lock.dialog, controls.lock.dialog.unlock_button.click)


def test_the_lock_screen_text_is_not_cut_when_the_error_shows(  # type: ignore[no-untyped-def]
    qtbot, typist, window, controls
) -> None:
    controls.lock.watcher.set_minutes(1)
    controls.lock.watcher.idle.emit()
    dialog = controls.lock.dialog
    qtbot.waitExposed(dialog)
    typist(dialog.password, "wrong password")
    _answer(qtbot, dialog, dialog.unlock_button.click)
    assert dialog.message.isVisible()

    def every_label_whole() -> bool:
        labels = [label for label in dialog.findChildren(QLabel) if label.isVisible()]
        return all(
            label.geometry().top() >= 0
            and label.geometry().bottom() < dialog.height()
            and label.height() >= label.heightForWidth(label.width())
            for label in labels
        )

    qtbot.waitUntil(every_label_whole, timeout=2000)
    assert dialog.password.geometry().top() > dialog.explanation.geometry().bottom()
    dialog.password.setText(PASSWORD)
    _answer(qtbot, dialog, dialog.unlock_button.click)


# The audit window at the front desk (issue 19) -------------------------------------------------


def test_the_audit_window_closes_with_its_button_and_with_escape(  # type: ignore[no-untyped-def]
    qtbot, controls
) -> None:
    controls.audit_action.trigger()
    audit = controls.audit_window
    qtbot.waitExposed(audit)
    audit.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is audit)
    qtbot.keyClick(audit.text, Qt.Key.Key_Escape)  # from any field of it
    assert not audit.isVisible()

    controls.audit_action.trigger()
    assert audit.isVisible()
    assert audit.close_button.text() == "Close"
    qtbot.mouseClick(audit.close_button, Qt.MouseButton.LeftButton)
    assert not audit.isVisible()


def test_the_audit_window_names_the_patient_of_each_patient_event(  # type: ignore[no-untyped-def]
    qtbot, window, controls, clinic_database, add_patients
) -> None:
    [eva, ana] = add_patients(clinic_database, [("Eva", "Lind"), ("Ana", "Núñez-O'Brien")])
    window.open_patient(eva)  # a view
    controls.audit_action.trigger()
    audit = controls.audit_window
    qtbot.waitUntil(lambda: audit.model.rowCount() > 0)
    records = [audit.model.index(row, 3).data() for row in range(audit.model.rowCount())]
    assert records[:3] == [
        f"patient #{eva} · Eva Lind",  # viewed
        f"patient #{ana} · Ana Núñez-O'Brien",
        f"patient #{eva} · Eva Lind",  # registered
    ]
    assert any(record.startswith("user #") and "·" not in record for record in records)
    audit.record_type.setCurrentIndex(audit.record_type.findText("patient"))
    audit.record_id.setText(str(ana))
    with qtbot.waitSignal(audit.filtered):
        audit.apply_filter()
    assert audit.model.rowCount() == 1
    assert audit.model.index(0, 3).data() == f"patient #{ana} · Ana Núñez-O'Brien"


def test_quit_at_the_lock_keeps_open_forms_as_drafts(  # type: ignore[no-untyped-def]
    qtbot, typist, window, controls, clinic_database, add_patients, dialogs, tmp_path
) -> None:
    from clinic_app.services import form_drafts

    window.data_dir = tmp_path / "data"  # where drafts are kept
    [patient_id] = add_patients(clinic_database, [("Eva", "Lind")])
    window.open_patient(patient_id)
    window.edit_patient()
    form = window.patient_dialog
    assert form is not None
    qtbot.waitExposed(form)
    typist(form.inputs["email"], "eva@exa")  # half typed, not yet written by the timer
    controls.lock_action.trigger()
    lock = controls.lock.dialog
    assert lock is not None and lock.quit_button.isVisible()

    lock.quit_button.click()
    assert not controls.lock.is_locked and not form.isVisible()
    assert not window.isVisible(), "the window closed as at any quit"
    assert dialogs.asked == [], "nobody is asked 'Discard changes?' at a locked screen"
    kept = form_drafts.load(window.data_dir, form._draft_key)
    assert kept is not None and kept["email"] == "eva@exa"
    assert not controls.lock.watcher.timer.isActive()


def test_audit_model_asks_one_page_at_a_time_and_drops_a_page_of_an_old_filter(
    qtmodeltester,
) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from clinic_app.services.security.audit_trail import AuditRow

    rows = [
        AuditRow(n, dt.datetime(2026, 1, 1, tzinfo=dt.UTC), "maria", 1, "view", "patient", n, "")
        for n in range(30, 0, -1)
    ]
    pending: list[tuple[object, object]] = []  # (work, done): replies the test delivers late

    def fetch(flt: AuditFilter, before: int | None, limit: int) -> list[AuditRow]:
        return [row for row in rows if before is None or row.id < before][:limit]

    model = AuditTableModel(
        fetch, page_size=10, start=lambda work, done: pending.append((work, done))
    )
    model.show_first_page(AuditFilter(), fetch(AuditFilter(), None, 10))
    model.fetchMore(model.index(-1, -1))
    assert len(pending) == 1 and not model.canFetchMore(model.index(-1, -1))  # one on its way
    model.fetchMore(model.index(-1, -1))
    assert len(pending) == 1
    work, done = pending.pop()
    done(work())  # type: ignore[operator]
    assert model.rowCount() == 20 and model.canFetchMore(model.index(-1, -1))
    model.fetchMore(model.index(-1, -1))
    late_work, late_done = pending.pop()
    model.show_first_page(AuditFilter(actor="ana"), [])  # the filter changed meanwhile
    late_done(late_work())  # type: ignore[operator]
    assert model.rowCount() == 0  # the old filter's page is not shown under the new one
    qtmodeltester.check(model)
