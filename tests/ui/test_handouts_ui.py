"""Handouts in the window, on a real database with real PDFs: ask, preview, save, print, reprint.

Printing goes to a PDF-file QPrinter (QPrinter.OutputFormat.PdfFormat) through the same code a
real printer gets; the printed file is read back and rasterised with pdftoppm.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import shutil
import threading
from pathlib import Path

import pytest
from handout_helpers import (
    ScriptedPreviewDialogs,
    best_offset,
    dark_share,
    mean_difference,
    page_count,
    pdf_text,
    previews,
    rasterise,
)
from PIL import ImageChops
from PySide6.QtWidgets import QDialogButtonBox, QPushButton
from sqlalchemy import select

from clinic_app import storage
from clinic_app.domain.patient_rules import PatientFields
from clinic_app.models import AuditEvent, GeneratedDocument, SessionArea, TreatmentSession
from clinic_app.reports.render_process import RenderProcess
from clinic_app.services.handouts import handout_documents
from clinic_app.services.handouts.handouts import PreparedHandout
from clinic_app.services.patients import patients
from clinic_app.ui.handouts.worker import HandoutResult
from clinic_app.ui.main_window import MainWindow

pytestmark = pytest.mark.gui
needs_pdftoppm = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm")

TODAY = dt.date(2026, 11, 10)
T = dt.date(2026, 12, 1)
NAME = ("Zoë", "D'Arcy-<b>Núñez</b> & Co")
FULL_NAME = "Zoë D'Arcy-<b>Núñez</b> & Co"
WAIT_MS = 30_000


@pytest.fixture
def files(window) -> ScriptedPreviewDialogs:
    """The save and print dialogs of the window's handouts, scripted."""
    scripted = ScriptedPreviewDialogs()
    window.handouts.file_dialogs = scripted
    return scripted


@pytest.fixture
def handouts_ui(window, files):
    """The window's HandoutController on a fixed day; waits for its workers afterwards."""
    controller = window.handouts
    controller.today = lambda: TODAY
    yield controller
    assert controller.wait_for_workers(WAIT_MS)
    for preview in previews():
        preview.close()


@pytest.fixture
def patient_id(clinic_database, actor) -> int:
    with clinic_database.session() as session:
        fields = PatientFields(
            first_name=NAME[0], last_name=NAME[1], date_of_birth=dt.date(1980, 3, 14)
        )
        return patients.create(session, actor, fields).id


def command(window: MainWindow, text: str) -> QPushButton:
    """The patient page's button labelled ``text``."""
    [button] = [b for b in window.patient_page.findChildren(QPushButton) if b.text() == text]
    return button


def make_handout(qtbot, handouts_ui, make) -> tuple[HandoutResult, object]:
    """Run ``make()`` (which opens a preview) and wait until the preview shows the PDF."""
    with qtbot.waitSignal(handouts_ui.handout_ready, timeout=WAIT_MS) as ready:
        preview = make()
    [result] = ready.args
    return result, preview


# ---- preview and save --------------------------------------------------------------------


def test_pre_care_from_the_patient_page_previews_and_saves_the_pdf(
    qtbot, window, handouts_ui, files, patient_id, clinic_database, tmp_path
) -> None:
    window.open_patient(patient_id)
    command(window, "&Pre-care handout…").click()
    dialog = handouts_ui.request_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.date.date().toPython() == TODAY + dt.timedelta(days=14), "every step still ahead"
    dialog.date.setDate(T)
    dialog.print_time.setChecked(True)
    dialog.time.setTime(dt.time(9, 30))
    with qtbot.waitSignal(handouts_ui.handout_ready, timeout=WAIT_MS) as ready:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        [preview] = previews()
        assert preview.is_busy and not preview.print_button.isEnabled()
    [result] = ready.args
    assert handouts_ui.request_dialog is None or not handouts_ui.request_dialog.isVisible()

    assert preview.windowTitle() == f"Pre-care handout — {FULL_NAME}"
    assert preview.view.document() is preview.document and preview.page_count == 2
    assert preview.page_label.text() == "Page 1 of 2"
    assert preview.print_button.isEnabled() and preview.save_button.isEnabled()
    assert f"Document #{result.stored.info.id}" in preview.info.text()

    target = tmp_path / "out" / "handout.pdf"
    target.parent.mkdir()
    files.save_paths = [target]
    with qtbot.waitSignal(preview.saved):
        preview.save_button.click()
    assert preview.status.text() == "Saved as handout.pdf"
    assert files.suggested[-1].name == f"pre-care-{patient_id}-2026-12-01.pdf"
    saved = target.read_bytes()
    assert saved == result.stored.pdf
    text = pdf_text(target)
    assert FULL_NAME in text and "&amp;" not in text
    assert "Tue 1 Dec 2026 at 09:30" in text
    assert "Tue 17 Nov 2026" in text  # T-14
    assert "Tue 24 Nov 2026" in text  # T-7
    assert "+34 910 000 000" in text  # the clinic's phone
    assert list(target.parent.iterdir()) == [target], "no temporary file left behind"

    with clinic_database.session() as session:
        [document] = session.scalars(select(GeneratedDocument)).all()
        assert document.content == saved and document.sha256 == result.stored.info.sha256
        assert document.kind == "pre_care" and document.template_version.startswith("pre_care/")
        actions = session.scalars(
            select(AuditEvent.action).where(AuditEvent.entity_type == "generated_document")
        ).all()
        assert actions == ["generate"]


def test_the_handout_is_made_in_a_worker_while_the_window_stays_responsive(
    qtbot, window, handouts_ui, patient_id, monkeypatch
) -> None:
    release = threading.Event()
    render_threads: list[int] = []
    original = PreparedHandout.render

    def slow_render(self: PreparedHandout, renderer: RenderProcess | None = None) -> bytes:
        render_threads.append(threading.get_ident())
        assert release.wait(WAIT_MS / 1000)
        return original(self, renderer)

    monkeypatch.setattr(PreparedHandout, "render", slow_render)
    with qtbot.waitSignal(handouts_ui.preview_opened) as opened:
        preview = handouts_ui.open_post_care(patient_id, T, intensity="deep")
    assert opened.args == [preview]
    qtbot.waitUntil(lambda: bool(render_threads))
    # The event loop keeps running while the worker renders: the busy preview paints and
    # the main window still answers.
    qtbot.wait(100)
    assert preview.is_busy and preview.busy_label.isVisible()
    assert "post-care handout" in preview.busy_label.text()
    assert not preview.print_button.isEnabled() and not preview.save_button.isEnabled()
    window.show_list()
    assert window.pages.currentWidget() is window.list_page

    with qtbot.waitSignal(handouts_ui.handout_ready, timeout=WAIT_MS) as ready:
        release.set()
    assert render_threads[0] != threading.get_ident(), "rendered on the UI thread"
    [result] = ready.args
    assert not preview.is_busy and preview.print_button.isEnabled()
    text = pdf_text(result.stored.pdf)
    assert "deep intensity" in text and "Day 1 Wed 2 Dec 2026" in text


# ---- printing ------------------------------------------------------------------------------


@needs_pdftoppm
def test_printing_renders_the_recorded_pages_into_the_printer(
    qtbot, handouts_ui, files, patient_id, tmp_path
) -> None:
    result, preview = make_handout(
        qtbot, handouts_ui, lambda: handouts_ui.open_post_care(patient_id, T)
    )
    original = tmp_path / "original.pdf"
    original.write_bytes(result.stored.pdf)
    printed = tmp_path / "printed.pdf"
    files.print_files = [printed]
    with qtbot.waitSignal(preview.printed, timeout=WAIT_MS) as done:
        preview.print_button.click()
        assert not preview.print_button.isEnabled(), "no second print while one is running"
    pages = page_count(original)  # the recorded handout's pages, however many the care text takes
    assert pages >= 2
    assert done.args == [pages] and files.page_counts == [pages]
    assert page_count(printed) == pages
    assert preview.status.text() == f"Sent {pages} pages to the printer."

    printed_pages = rasterise(printed, tmp_path / "printed")
    original_pages = rasterise(original, tmp_path / "original")
    for number, (page, reference) in enumerate(zip(printed_pages, original_pages, strict=True)):
        assert dark_share(page) > 0.02, f"printed page {number + 1} looks blank"
        # Same paper, same place (within a pixel at 40 dpi, 0.6 mm), same picture: the pages
        # were drawn from the recorded PDF, not laid out again.
        dx, dy = best_offset(page, reference)
        assert abs(dx) <= 1 and abs(dy) <= 1, f"page {number + 1} moved by {dx, dy} pixels"
        shifted = ImageChops.offset(page, dx, dy)
        assert mean_difference(shifted, reference) < 6, f"page {number + 1} differs"
    # The measure tells pages apart: another page of the same handout is far off.
    assert mean_difference(printed_pages[0], original_pages[1]) > 15


def test_cancelling_the_print_dialog_prints_nothing(qtbot, handouts_ui, files, patient_id) -> None:
    _result, preview = make_handout(
        qtbot, handouts_ui, lambda: handouts_ui.open_pre_care(patient_id, T)
    )
    files.print_files = []  # the scripted dialog answers Cancel
    preview.print_button.click()
    assert preview.print_task is None and preview.print_button.isEnabled()


# ---- recorded documents --------------------------------------------------------------------


@needs_pdftoppm
def test_print_again_uses_the_stored_bytes(
    qtbot, window, handouts_ui, files, patient_id, clinic_database, tmp_path
) -> None:
    first, preview = make_handout(
        qtbot, handouts_ui, lambda: handouts_ui.open_pre_care(patient_id, T)
    )
    preview.close()
    window.open_patient(patient_id)
    command(window, "&Documents…").click()
    dialog = handouts_ui.documents_dialog
    assert dialog is not None and dialog.table.rowCount() == 1
    assert dialog.table.item(0, 1).text() == "Pre-care handout"
    assert dialog.table.item(0, 3).text() == f"#{first.stored.info.id}"

    printed = tmp_path / "again.pdf"
    files.print_files = [printed]
    dialog.print_button.click()
    [again] = previews()
    with qtbot.waitSignal(again.printed, timeout=WAIT_MS):
        pass
    assert again.pdf == first.stored.pdf, "the stored bytes, not a new rendering"
    assert "the recorded file, unchanged" in again.info.text()
    assert page_count(printed) == 2 and dark_share(rasterise(printed, tmp_path / "p")[0]) > 0.02

    dialog.open_button.click()
    opened = [p for p in previews() if p is not again]
    assert [p.pdf for p in opened] == [first.stored.pdf]
    with clinic_database.session() as session:
        actions = session.scalars(
            select(AuditEvent.action)
            .where(AuditEvent.entity_type == "generated_document")
            .order_by(AuditEvent.id)
        ).all()
        assert actions == ["generate", "reprint"]  # opening to look is not a reprint
        assert handout_documents.stored(session, first.stored.info.id).pdf == first.stored.pdf

    # A handout made while the list is open appears in it at once.
    make_handout(qtbot, handouts_ui, lambda: handouts_ui.open_post_care(patient_id, T))
    assert dialog.table.rowCount() == 2 and dialog.table.item(0, 1).text() == "Post-care handout"


def test_post_care_of_a_recorded_session(qtbot, handouts_ui, patient_id, clinic_database) -> None:
    with clinic_database.session() as session:
        treatment = TreatmentSession(
            patient_id=patient_id,
            performed_at=dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC),
            device_profile_id="generic-fractional-co2",
            intensity="light",
        )
        treatment.areas = [SessionArea(area="periorbital", position=0)]
        session.add(treatment)
        session.flush()
        session_id = treatment.id
    result, preview = make_handout(
        qtbot, handouts_ui, lambda: handouts_ui.open_post_care_for_session(session_id)
    )
    assert result.stored.info.session_id == session_id
    assert preview.windowTitle() == f"Post-care handout — {FULL_NAME}"
    text = pdf_text(result.stored.pdf)
    assert "light intensity" in text and "Around the eyes" in text


# ---- refusals and failures -----------------------------------------------------------------


def test_no_handout_without_the_clinic_details(
    qtbot, sqlite_database, actor, dialogs, add_patients
) -> None:
    [patient] = add_patients(sqlite_database, [("Ana", "Alba")])
    window = MainWindow(sqlite_database, actor, dialogs)
    window.show()
    qtbot.waitExposed(window)
    try:
        window.open_patient(patient)
        dialogs.answers = [False]
        command(window, "P&ost-care handout…").click()
        assert "Clinic details missing" in dialogs.asked[-1]
        assert "Settings › Clinic details" in dialogs.asked[-1]
        assert window.handouts.request_dialog is None and previews() == []
        assert window.settings_dialog is None

        dialogs.answers = [True]
        assert window.handouts.open_post_care_for_session(1) is None
        assert window.settings_dialog is not None and window.settings_dialog.isVisible()
        window.settings_dialog.reject()
        with sqlite_database.session() as session:
            assert session.scalars(select(GeneratedDocument)).all() == []
    finally:
        dialogs.answers[:] = [True] * 3
        window.close()
        window.deleteLater()


def test_a_past_treatment_date_is_refused_at_the_field(
    qtbot, window, handouts_ui, patient_id
) -> None:
    dialog = handouts_ui.ask_pre_care(patient_id)
    assert dialog is not None
    dialog.date.setDate(TODAY - dt.timedelta(days=1))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible(), "the form stays open with what was typed"
    assert "is in the past" in dialog.errors.message("treatment_date")
    assert "Today is 10 Nov 2026" in dialog.errors.message("treatment_date")
    assert previews() == []
    dialog.date.setDate(T)
    assert dialog.errors.message("treatment_date") == ""
    dialog.reject()


def test_post_care_dialog_proposes_today_and_the_default_intensity(
    window, handouts_ui, patient_id
) -> None:
    dialog = handouts_ui.ask_post_care(patient_id)
    assert dialog is not None
    assert dialog.date.date().toPython() == TODAY
    assert dialog.intensity.currentData() == "moderate"
    assert [dialog.intensity.itemText(i) for i in range(3)] == ["Light", "Moderate", "Deep"]
    dialog.intensity.setCurrentIndex(2)
    request = dialog.request()
    assert (request.kind, request.treatment_date, request.intensity) == ("post_care", TODAY, "deep")
    dialog.reject()


def test_the_date_dialog_s_defaults_are_read_off_the_ui_thread(
    window, handouts_ui, patient_id, monkeypatch
) -> None:
    """The defaults and the gates read the care content and the screening rules (some 0.1 s):
    in a worker, the window repainting meanwhile; the dialog still opens with them."""
    from clinic_app.services.handouts import handout_requests

    threads: list[threading.Thread] = []
    for name in ("defaults_for", "gate_problems"):
        real = getattr(handout_requests, name)

        def spy(*args, _real=real, **kwargs):  # type: ignore[no-untyped-def]
            threads.append(threading.current_thread())
            return _real(*args, **kwargs)

        monkeypatch.setattr(handout_requests, name, spy)
    dialog = handouts_ui.ask_post_care(patient_id)
    assert dialog is not None
    assert dialog.intensity.currentData() == "moderate"  # the defaults read in the worker
    assert len(threads) == 2
    assert threading.main_thread() not in threads
    dialog.reject()


def test_whether_the_clinic_can_print_is_read_off_the_ui_thread(
    qtbot, handouts_ui, patient_id, monkeypatch
) -> None:
    """A handout asked for at once after the start found no connection ready on PostgreSQL:
    opening one on the UI thread (TLS, the password exchange) froze the window 30-100 ms."""
    from clinic_app.services import first_screen

    threads: list[threading.Thread] = []
    real = first_screen.clinic_can_print

    def spy(reader):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        return real(reader)

    monkeypatch.setattr(first_screen, "clinic_can_print", spy)
    make_handout(qtbot, handouts_ui, lambda: handouts_ui.open_post_care(patient_id, T))
    assert len(threads) == 1 and threads[0] is not threading.main_thread()


def test_a_name_the_font_cannot_print_is_named(
    qtbot, handouts_ui, dialogs, clinic_database, add_patients
) -> None:
    [patient] = add_patients(clinic_database, [("Mei", "Li 漢")])
    with qtbot.waitSignal(handouts_ui.handout_failed, timeout=WAIT_MS) as failed:
        preview = handouts_ui.open_pre_care(patient, T)
    assert preview is not None
    [message] = failed.args
    assert "'漢' (U+6F22" in message and "patient's last name" in message
    assert dialogs.errors and "pre-care handout was not made" in dialogs.errors[-1]
    assert previews() == [], "the busy preview closes"
    with clinic_database.session() as session:
        assert session.scalars(select(GeneratedDocument)).all() == []


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (errno.ENOSPC, "not enough free space"),
        (errno.EROFS, "cannot be written to"),
        (errno.EACCES, "cannot be written to"),
    ],
)
def test_a_failed_save_says_why_and_keeps_everything(
    qtbot, handouts_ui, files, dialogs, patient_id, tmp_path, monkeypatch, error, expected
) -> None:
    result, preview = make_handout(
        qtbot, handouts_ui, lambda: handouts_ui.open_pre_care(patient_id, T)
    )
    target = tmp_path / "handout.pdf"
    target.write_bytes(b"an older file the person may still want")
    real_fsync = os.fsync

    def failing_fsync(descriptor: int) -> None:  # the disk gives up after part of the write
        raise OSError(error, os.strerror(error))

    monkeypatch.setattr(storage.os, "fsync", failing_fsync)
    files.save_paths = [target]
    preview.save_button.click()
    monkeypatch.setattr(storage.os, "fsync", real_fsync)
    assert expected in dialogs.errors[-1] and "nothing is lost" in dialogs.errors[-1]
    assert target.read_bytes() == b"an older file the person may still want"
    assert list(tmp_path.glob(".handout.pdf.*")) == [], "the partial file is removed"
    assert preview.isVisible() and preview.pdf == result.stored.pdf

    files.save_paths = [target]  # another try, now that there is room
    preview.save_button.click()
    assert target.read_bytes() == result.stored.pdf


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_saving_into_a_read_only_folder(
    qtbot, handouts_ui, files, dialogs, patient_id, tmp_path
) -> None:
    _result, preview = make_handout(
        qtbot, handouts_ui, lambda: handouts_ui.open_pre_care(patient_id, T)
    )
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        files.save_paths = [folder / "handout.pdf"]
        preview.save_button.click()
    finally:
        folder.chmod(0o755)
    assert "cannot be written to" in dialogs.errors[-1]
    assert list(folder.iterdir()) == []


def test_a_preview_closed_before_the_pdf_is_ready_still_records_it(
    qtbot, handouts_ui, patient_id, clinic_database
) -> None:
    with qtbot.waitSignal(handouts_ui.handout_ready, timeout=WAIT_MS) as ready:
        preview = handouts_ui.open_pre_care(patient_id, T)
        assert preview is not None
        preview.close()
    [result] = ready.args
    with clinic_database.session() as session:
        assert handout_documents.stored(session, result.stored.info.id).pdf == result.stored.pdf
    assert previews() == []


def test_the_save_dialog_starts_where_the_last_pdf_went(tmp_path) -> None:
    from clinic_app.ui.handouts.preview import PreviewDialogs

    dialogs = PreviewDialogs()
    assert dialogs.suggested_path("a.pdf").name == "a.pdf"
    dialogs.folder = tmp_path
    assert dialogs.suggested_path("a.pdf") == Path(tmp_path, "a.pdf")


def test_a_patient_found_not_a_candidate_gets_the_gate_first(
    qtbot, window, handouts_ui, clinic_database, patient_id, monkeypatch
) -> None:
    from clinic_app.models import Consultation, GateOverride
    from clinic_app.ui.common.gate_dialog import GateDialog

    with clinic_database.session() as session:
        session.add(
            Consultation(
                patient_id=patient_id,
                status="not_candidate",
                not_candidate_reason="Pregnant: defer until after the birth",
                treatment_date=T,
                answers={"pregnant": True, "active_infection": False},
                completed_at=dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC),
            )
        )
    shown: list[list[str]] = []

    def cancel(cls, parent, title, problems, submit):
        shown.append(list(problems))
        return False

    monkeypatch.setattr(GateDialog, "ask", classmethod(cancel))
    assert handouts_ui.ask_pre_care(patient_id) is None
    assert "Pregnant: defer until after the birth" in shown[-1][0]

    def go_on(cls, parent, title, problems, submit):
        assert "too short" in submit(".")
        return submit("Pregnancy ended, letter from her obstetrician seen and scanned") is None

    monkeypatch.setattr(GateDialog, "ask", classmethod(go_on))
    dialog = handouts_ui.ask_pre_care(patient_id)
    assert dialog is not None
    dialog.reject()
    with clinic_database.session() as session:
        assert session.scalars(select(GateOverride)).first() is not None


def test_the_pre_care_form_shows_the_antiviral_recorded_on_the_plan(
    window, handouts_ui, clinic_database, patient_id
) -> None:
    from clinic_app.models import Consultation, TreatmentPlan

    dialog = handouts_ui.ask_pre_care(patient_id)
    assert "No antiviral recorded on the plan" in dialog.antiviral.text()
    dialog.reject()
    with clinic_database.session() as session:
        consultation = Consultation(
            patient_id=patient_id,
            status="completed",
            treatment_date=T,
            answers={
                "pregnant": False,
                "active_infection": False,
                "hsv_history": True,
                "_consultation": {
                    "plan": {
                        "prescriptions": [
                            {"kind": "antiviral", "drug": "Aciclovir 400 mg three times daily",
                             "start": (T - dt.timedelta(days=2)).isoformat(), "days": 7}
                        ]
                    }
                },
            },
            completed_at=dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC),
        )  # fmt: skip
        consultation.plan = TreatmentPlan(intensity="moderate", areas={"areas": ["cheeks"]})
        session.add(consultation)
    dialog = handouts_ui.ask_pre_care(patient_id)
    assert "Antiviral: Aciclovir 400 mg three times daily, 7 days from" in dialog.antiviral.text()
    dialog.reject()


# ---- the render process -----------------------------------------------------------------


def test_the_window_s_handouts_are_laid_out_by_its_render_process(
    qtbot, handouts_ui, patient_id
) -> None:
    result, _preview = make_handout(
        qtbot, handouts_ui, lambda: handouts_ui.open_post_care(patient_id, T, intensity="deep")
    )
    assert "deep intensity" in pdf_text(result.stored.pdf)
    renderer = handouts_ui.renderer
    assert renderer.starts == 1 and renderer.running
    assert renderer.status().pid != os.getpid()
    again, _preview = make_handout(
        qtbot, handouts_ui, lambda: handouts_ui.open_pre_care(patient_id, T)
    )
    assert FULL_NAME in pdf_text(again.stored.pdf) and renderer.starts == 1, "the same child"


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_a_render_process_that_dies_is_said_and_the_next_handout_starts_another(
    qtbot, handouts_ui, dialogs, patient_id, clinic_database
) -> None:
    import sys

    renderer = handouts_ui.renderer
    # A child that takes the request and dies without answering (as a crash would end it).
    renderer.command = [
        sys.executable,
        "-c",
        "import os, signal, sys\n"
        "from clinic_app.reports.render_process import read_frame\n"
        "read_frame(sys.stdin.buffer)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n",
    ]
    with qtbot.waitSignal(handouts_ui.handout_failed, timeout=WAIT_MS) as failed:
        handouts_ui.open_post_care(patient_id, T)
    [message] = failed.args
    assert "stopped unexpectedly" in message and "neither made nor recorded" in message
    assert dialogs.errors and "post-care handout was not made" in dialogs.errors[-1]
    assert previews() == [], "the busy preview closes"
    with clinic_database.session() as session:
        assert session.scalars(select(GeneratedDocument)).all() == []
    assert not renderer.running

    renderer.command = type(renderer)().command  # the real child again
    result, _preview = make_handout(
        qtbot, handouts_ui, lambda: handouts_ui.open_post_care(patient_id, T)
    )
    assert FULL_NAME in pdf_text(result.stored.pdf) and renderer.starts == 2


def test_the_render_process_ends_with_the_window(qtbot, window, handouts_ui, patient_id) -> None:
    make_handout(qtbot, handouts_ui, lambda: handouts_ui.open_post_care(patient_id, T))
    process = handouts_ui.renderer._child.process
    assert process.poll() is None
    handouts_ui.shut_down()
    assert process.returncode == 0, "it ended on its own when its stdin closed"
