"""The session editor: record what was done to the skin, check it, sign and lock it.

Opened window-modal with ``open()``; it saves through the session services (one transaction per
save, in a worker) and never touches SQL. A signed session opens read-only, with "Amend…". With a
data folder, what is typed is also kept as a form draft on disk (half a second after a change), so
a crash loses nothing: opening the same session again offers it back.

This module is the editor's logic (loading, checking, saving, signing, amending, form drafts);
its widgets are laid out by clinic_app.ui.sessions.editor_form.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from clinic_app.db import Database
from clinic_app.domain.clock import utc_now
from clinic_app.domain.sessions.session_recheck import RecheckResult
from clinic_app.domain.sessions.session_record import SessionInput
from clinic_app.domain.sessions.settings_check import CheckContext
from clinic_app.reports.render_process import RenderProcess
from clinic_app.services.clinical.gates import GateClosedError
from clinic_app.services.errors import NotFoundError, StaleRecordError, ValidationError
from clinic_app.services.security.identity import Actor
from clinic_app.services.sessions.session_resources import SessionResources
from clinic_app.services.sessions.session_writes import SessionLockedError
from clinic_app.services.sessions.treatment_sessions import SessionContext, SessionRecord
from clinic_app.ui.common.dialog_service import DialogService
from clinic_app.ui.common.form_draft_keeper import FormDraftKeeper
from clinic_app.ui.common.worker_wait import wait_in_worker
from clinic_app.ui.consent.consent_panel import ConsentPanel
from clinic_app.ui.sessions import editor_checks, editor_texts, editor_values, signed_meanwhile
from clinic_app.ui.sessions.copy_last import copy_last_session, focus_first_setting
from clinic_app.ui.sessions.editor_form import SessionEditorForm
from clinic_app.ui.sessions.editor_store import EditorStore
from clinic_app.ui.sessions.sign_and_lock import confirm_sign_and_lock

Clock = Callable[[], dt.datetime]


class SessionEditor(SessionEditorForm):
    """A new session (``record`` None), a draft to continue, or a signed one (read-only)."""

    saved = Signal(int)  # the patient's id, after every save

    def __init__(
        self,
        database: Database,
        actor: Actor,
        dialogs: DialogService,
        resources: SessionResources,
        context: SessionContext,
        record: SessionRecord | None = None,
        parent: QWidget | None = None,
        *,
        clock: Clock = utc_now,
        tz: dt.tzinfo | None = None,
        data_dir: Path | None = None,
        pause: Callable[[], None] = lambda: None,
        renderer: RenderProcess | None = None,
    ) -> None:
        """``data_dir`` None: no form draft is kept on disk. ``pause`` is called between the
        steps of building and filling the form (ui.common.worker_wait.responsive_steps).
        ``renderer`` lays out the printed consent (the window's render process)."""
        prescriptions = context.plan.prescriptions if context.plan else ()
        super().__init__(resources, parent, prescriptions=prescriptions, pause=pause)
        run = functools.partial(wait_in_worker, self)
        self._store = EditorStore(database, actor, resources, clock=clock, tz=tz, run=run)
        self.attach_consent(ConsentPanel.for_context(database, actor, resources, context, renderer))
        self._actor = actor
        self._dialogs = dialogs
        self.face_chart.confirm = lambda title, text, yes: dialogs.confirm(self, title, text, yes)
        self._resources = resources
        self.context = context
        self.record = record
        self._clock = clock
        self._tz = tz
        self._save_attempted = False
        self._drafting = False  # True once loaded: a change then schedules a form draft
        self._form_draft = FormDraftKeeper(
            self, data_dir, self.write_form_draft, form="session editor"
        )
        self.recheck_result: RecheckResult | None = None
        self._connect()
        pause()
        self._load(record)
        self._initial = self._snapshot()
        self._drafting = True
        self.areas.pause = self._pause = lambda: None  # only while it opens

    def _connect(self) -> None:
        self.copy_button.clicked.connect(self.copy_last)
        self.delete_button.clicked.connect(self.delete_draft)
        self.amend_button.clicked.connect(self.amend)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button.clicked.connect(self.save_draft)
        self.sign_button.clicked.connect(self.sign)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.save_draft)
        self.device.currentIndexChanged.connect(self._device_changed)
        self.intensity.currentIndexChanged.connect(lambda _i: self._refresh())
        self.when.dateTimeChanged.connect(lambda _d: self._refresh())
        self.product.currentTextChanged.connect(lambda _t: self._refresh())
        self.allergy_reason.textChanged.connect(lambda _t: self._refresh())
        self.recheck.changed.connect(self._refresh)
        self.areas.changed.connect(self._refresh)
        for signal in (
            self.when.dateTimeChanged,
            self.device.currentIndexChanged,
            self.intensity.currentIndexChanged,
            self.product.currentTextChanged,
            self.applied.textChanged,
            self.removed.textChanged,
            self.notes.textChanged,
            self.amendment.textChanged,
            self.allergy_reason.textChanged,
            self.recheck.changed,
            self.areas.changed,
            self.areas.rebuilt,
        ):
            signal.connect(self._schedule_form_draft)

    # ---- loading ---------------------------------------------------------------------------
    def _load(self, record: SessionRecord | None) -> None:
        ctx = self.context
        data = (
            editor_values.new_session_input(ctx, self._clock()) if record is None else record.data
        )
        self.title.setText(self.tr("{name} — treatment session").format(name=ctx.patient_name))
        self.practitioner.setText(
            record.practitioner if record and record.practitioner else self._actor.name
        )
        editor_values.show_input(self, data, self._resources, self._tz)
        self._set_baseline()
        self._pause()
        self._apply_mode()
        self._refresh()
        self._pause()
        self._fix_tab_order()
        (self.when if not self.locked else self.cancel_button).setFocus()

    def _set_baseline(self) -> None:
        record = self.record
        baseline = self.context.previous
        name = self.tr("last session")
        if record is not None and record.amends_id is not None:
            baseline = self._store.original(record)
            name = self.tr("original session")
        elif baseline is not None and record is not None and baseline.id == record.id:
            baseline = None
        self.baseline = baseline
        self.areas.set_baseline(baseline.areas if baseline else (), name)
        self.legend.setText(editor_texts.legend_text(baseline, name))
        self.copy_button.setEnabled(baseline is not None and self.context.previous is not None)

    @property
    def locked(self) -> bool:
        """Whether the session shown is signed (and so read-only)."""
        return self.record is not None and self.record.locked

    def _apply_mode(self) -> None:
        self._show_mode(self.record)
        style, text = editor_texts.banner(self.record, self.context.warnings)
        self.banner.setStyleSheet(style)
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    # ---- reading the form ------------------------------------------------------------------
    def _collect(self) -> tuple[SessionInput, dict[str, str]]:
        record = self.record
        plan = self.context.plan
        return editor_values.read_input(
            self,
            patient_id=self.context.patient_id,
            consultation_id=record.data.consultation_id
            if record is not None
            else (plan.consultation_id if plan else None),
            tz=self._tz,
        )

    def _snapshot(self) -> object:
        data, errors = self._collect()
        return dataclasses.replace(data, performed_at=data.performed_at.replace(second=0)), errors

    def is_modified(self) -> bool:
        """Whether anything differs from what was loaded or last saved."""
        return not self.locked and self._snapshot() != self._initial

    # ---- live feedback ---------------------------------------------------------------------
    def _device_changed(self) -> None:
        self.areas.set_profile(self._resources.profile(str(self.device.currentData())))
        self._refresh()

    @property
    def skin_type(self) -> str | None:
        """The Fitzpatrick type of the consultation the session follows, if it was recorded."""
        return editor_checks.skin_type_of(self.context)

    def _refresh(self) -> None:
        intensity = str(self.intensity.currentData() or "")
        self.areas.set_checking(CheckContext(self.skin_type, intensity), self._resources.reasons)
        data, parse_errors = self._collect()
        self.recheck_result = editor_checks.recheck_of(
            self._resources, self.context, data, self._tz
        )
        self.recheck.show_result(self.recheck_result)
        self._show_allergy(self.anaesthetic_warning(data))
        self.series = editor_values.show_series(self, self.context, self.record, data, self._tz)
        if self._save_attempted:
            self._show_errors(self._local_errors(data, parse_errors), keep_service=False)

    def anaesthetic_warning(self, data: SessionInput) -> str | None:
        """The consultation's allergy that the anaesthetic product meets, if any."""
        return editor_checks.anaesthetic_warning(self._resources, self.context, data)

    def _local_errors(
        self, data: SessionInput, parse_errors: Mapping[str, str], *, signing: bool = False
    ) -> dict[str, str]:
        amending = self.record is not None and self.record.amends_id is not None
        errors = editor_checks.local_errors(
            self._resources, self.context, data, self._clock(), signing=signing, amending=amending
        )
        errors.update(parse_errors)
        return errors

    # ---- actions ---------------------------------------------------------------------------
    def _attempt(self, sign: bool) -> bool:
        self._save_attempted = True
        key = self.draft_key
        data, parse_errors = self._collect()
        if parse_errors:
            self._show_errors(parse_errors)
            self._focus_first_error(parse_errors)
            return False
        if sign and (local := self._local_errors(data, {}, signing=True)):
            self._show_errors(local)  # not asked to sign what would be refused
            self._focus_first_error(local)
            return False
        if sign:
            day = data.performed_at.astimezone(self._tz).date()
            warning = self.series.interval_warning(day)
            allergy = 1 if self.anaesthetic_warning(data) else 0
            if not confirm_sign_and_lock(self._dialogs, self, warning, self.areas, allergy):
                return False
        try:
            record = self._store.save(data, self.record, sign=sign)
        except ValidationError as exc:
            self._show_errors(exc.errors)
            self._focus_first_error(exc.errors)
            return False
        except (StaleRecordError, SessionLockedError, NotFoundError, GateClosedError) as exc:
            self._dialogs.error(self, self.tr("Session not saved"), str(exc))
            return False
        self.record = record
        self.discard_form_draft(key)  # kept in the database now (under the session's id)
        self._show_errors({})
        self._after_save()
        return True

    def _after_save(self) -> None:
        self._save_attempted = False
        self._set_baseline()
        self._apply_mode()
        self._refresh()
        self._initial = self._snapshot()
        self.saved.emit(self.context.patient_id)
        if self.locked:
            self.fit_to_screen()  # the signed form is shorter: it must not grow past the screen
            self.cancel_button.setFocus()

    def save_draft(self) -> None:
        """Save without signing; the dialog stays open."""
        if not self.locked:
            self._attempt(sign=False)

    def sign(self) -> None:
        """Save, check everything once more and lock the session."""
        if not self.locked:
            self._attempt(sign=True)

    def copy_last(self) -> None:
        """Fill the areas from the last signed session (device, settings, scan)."""
        previous = self.context.previous
        if previous is None or self.locked:
            return
        if copy_last_session(self, previous, self._dialogs):
            self._refresh()
            focus_first_setting(self.areas)

    def amend(self) -> None:
        """Start an amendment of the signed session shown."""
        record = self.record
        if record is None or not record.locked:
            return
        if not self._dialogs.confirm(
            self,
            self.tr("Amend this signed session?"),
            editor_texts.amend_question(),
            yes=self.tr("Amend"),
        ):
            return
        try:
            draft = self._store.amend(record)
        except ValidationError as exc:
            self._dialogs.error(self, self.tr("Cannot amend"), "; ".join(exc.errors.values()))
            return
        self.record = draft
        self._drafting = False
        self._load(draft)
        self._initial = self._snapshot()
        self._drafting = True
        self.saved.emit(self.context.patient_id)
        self.amendment.setFocus()

    def delete_draft(self) -> None:
        """Delete the unsigned session shown, after asking, and close."""
        record = self.record
        if record is None or record.locked:
            return
        question = self.tr("The unsigned session will be deleted.")
        if not self._dialogs.confirm(
            self, self.tr("Delete this draft?"), question, yes=self.tr("Delete")
        ):
            return
        try:
            self._store.discard(record)
        except (StaleRecordError, SessionLockedError, NotFoundError) as exc:
            self._dialogs.error(self, self.tr("Draft not deleted"), str(exc))
            return
        self.discard_form_draft()
        self.saved.emit(self.context.patient_id)
        super().reject()

    def reject(self) -> None:
        """Close; asks first when something typed would be lost."""
        lost = self.tr("What you entered since the last save will be lost.")
        if self.is_modified() and not self._dialogs.confirm(
            self, self.tr("Discard changes?"), lost, yes=self.tr("Discard")
        ):
            return
        self.discard_form_draft()
        super().reject()

    # ---- form draft (crash safety) ---------------------------------------------------------
    @property
    def draft_key(self) -> str:
        """The form draft's name: one per patient and session ("new" before the first save)."""
        record = self.record
        return f"session-{self.context.patient_id}-{record.id if record else 'new'}"

    def _schedule_form_draft(self, *_args: object) -> None:
        """Keep the change on disk soon; a burst of keystrokes is written once."""
        if self._drafting and not self.locked:
            self._form_draft.schedule()

    def draft_values(self) -> dict[str, str]:
        """The form as shown, texts as typed (valid or not); rows and re-check as JSON."""
        return editor_values.draft_values(self)

    def write_form_draft(self) -> None:
        """Write the form draft now (the timer calls this); nothing to keep removes it."""
        self._form_draft.stop()
        if self.areas.is_filling:  # its rows are being built, between two steps: write later
            self._form_draft.schedule()
            return
        if self._form_draft.data_dir is None or self.locked:
            return
        self._form_draft.keep(self.draft_key, self.draft_values() if self.is_modified() else None)

    def discard_form_draft(self, key: str | None = None) -> None:
        """Forget the form draft (saved in the database, deleted, or thrown away)."""
        self._form_draft.discard(key or self.draft_key)

    def offer_form_draft(self, parent: QWidget | None = None) -> bool:
        """If a form draft of this session is on disk, offer it back; True if restored."""
        if self.locked:  # signed elsewhere since the typing: say what it held, then drop it
            return signed_meanwhile.tell_and_forget(
                self._form_draft, self._dialogs, parent or self, self.draft_key, self.draft_values()
            )
        values = self._form_draft.offer(
            self._dialogs, parent or self, self.draft_key, title=self.tr("Unsaved session")
        )
        if values is None:
            return False
        self.restore_form_draft(values)
        return True

    def restore_form_draft(self, values: Mapping[str, str]) -> None:
        """Fill the form from ``draft_values`` output; unknown or unreadable parts are skipped."""
        editor_values.restore_draft_values(self, values)
        self._refresh()
