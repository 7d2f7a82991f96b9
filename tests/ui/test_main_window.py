"""The main window driven by keyboard, as the esthetician uses it, on a real SQLite database."""

from __future__ import annotations

from PySide6.QtCore import Qt

from clinic_app.services.patients import patient_search, patients
from clinic_app.ui.patients.dialog import PatientDialog


def test_register_patient_through_dialog_then_find_by_typing(
    qtbot, typist, list_ready, window, clinic_database
):
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.patient_dialog
    assert isinstance(dialog, PatientDialog) and dialog.isVisible()

    for name, text in [
        ("first_name", "María José"),
        ("last_name", "Núñez O'Brien"),
        ("date_of_birth", "1984-03-27"),
        ("phone", "+34 612 345 678"),
        ("email", "mj.nunez@example.com"),
    ]:
        typist(dialog.inputs[name], text)
    qtbot.keyClick(dialog.inputs["email"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.patient_dialog is None)

    # Saving opens the new patient's page; Escape goes back to the list with the search focused.
    assert window.pages.currentWidget() is window.patient_page
    assert "María José Núñez O'Brien" in window.patient_page.title.text()
    qtbot.waitUntil(window.isActiveWindow)  # the keyboard is back in the main window
    qtbot.keyClick(window.patient_page, Qt.Key.Key_Escape)
    assert window.pages.currentWidget() is window.list_page

    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    typist(window.list_page.search, "nunez maria")
    qtbot.waitUntil(lambda: window.model.query == "nunez maria")
    list_ready(window)
    assert window.model.rowCount() == 1
    assert window.model.index(0, 0).data() == "Núñez O'Brien"

    qtbot.keyClick(window.list_page.search, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.patient_page
    with clinic_database.session() as session:
        [row] = patients.find(session, "1984-03-27")
        assert (row.first_name, row.phone) == ("María José", "+34 612 345 678")


def test_dialog_shows_the_problem_under_the_field_and_keeps_the_input(qtbot, typist, window):
    window.new_patient()
    dialog = window.patient_dialog
    typist(dialog.inputs["first_name"], "Ana")
    typist(dialog.inputs["date_of_birth"], "03/04/1984")  # 3 April or 4 March?
    typist(dialog.inputs["email"], "ana@example")
    dialog.save()

    assert dialog.isVisible(), "a form with errors must not close"
    assert "Enter the last name" in dialog.errors.message("last_name")
    assert "write it year first: 1984-04-03 or 1984-03-04" in dialog.errors.message("date_of_birth")
    assert "name@example.com" in dialog.errors.message("email")
    assert dialog.errors.message("first_name") == ""
    assert dialog.focusWidget() is dialog.inputs["last_name"], "cursor goes to the first bad field"
    assert dialog.inputs["email"].text() == "ana@example"

    # Correcting a field clears its message as the person types.
    qtbot.keyClicks(dialog.inputs["email"], ".com")
    assert dialog.errors.message("email") == ""


def test_same_name_and_birth_date_asks_before_registering_twice(
    qtbot, typist, window, clinic_database, dialogs, add_patients
):
    [existing] = add_patients(clinic_database, [("Lucía", "Pérez")])
    window.new_patient()
    dialog = window.patient_dialog
    typist(dialog.inputs["first_name"], "lucia")
    typist(dialog.inputs["last_name"], "PEREZ")
    typist(dialog.inputs["date_of_birth"], "1980-01-01")

    dialogs.answers = [False]
    dialog.save()
    assert dialog.isVisible()
    assert f"#{existing}" in dialogs.asked[-1]
    with clinic_database.session() as session:
        assert patients.count(session) == 1

    dialogs.answers = [True]
    dialog.save()
    assert not dialog.isVisible()
    with clinic_database.session() as session:
        assert patients.count(session) == 2


def test_edit_refused_when_someone_else_saved_first(
    qtbot, typist, window, clinic_database, dialogs, actor, add_patients
):
    [patient_id] = add_patients(clinic_database, [("Eva", "Lind")])
    window.open_patient(patient_id)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = window.patient_dialog
    assert dialog is not None and dialog.windowTitle() == "Edit patient"

    with clinic_database.session() as session:  # another workstation saves meanwhile
        other = patients.fields_of(patients.get(session, patient_id))
        stored = patients.get(session, patient_id)
        patients.update(
            session,
            actor,
            patient_id,
            other.__class__(**{**other.__dict__, "phone": "+46 8 123 456"}),
            expected_version=stored.version,
        )

    typist(dialog.inputs["email"], "eva@example.com")
    dialog.save()
    assert dialog.isVisible(), "the stale save must be refused, the input kept"
    assert "phone is now '+46 8 123 456'" in dialogs.errors[-1]
    assert "email" not in dialogs.errors[-1], "only the other person's change is reported"
    assert dialog.inputs["email"].text() == "eva@example.com"
    with clinic_database.session() as session:
        assert patients.get(session, patient_id).email == ""

    # The form took in the other person's phone; saving again keeps both changes.
    assert dialog.inputs["phone"].text() == "+46 8 123 456"
    dialog.save()
    qtbot.waitUntil(lambda: window.patient_dialog is None)
    with clinic_database.session() as session:
        stored = patients.get(session, patient_id)
        assert (stored.phone, stored.email) == ("+46 8 123 456", "eva@example.com")


def test_cancel_with_typed_text_asks_before_discarding(qtbot, typist, window, dialogs):
    window.new_patient()
    dialog = window.patient_dialog
    typist(dialog.inputs["first_name"], "Inès")
    dialogs.answers = [False]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.inputs["first_name"].text() == "Inès"
    dialogs.answers = [True]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_archive_hides_patient_from_list(
    qtbot, list_ready, window, clinic_database, dialogs, add_patients
):
    [keep, gone] = add_patients(clinic_database, [("Ana", "Alba"), ("Bea", "Bravo")])
    window.model.refresh()
    list_ready(window)
    window.open_patient(gone)
    dialogs.answers = [True]
    window.patient_page.archive_button.click()
    assert window.pages.currentWidget() is window.list_page
    list_ready(window)
    assert [window.model.patient_id(r) for r in range(window.model.rowCount())] == [keep]

    # Archived records are found again with "Show archived patients", and restored.
    window.list_page.show_archived.click()
    list_ready(window)
    assert [window.model.patient_id(r) for r in range(window.model.rowCount())] == [keep, gone]
    window.open_patient(gone)
    window.patient_page.archive_button.click()
    window.list_page.show_archived.click()
    list_ready(window)
    assert window.model.rowCount() == 2


def test_status_bar_names_the_database(window, clinic_database):
    assert window.database_label.text().startswith("SQLite: ")
    assert str(clinic_database.engine.url.database) in window.database_label.text()
    assert window.windowTitle().startswith("Clínica Sol & Piel")


def test_patient_count_stays_in_the_status_bar_after_a_save(qtbot, typist, window, dialogs):
    qtbot.waitUntil(lambda: window.count_label.text() == "0 patients registered")
    window.new_patient()
    dialog = window.patient_dialog
    typist(dialog.inputs["first_name"], "Zoé")
    typist(dialog.inputs["last_name"], "Durand")
    typist(dialog.inputs["date_of_birth"], "1979-11-02")
    dialog.save()
    qtbot.waitUntil(lambda: window.count_label.text() == "1 patient registered")
    window.statusBar().showMessage("Patient saved.", 1)
    qtbot.wait(20)
    assert window.count_label.isVisible()


def test_enter_typed_before_the_results_arrive_opens_the_first_match(
    qtbot, typist, window, clinic_database, add_patients
):
    add_patients(clinic_database, [("Ana", "Alba"), ("Inés", "Ibáñez")])
    window.list_page.search.setFocus()
    typist(window.list_page.search, "ibanez")
    qtbot.keyClick(window.list_page.search, Qt.Key.Key_Return)  # no pause: results still coming
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.patient_page)
    assert "Inés Ibáñez" in window.patient_page.title.text()


def test_the_patients_are_counted_once_the_first_page_is_shown(
    qtbot, clinic_database, actor, dialogs, monkeypatch
):  # type: ignore[no-untyped-def]
    """The count keeps the database busy (a million patients on a server): it waits until the
    first screen is drawn, then the status bar shows it."""
    from clinic_app.ui.main_window import MainWindow

    window = MainWindow(clinic_database, actor, dialogs)
    qtbot.addWidget(window)
    asked_while_loading: list[bool] = []
    real_count = patient_search.count

    def count(reader):  # type: ignore[no-untyped-def]
        asked_while_loading.append(window.model.is_loading)
        return real_count(reader)

    monkeypatch.setattr(patient_search, "count", count)
    window.show()
    qtbot.waitUntil(lambda: window.count_label.text() == "0 patients registered")
    assert asked_while_loading == [False]
