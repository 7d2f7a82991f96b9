"""End to end on two windows (two workstations, two connections) sharing one database, on
PostgreSQL and SQLite: both open the same patient's form; the second save is refused with a
message naming what the other person changed, and keeps what was typed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from clinic_app.db import Database
from clinic_app.services.patients import patients
from clinic_app.services.security import audit_trail
from clinic_app.services.security.identity import Actor
from clinic_app.services.settings import clinic
from clinic_app.services.settings.clinic import ClinicDetails
from clinic_app.ui.main_window import MainWindow


@pytest.fixture
def two_windows(qtbot, database: Database, dialogs, add_patients) -> Iterator[tuple]:  # type: ignore[no-untyped-def]
    with database.session() as session:
        clinic.save(
            session,
            Actor("setup", role="administrator"),
            ClinicDetails(name="Clinic", phone="+1 555 0100"),
        )
    [patient_id] = add_patients(database, [("Eva", "Lind")])
    other = Database(database.url)
    windows = []
    for db, who, scripted in (
        (database, "front-desk", dialogs),
        (other, "treatment-room", type(dialogs)()),
    ):
        window = MainWindow(db, Actor(who), scripted)
        window.show()
        qtbot.waitExposed(window)
        windows.append((window, scripted))
    yield patient_id, windows
    for window, scripted in windows:
        scripted.answers[:] = [True] * 3
        window.close()
        window.deleteLater()
    other.close()


def test_second_workstation_save_is_refused_with_what_changed(qtbot, typist, two_windows, database):  # type: ignore[no-untyped-def]
    patient_id, [(desk, _desk_dialogs), (room, room_dialogs)] = two_windows
    forms = []
    for window in (desk, room):
        window.open_patient(patient_id)
        window.edit_patient()  # what Ctrl+E does in the active window
        assert window.patient_dialog is not None
        forms.append(window.patient_dialog)
    at_desk, in_room = forms

    typist(at_desk.inputs["phone"], "+46 8 123 456")
    at_desk.save()
    qtbot.waitUntil(lambda: desk.patient_dialog is None)

    typist(in_room.inputs["email"], "eva@example.com")
    in_room.save()
    assert in_room.isVisible(), "the stale save is refused and the form stays open"
    assert "phone is now '+46 8 123 456'" in room_dialogs.errors[-1]
    assert "Your changes were not saved" in room_dialogs.errors[-1]
    assert in_room.inputs["email"].text() == "eva@example.com"
    with database.session() as session:
        stored = patients.get(session, patient_id)
        assert (stored.phone, stored.email) == ("+46 8 123 456", "")
        assert audit_trail.verify(session).ok
