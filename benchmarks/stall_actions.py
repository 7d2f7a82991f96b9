"""The everyday actions the stall benchmark drives through the real window, each a ``Start``
(``benchmarks.stall.measure`` runs the clock from the click until it is done and settled).

Sign-in with the real password through the real dialog (argon2 included), opening a patient,
opening the session editor (the first time and later), filling it from the last session and
saving it by its button, and typing a search into the patient list, key by key."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Done = Callable[[], None]
Start = Callable[[Done], None]


def sign_in(dialog: Any, username: str, password: str) -> Start:
    """Type the name and password into a LoginDialog and press Sign in; done at the answer."""

    def start(done: Done) -> None:
        dialog.username.setText(username)
        dialog.password.setText(password)

        def answered() -> None:
            dialog.checked.disconnect(answered)
            if dialog.user is None:
                raise RuntimeError(f"sign-in refused: {dialog.message.text()}")
            done()

        dialog.checked.connect(answered)
        dialog.sign_in_button.click()

    return start


def open_patient(window: Any, patient_id: int) -> Start:
    """Open a patient's page as a double-click on the list does; done when it is shown."""

    def start(done: Done) -> None:
        window.open_patient(patient_id)
        done()

    return start


def open_editor(window: Any, patient_id: int, editors: list[Any]) -> Start:
    """Record a session for the open patient: done when the editor is on screen."""

    def start(done: Done) -> None:
        window.open_patient(patient_id)
        window.sessions.record_session()
        editor = window.sessions.editor
        if editor is None:
            raise RuntimeError("the session editor did not open")
        editors.append(editor)
        done()

    return start


def save_by_button(editor: Any, saved_ids: list[int]) -> Start:
    """Fill the open editor from the last session, then (as a second click: the event loop
    runs between them) press Save; done when it is saved."""
    from PySide6.QtCore import QTimer

    def start(done: Done) -> None:
        def saved(_patient_id: int) -> None:
            editor.saved.disconnect(saved)
            saved_ids.append(editor.record.id)
            done()

        def save() -> None:
            for row in editor.areas.rows:  # going past a caution again takes its reason again
                row.reason.setText("As in the last session (benchmark).")
            editor.save_button.click()
            if editor.record is None:  # the editor says why at the field; the bench cannot
                editor.saved.disconnect(saved)
                raise RuntimeError("the benchmark's session was not saved: a field refused it")

        editor.saved.connect(saved)
        editor.copy_button.click()
        QTimer.singleShot(0, save)

    return start


def type_search(window: Any, text: str) -> Start:
    """Type ``text`` into the patient search, one key at a time as a person types; done when
    the list shows the rows of the whole text."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest

    field = window.list_page.search

    def start(done: Done) -> None:
        field.clear()
        keys = list(text)

        def next_key() -> None:
            if keys:
                QTest.keyClicks(field, keys.pop(0))
                QTimer.singleShot(120, next_key)  # some 8 keys a second
                return
            _when_loaded(window.model, done)

        field.setFocus(Qt.FocusReason.OtherFocusReason)
        next_key()

    return start


def _when_loaded(model: Any, done: Done) -> None:
    if not model.is_loading:
        done()
        return

    def changed(loading: bool) -> None:
        if not loading:
            model.loading_changed.disconnect(changed)
            done()

    model.loading_changed.connect(changed)
