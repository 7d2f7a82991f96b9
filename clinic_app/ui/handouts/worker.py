"""Make a handout in a QThreadPool thread: read, render and record it, then report by signal.

Imported by the window on the first handout's click, so it imports only light modules itself;
the services that make the handout are imported by the task, in its thread.

The task opens its own database sessions in the worker thread (a Session is never shared
between threads): one to read what the handout needs, none while ReportLab lays out the pages,
one to record the bytes with their audit event. The window's tasks have the pages laid out by
the render process (clinic_app/reports/render_process.py), so ReportLab stays out of the
window's memory and off its interpreter lock; this thread only waits for it. Widgets are never
touched here; the signals' QObject is created on the UI thread, so their slots run there.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, Signal

from clinic_app.services.handouts.handout_request import HandoutRequest
from clinic_app.services.security.identity import Actor
from clinic_app.ui.common.foreground import foreground
from clinic_app.ui.handouts.handout_messages import kind_label

if TYPE_CHECKING:
    from clinic_app.db import Database
    from clinic_app.reports.render_process import RenderProcess
    from clinic_app.services.handouts.handout_documents import StoredHandout


@dataclass(frozen=True)
class HandoutResult:
    """A handout made and recorded: its exact bytes and what the window shows about it."""

    request: HandoutRequest
    stored: StoredHandout = field(repr=False)  # the PDF bytes stay out of logs and test output
    patient_name: str = field(repr=False)
    suggested_filename: str = ""
    # Why the handout is in English rather than the patient's language ('' when it is theirs).
    language_notice: str = ""

    @property
    def title(self) -> str:
        return f"{kind_label(self.stored.info.kind)} — {self.patient_name}"


def make_handout(
    database: Database,
    actor: Actor,
    request: HandoutRequest,
    *,
    data_dir: Path | None = None,
    today: dt.date | None = None,
    renderer: RenderProcess | None = None,
) -> HandoutResult:
    """Read, render (in ``renderer``'s process, when given) and record ``request`` with
    sessions of the calling thread.

    The services (the ORM, the care content, ReportLab under them) are imported here, in the
    render thread: the window imports this module on the first click, and must not wait."""
    from clinic_app.services.handouts import handout_documents, handout_requests

    with database.session() as session:
        prepared = handout_requests.prepare(session, request, data_dir=data_dir, today=today)
    pdf = prepared.render(renderer)
    with database.session() as session:
        stored = handout_documents.record(session, actor, prepared, pdf)
    return HandoutResult(
        request=request,
        stored=stored,
        patient_name=prepared.content.person.full_name,
        suggested_filename=prepared.suggested_filename,
        language_notice=prepared.language_notice,
    )


class RenderSignals(QObject):
    """What a RenderTask reports (emitted in the worker thread, delivered on the UI thread)."""

    finished = Signal(object)  # HandoutResult
    failed = Signal(object, object)  # HandoutRequest, the exception


class RenderTask(QRunnable):
    """Make one handout in a QThreadPool thread (see :func:`make_handout`)."""

    def __init__(
        self,
        database: Database,
        actor: Actor,
        request: HandoutRequest,
        *,
        data_dir: Path | None = None,
        today: dt.date | None = None,
        renderer: RenderProcess | None = None,
    ) -> None:
        super().__init__()
        self.database = database
        self.actor = actor
        self.request = request
        self.data_dir = data_dir
        self.today = today
        self.renderer = renderer
        self.signals = RenderSignals()  # created on the UI thread, so it lives there

    def run(self) -> None:
        try:
            with foreground():  # the service loader steps aside meanwhile
                result = make_handout(
                    self.database,
                    self.actor,
                    self.request,
                    data_dir=self.data_dir,
                    today=self.today,
                    renderer=self.renderer,
                )
        except Exception as exc:  # every failure is reported: the window must not wait forever
            self.signals.failed.emit(self.request, exc)
        else:
            self.signals.finished.emit(result)
