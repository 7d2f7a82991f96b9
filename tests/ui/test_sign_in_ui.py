"""Start-up with users: the first start creates the administrator, later starts ask for a
password (lockout shown with its time), and the signed-in user is the one the audit names."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from sqlalchemy import select
from thread_notes import note_threads

from clinic_app.config import resolve_config
from clinic_app.db import Database
from clinic_app.models import AuditEvent
from clinic_app.services import backup
from clinic_app.services.security import auth, users
from clinic_app.services.security.identity import Actor
from clinic_app.ui import app as app_module
from clinic_app.ui.security.first_user_dialog import FirstUserDialog
from clinic_app.ui.security.login_dialog import LoginDialog
from clinic_app.ui.service_loader import ServiceLoader

PASSWORD = "correct horse 7"


def _add_admin(database: Database) -> None:
    with database.session() as session:
        users.add(
            session,
            Actor("setup", role="administrator"),
            "maria",
            "administrator",
            PASSWORD,
            "María López",
        )


def test_login_dialog_says_why_and_locks_after_five_tries(qtbot, sqlite_database, typist) -> None:  # type: ignore[no-untyped-def]
    _add_admin(sqlite_database)
    dialog = LoginDialog(sqlite_database)
    qtbot.addWidget(dialog)
    typist(dialog.username, "maria")
    for attempt in range(1, auth.MAX_FAILED_LOGINS + 1):
        typist(dialog.password, f"wrong {attempt}")
        with qtbot.waitSignal(dialog.checked, timeout=10_000):
            dialog.sign_in_button.click()
        assert dialog.user is None
        assert dialog.password.text() == "", "a refused password is cleared"
    assert "is locked until" in dialog.message.text()
    assert "ask an administrator" in dialog.message.text()
    typist(dialog.password, PASSWORD)
    with qtbot.waitSignal(dialog.checked, timeout=10_000):
        dialog.sign_in_button.click()
    assert dialog.user is None, "locked: even the right password waits"

    with sqlite_database.session() as session:
        user = users.find(session, "maria")
        assert user is not None
        users.unlock(session, Actor("admin", role="administrator"), user.id)
    typist(dialog.password, PASSWORD)
    with qtbot.waitSignal(dialog.checked, timeout=10_000):
        dialog.sign_in_button.click()
    assert dialog.user is not None and dialog.user.username == "maria"
    assert dialog.result() == LoginDialog.DialogCode.Accepted


def test_first_user_dialog_checks_then_creates_and_signs_in(qtbot, sqlite_database, typist) -> None:  # type: ignore[no-untyped-def]
    dialog = FirstUserDialog(sqlite_database)
    qtbot.addWidget(dialog)
    typist(dialog.username, "maria")
    typist(dialog.password, "short")
    typist(dialog.repeat, "shorter")
    dialog.create_account()
    assert "differ" in dialog.errors.message("repeat")
    dialog.repeat.clear()
    typist(dialog.repeat, "short")
    dialog.create_account()
    assert "at least 8 characters" in dialog.errors.message("password")
    for field in (dialog.password, dialog.repeat):
        field.clear()
        typist(field, PASSWORD)
    typist(dialog.display_name, "María López")
    dialog.create_account()
    assert dialog.user is not None and dialog.user.is_administrator
    with sqlite_database.session() as session:
        actions = session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions == ["create", "login"]


@pytest.fixture
def config(tmp_path: Path):  # type: ignore[no-untyped-def]
    return resolve_config(tmp_path / "data", None, environ={})


def test_a_brand_new_data_dir_asks_for_the_administrator_then_the_clinic(
    qtbot, config, dialogs, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    asked: list[str] = []

    def first_user(cls, database, parent=None):  # type: ignore[no-untyped-def]
        asked.append("administrator")
        _add_admin(database)
        with database.session() as session:
            return auth.sign_in(session, "maria", PASSWORD).user

    monkeypatch.setattr(FirstUserDialog, "ask", classmethod(first_user))
    monkeypatch.setattr(LoginDialog, "ask", classmethod(lambda *a: pytest.fail("no login yet")))
    started = app_module.start(config, dialogs)
    assert not isinstance(started, int)
    try:
        qtbot.waitExposed(started.window)
        assert asked == ["administrator"]
        assert started.window.actor == Actor("maria", started.user.id, "administrator")
        qtbot.waitUntil(lambda: started.window.settings_dialog is not None)  # the clinic next
        assert "Welcome" in started.window.settings_dialog.windowTitle()
        menus = [a.text() for a in started.window.menuBar().actions()]
        assert "&Account" in menus and "A&dministration" in menus
        assert "María López" in started.security.user_label.text()
        folder = backup.backup_dir(config.data_dir)
        qtbot.waitUntil(lambda: len(backup.automatic_backups(folder)) == 1, timeout=10_000)
    finally:
        started.window.settings_dialog.reject()
        started.window.close()
        started.close()
    database = Database(config.db_url)
    with database.session() as session:
        actions = session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    database.close()
    assert actions[:2] == ["create", "login"]
    assert actions[-1] == "logout"
    assert "export" in actions  # the daily backup


def test_a_later_start_asks_who_is_there_and_cancel_ends_quietly(
    qtbot, config, dialogs, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    database = Database(config.db_url)
    _add_admin(database)
    database.close()
    monkeypatch.setattr(FirstUserDialog, "ask", classmethod(lambda *a: pytest.fail("asked")))
    monkeypatch.setattr(LoginDialog, "ask", classmethod(lambda cls, db, parent=None: None))
    assert app_module.start(config, dialogs) == 0


def test_the_collector_paused_for_the_start_is_back_on_even_when_the_start_ends_early(
    qtbot, config, dialogs, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """clinic_app.cli.main pauses the garbage collector for the start; start() resumes it."""
    frozen: list[bool] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))  # the test process's own
    database = Database(config.db_url)
    _add_admin(database)
    database.close()
    monkeypatch.setattr(LoginDialog, "ask", classmethod(lambda cls, db, parent=None: None))
    gc.disable()
    try:
        assert app_module.start(config, dialogs) == 0
        assert gc.isenabled()
        assert frozen == [True]
    finally:
        gc.enable()
    app_module.resume_garbage_collection()  # not paused: nothing to do
    assert frozen == [True]


def test_a_practitioner_gets_no_administration_menu(qtbot, config, dialogs, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    database = Database(config.db_url)
    _add_admin(database)
    with database.session() as session:
        users.add(
            session, Actor("setup", role="administrator"), "nurse", "practitioner", "nurse pass 1"
        )
    database.close()

    def login(cls, db, parent=None):  # type: ignore[no-untyped-def]
        with db.session() as session:
            return auth.sign_in(session, "nurse", "nurse pass 1").user

    monkeypatch.setattr(LoginDialog, "ask", classmethod(login))
    started = app_module.start(config, dialogs)
    assert not isinstance(started, int)
    try:
        menus = [a.text() for a in started.window.menuBar().actions()]
        assert "&Account" in menus and "A&dministration" not in menus
        with pytest.raises(auth.PermissionDeniedError):
            started.security.open_audit()
    finally:
        if started.window.settings_dialog is not None:
            started.window.settings_dialog.reject()
        started.window.close()
        started.close()


def test_a_damaged_database_offers_the_latest_backup(qtbot, config, dialogs) -> None:  # type: ignore[no-untyped-def]
    database = Database(config.db_url)
    _add_admin(database)
    db_path = database.sqlite_path
    assert db_path is not None
    saved = backup.backup(db_path, backup.new_backup_path(backup.backup_dir(config.data_dir)))
    database.close()
    for suffix in ("-wal", "-shm"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    db_path.write_bytes(b"overwritten by a failing disk" * 300)

    dialogs.answers[:] = [True]
    reopened = app_module.open_database(config, dialogs)
    assert reopened is not None
    try:
        assert "The database is damaged" in dialogs.asked[0]
        assert saved.path.name in dialogs.asked[0]
        assert dialogs.infos == [f"Database restored: Restored from {saved.path.name}."]
        with reopened.session() as session:
            assert users.find(session, "maria") is not None
    finally:
        reopened.close()


def test_a_damaged_database_without_backup_is_explained(qtbot, config, dialogs) -> None:  # type: ignore[no-untyped-def]
    path = config.data_dir / "clinic.db"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"garbage" * 1000)
    assert app_module.open_database(config, dialogs) is None
    assert "There is no backup" in dialogs.errors[0]


def test_the_services_load_while_the_sign_in_dialog_waits(
    qtbot, sqlite_database, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The dialog needs no ORM; the loader starts before it opens, so that the password check
    (and the window after it) finds the services loaded (docs/startup.md)."""
    _add_admin(sqlite_database)
    loader = ServiceLoader()
    seen: list[bool] = []

    def ask(cls, database, parent=None):  # type: ignore[no-untyped-def]
        seen.append(loader.started)
        qtbot.waitUntil(lambda: loader.done, timeout=30_000)  # the person types meanwhile
        with database.session() as session:
            return auth.sign_in(session, "maria", PASSWORD).user

    monkeypatch.setattr(LoginDialog, "ask", classmethod(ask))
    user = app_module.sign_in(sqlite_database, loader)
    assert seen == [True]
    assert user is not None and user.username == "maria"
    later: list[str] = []
    loader.when_loaded(lambda: later.append("called at once"))
    assert later == ["called at once"]


def test_the_password_is_checked_in_a_worker_and_counted_once(  # type: ignore[no-untyped-def]
    qtbot, sqlite_database, typist
) -> None:
    from PySide6.QtWidgets import QApplication

    _add_admin(sqlite_database)
    dialog = LoginDialog(sqlite_database)
    qtbot.addWidget(dialog)
    dialog.show()
    typist(dialog.username, "maria")
    typist(dialog.password, "wrong password")
    with qtbot.waitSignal(dialog.checked, timeout=10_000):
        dialog.sign_in_button.click()  # returns before the answer: the UI thread does not wait
        assert dialog.checking and dialog.message.text() == ""
        assert not dialog.sign_in_button.isEnabled()
        assert not dialog.password.isEnabled() and dialog.cursor().shape().name == "BusyCursor"
        dialog.sign_in()  # a second Enter while the first is checked
        dialog.reject()  # nor does Cancel leave with the answer on its way
        QApplication.processEvents()
    assert dialog.isVisible(), "Cancel waited for the answer"
    assert dialog.sign_in_button.isEnabled() and dialog.password.isEnabled()
    with sqlite_database.session() as session:
        failed = session.scalars(
            select(AuditEvent.summary).where(AuditEvent.action == "login_failed")
        ).all()
    assert len(failed) == 1 and "1 of 5" in failed[0]


def test_the_start_loads_the_fonts_in_a_worker_before_it_asks_anything(
    qtbot, config, dialogs, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from clinic_app.ui.common import font_warmup

    threads = note_threads(monkeypatch, font_warmup, "load_font")
    database = Database(config.db_url)
    _add_admin(database)
    database.close()
    monkeypatch.setattr(LoginDialog, "ask", classmethod(lambda cls, db, parent=None: None))
    assert app_module.start(config, dialogs) == 0
    QThreadPool.globalInstance().waitForDone()
    assert len(threads) == 1 and threading.main_thread().name not in threads
