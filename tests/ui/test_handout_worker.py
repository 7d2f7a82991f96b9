"""The render worker on each backend: its own sessions in a QThreadPool thread, then a signal."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from PySide6.QtCore import QThreadPool
from sqlalchemy import select

from clinic_app.domain.patient_rules import PatientFields
from clinic_app.models import AuditEvent, GeneratedDocument
from clinic_app.services.errors import NotFoundError
from clinic_app.services.handouts.handout_requests import HandoutRequest
from clinic_app.services.patients import patients
from clinic_app.services.settings import clinic
from clinic_app.services.settings.clinic import ClinicDetails
from clinic_app.ui.handouts.worker import RenderTask

pytestmark = pytest.mark.gui

TODAY = dt.date(2026, 11, 10)
T = dt.date(2026, 12, 1)


@pytest.fixture
def patient_id(database, actor) -> int:
    with database.session() as session:
        clinic.save(session, actor, ClinicDetails(name="Skin Studio", phone="020 7946 0000"))
        fields = PatientFields(
            first_name="Ines", last_name="Ødegård", date_of_birth=dt.date(1979, 5, 6)
        )
        return patients.create(session, actor, fields).id


@pytest.fixture
def pool():
    threads = QThreadPool()
    yield threads
    assert threads.waitForDone(30_000)


def test_the_task_reads_renders_and_records_in_its_own_thread(
    qtbot, database, actor, patient_id, pool, monkeypatch
) -> None:
    threads: list[int] = []
    from clinic_app.services.handouts import handout_documents

    original = handout_documents.record

    def spy(session, *args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.get_ident())
        return original(session, *args, **kwargs)

    monkeypatch.setattr(handout_documents, "record", spy)
    task = RenderTask(database, actor, HandoutRequest.post_care(patient_id, T, "light"), today=T)
    with qtbot.waitSignal(task.signals.finished, timeout=30_000) as done:
        pool.start(task)
    [result] = done.args
    assert threads and threads[0] != threading.get_ident()
    info = result.stored.info
    assert (info.kind, info.patient_id, result.patient_name) == (
        "post_care",
        patient_id,
        "Ines Ødegård",
    )
    assert result.suggested_filename == f"post-care-{patient_id}-2026-12-01.pdf"
    with database.session() as session:
        document = session.get(GeneratedDocument, info.id)
        assert document is not None and document.content == result.stored.pdf
        actions = session.scalars(select(AuditEvent.action).where(AuditEvent.entity_id == info.id))
        assert "generate" in list(actions)


def test_the_task_reports_a_failure_and_records_nothing(
    qtbot, database, actor, patient_id, pool
) -> None:
    request = HandoutRequest.pre_care(patient_id + 999, T)
    task = RenderTask(database, actor, request, today=TODAY)
    with qtbot.waitSignal(task.signals.failed, timeout=30_000) as failed:
        pool.start(task)
    assert failed.args[0] == request and isinstance(failed.args[1], NotFoundError)
    with database.session() as session:
        assert session.scalars(select(GeneratedDocument)).all() == []


def test_a_render_is_foreground_work_the_loader_steps_aside_for(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """While a handout renders, the service loader waits between its imports."""
    from clinic_app.ui.common import foreground as fg
    from clinic_app.ui.handouts import worker as worker_module

    seen: list[bool] = []

    def make(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(fg.foreground_running())
        raise RuntimeError("stop here")

    monkeypatch.setattr(worker_module, "make_handout", make)
    task = worker_module.RenderTask(None, None, None)  # type: ignore[arg-type]
    task.run()
    assert seen == [True]
    assert not fg.foreground_running()
