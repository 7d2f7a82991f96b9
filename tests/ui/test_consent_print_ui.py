"""The consent panel prints the latest signed consent from the window (rendered in a worker,
read back from the preview's PDF bytes, saved and printed, both audited) and records a
withdrawal whose reason must say something."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget
from session_factories import add_consultation, all_no_answers, give_consent
from sqlalchemy import select

from clinic_app.models import AuditEvent, Consent
from clinic_app.services.consent import consents
from clinic_app.services.security.identity import Actor
from clinic_app.services.sessions.session_resources import load_resources
from clinic_app.ui.consent.consent_panel import ConsentPanel
from clinic_app.ui.consent.consent_preview import ConsentPreviewDialogs

pytestmark = pytest.mark.gui


class ScriptedFiles(ConsentPreviewDialogs):
    """Answers "save where?" with ``save_paths`` and prints into ``print_files`` (PDF)."""

    def __init__(self) -> None:
        super().__init__()
        self.save_paths: list[Path] = []
        self.print_files: list[Path] = []

    def save_path(self, parent: QWidget, suggested: Path) -> Path | None:
        assert suggested.name.startswith("consent-")
        return self.save_paths.pop(0) if self.save_paths else None

    def setup_printer(self, parent: QWidget, printer: QPrinter, pages: int) -> bool:
        if not self.print_files:
            return False
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.print_files.pop(0)))
        printer.setResolution(96)
        return True


@pytest.fixture
def patient(clinic_database, add_patients) -> int:  # type: ignore[no-untyped-def]
    [patient_id] = add_patients(clinic_database, [("Camille", "Laurent")])
    with clinic_database.session() as session:
        add_consultation(
            session,
            patient_id,
            consent=False,
            answers=all_no_answers(fitzpatrick="V", hsv_history=True),
            findings=(("fitzpatrick_v_vi", "relative", "proceed", "Test spot healed well"),),
        )
    return patient_id


@pytest.fixture
def panel(qtbot, clinic_database, patient) -> ConsentPanel:  # type: ignore[no-untyped-def]
    widget = ConsentPanel(
        clinic_database, Actor("Dana Witness"), load_resources(), patient, "Camille Laurent"
    )
    qtbot.addWidget(widget)
    widget.file_dialogs = ScriptedFiles()
    return widget


def sign(database, patient_id: int) -> str:  # type: ignore[no-untyped-def]
    with database.session() as session:
        give_consent(session, patient_id)
    with database.session() as session:
        view = consents.latest_signed(session, patient_id)
        assert view is not None
        return view.sha256


def audit_summaries(database, action: str) -> list[str]:  # type: ignore[no-untyped-def]
    with database.session() as session:
        return list(
            session.scalars(
                select(AuditEvent.summary).where(
                    AuditEvent.action == action, AuditEvent.entity_type == "consent"
                )
            )
        )


def test_print_is_disabled_until_a_consent_is_signed(panel, clinic_database, patient) -> None:  # type: ignore[no-untyped-def]
    assert not panel.print_button.isEnabled()
    assert not panel.withdraw_button.isEnabled()
    sign(clinic_database, patient)
    panel.refresh()
    assert panel.print_button.isEnabled()
    assert panel.withdraw_button.isEnabled()


def test_the_preview_shows_the_signed_consent_and_saves_and_prints_it(  # type: ignore[no-untyped-def]
    qtbot, panel, clinic_database, patient, tmp_path
) -> None:
    sha256 = sign(clinic_database, patient)
    panel.refresh()
    panel.print_button.click()
    preview = panel.preview
    assert preview is not None
    qtbot.waitUntil(lambda: preview.pdf is not None, timeout=20000)
    assert preview.pdf is not None
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(preview.pdf)).pages)
    assert "Camille" in text and "Laurent" in text
    assert sha256 in text.replace("\n", "")
    assert sha256[:16] in preview.info.text()

    target = tmp_path / "signed consent.pdf"
    panel.file_dialogs.save_paths = [target]
    with qtbot.waitSignal(preview.saved):
        preview.save_button.click()
    assert target.read_bytes() == preview.pdf
    [saved] = audit_summaries(clinic_database, "export")
    assert "saved" in saved and sha256 in saved

    printed = tmp_path / "printed.pdf"
    panel.file_dialogs.print_files = [printed]
    with qtbot.waitSignal(preview.printed, timeout=30000):
        preview.print_button.click()
    assert printed.stat().st_size > 1000
    [line] = audit_summaries(clinic_database, "print")
    assert sha256 in line
    preview.close()


def test_the_window_s_render_process_lays_out_the_consent_from_the_editor(  # type: ignore[no-untyped-def]
    qtbot, window, clinic_database, add_patients
) -> None:
    """The session editor's panel prints through the window's render process (ReportLab stays
    out of the window), with the same bytes as a render here."""
    from test_session_editor import open_editor

    [patient] = add_patients(clinic_database, [("Inès", "Moreau")])
    with clinic_database.session() as session:
        add_consultation(session, patient)  # nothing to override; the consent signed
    editor = open_editor(qtbot, window, patient)
    panel = editor.consent_panel
    renderer = window.handouts.renderer
    assert isinstance(panel, ConsentPanel) and panel.renderer is renderer
    panel.file_dialogs = ScriptedFiles()
    panel.print_button.click()
    preview = panel.preview
    assert preview is not None
    qtbot.waitUntil(lambda: preview.pdf is not None, timeout=30000)
    assert preview.prepared is not None and preview.pdf == preview.prepared.render()
    assert "clinic_app.reports.consent_pdf" in renderer.status().modules
    preview.close()
    editor.reject()


def test_a_render_process_that_died_says_no_copy_was_made(  # type: ignore[no-untyped-def]
    qtbot, clinic_database, patient
) -> None:
    import sys

    from clinic_app.reports.render_process import RenderProcess

    dies = (
        "import os, signal, sys\n"
        "from clinic_app.reports.render_process import read_frame\n"
        "read_frame(sys.stdin.buffer)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    renderer = RenderProcess([sys.executable, "-c", dies])
    panel = ConsentPanel(
        clinic_database,
        Actor("Dana Witness"),
        load_resources(),
        patient,
        "Camille Laurent",
        renderer=renderer,
    )
    qtbot.addWidget(panel)
    panel.file_dialogs = ScriptedFiles()
    sign(clinic_database, patient)
    panel.refresh()
    try:
        preview = panel.open_preview()
        qtbot.waitUntil(lambda: "stopped unexpectedly" in preview.busy_label.text(), timeout=30000)
    finally:
        renderer.close()
    assert "no copy was made" in preview.busy_label.text() and preview.pdf is None
    assert audit_summaries(clinic_database, "print") == []
    preview.close()


def test_a_withdrawal_needs_a_reason_and_then_a_new_consent(  # type: ignore[no-untyped-def]
    qtbot, panel, clinic_database, patient
) -> None:
    sign(clinic_database, patient)
    panel.refresh()
    assert panel.status is not None and panel.status.valid
    dialog = panel.ask_withdrawal()
    dialog.reason.setPlainText(".")
    dialog.withdraw_button.click()
    assert dialog.isVisible()
    assert dialog.error.isVisible() and "patient's wish" in dialog.error.text()
    with clinic_database.session() as session:
        assert session.scalars(select(Consent).where(Consent.kind == "withdrawal")).all() == []

    dialog.reason.setPlainText("Moved abroad, will not continue")
    with qtbot.waitSignal(panel.withdrawn):
        dialog.withdraw_button.click()
    assert not panel.status.valid
    assert "No valid informed consent" in panel.state.text()
    assert not panel.withdraw_button.isEnabled()
    assert panel.print_button.isEnabled()  # the withdrawn consent can still be printed
    assert audit_summaries(clinic_database, "withdraw")


def test_the_service_refuses_a_reason_that_says_nothing(clinic_database, patient) -> None:  # type: ignore[no-untyped-def]
    sign(clinic_database, patient)
    from clinic_app.services.errors import ValidationError

    with pytest.raises(ValidationError), clinic_database.session() as session:
        consents.withdraw(session, Actor("Dana Witness"), patient, ".")


def test_a_failed_save_says_why_and_records_nothing(  # type: ignore[no-untyped-def]
    qtbot, panel, clinic_database, patient, tmp_path
) -> None:
    errors: list[tuple[str, str]] = []
    panel.dialogs.error = lambda parent, title, text: errors.append((title, text))  # type: ignore[method-assign]
    sign(clinic_database, patient)
    panel.refresh()
    preview = panel.open_preview()
    qtbot.waitUntil(lambda: preview.pdf is not None, timeout=20000)
    panel.file_dialogs.save_paths = [tmp_path / "gone" / "consent.pdf"]
    preview.save_button.click()
    [(title, text)] = errors
    assert title == "The consent was not saved"
    assert "does not exist" in text and "consent is still open here" in text
    assert audit_summaries(clinic_database, "export") == []
    preview.close()


def test_without_the_clinic_details_the_preview_says_what_to_do(  # type: ignore[no-untyped-def]
    qtbot, sqlite_database, add_patients
) -> None:
    [patient_id] = add_patients(sqlite_database, [("Ana", "Ruiz")])
    with sqlite_database.session() as session:
        add_consultation(session, patient_id, answers=all_no_answers(fitzpatrick="II"))
    widget = ConsentPanel(sqlite_database, Actor("Dana"), load_resources(), patient_id, "Ana")
    qtbot.addWidget(widget)
    assert widget.print_button.isEnabled()
    preview = widget.open_preview()
    qtbot.waitUntil(lambda: "clinic's details" in preview.busy_label.text(), timeout=20000)
    assert preview.pdf is None and not preview.print_button.isEnabled()
    preview.close()
