"""The session editor: record what was done to the skin, check it, sign and lock it.

Opened window-modal with ``open()``; it saves through the session services (one transaction per
save) and never touches SQL. A signed session opens read-only, with "Amend…". With a data folder,
what is typed is also kept as a form draft on disk (half a second after a change), so a crash loses
nothing: opening the same session again offers it back.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json
import logging
from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from clinic_app.db import Database
from clinic_app.domain.care.care_schedule import INTENSITIES
from clinic_app.domain.sessions.session_recheck import RecheckResult, recheck_questions, run_recheck
from clinic_app.domain.sessions.session_record import AreaSettings, SessionInput, validate_session
from clinic_app.models import utc_now
from clinic_app.services import form_drafts
from clinic_app.services.errors import NotFoundError, StaleRecordError, ValidationError
from clinic_app.services.safe_files import FileSaveError
from clinic_app.services.security.audit import Actor
from clinic_app.services.sessions import (
    session_amendments,
    session_drafts,
    session_signing,
    treatment_sessions,
)
from clinic_app.services.sessions.session_resources import SessionResources
from clinic_app.services.sessions.session_writes import SessionLockedError
from clinic_app.services.sessions.treatment_sessions import SessionContext, SessionRecord
from clinic_app.ui.common.dialog_service import DialogService
from clinic_app.ui.common.field_errors import FieldErrors
from clinic_app.ui.common.formatting import format_date, format_instant
from clinic_app.ui.common.widget_names import named
from clinic_app.ui.sessions.area_rows import AreasEditor, area_descriptions
from clinic_app.ui.sessions.recheck_panel import RecheckPanel
from clinic_app.ui.sessions.styles import (
    BANNER_DANGER,
    BANNER_LOCKED,
    BANNER_WARNING,
    CAUTION_COLOUR,
    EDITOR_STYLE,
    escape,
)
from clinic_app.ui.sessions.times import combine, parse_time, time_text

Clock = Callable[[], dt.datetime]
DRAFT_DELAY_MS = 500  # a change reaches the disk at most this long after it is made
RESTORE_QUESTION = "Restore what was typed before the app closed?"
_DATETIME_FORMAT = "yyyy-MM-dd HH:mm"
log = logging.getLogger(__name__)


class SessionEditor(QDialog):
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
    ) -> None:
        """``data_dir`` None: no form draft is kept on disk."""
        super().__init__(parent)
        self._database = database
        self._actor = actor
        self._dialogs = dialogs
        self._resources = resources
        self.context = context
        self.record = record
        self._clock = clock
        self._tz = tz
        self._save_attempted = False
        self._data_dir = data_dir
        self._drafting = False  # True once loaded: a change then schedules a form draft
        self._draft_failed = False
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.write_form_draft)
        self.recheck_result: RecheckResult | None = None
        self.setObjectName("session_editor")
        self.setStyleSheet(EDITOR_STYLE)
        self.setMinimumSize(980, 640)
        self.resize(1240, 860)

        self._build()
        self._load(record)
        self._initial = self._snapshot()
        self._drafting = True

    # ---- construction ----------------------------------------------------------------------
    def _build(self) -> None:
        self.banner = named(QLabel(), "banner")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.RichText)
        self.title = named(QLabel(), "session_title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = named(QLabel(), "session_subtitle")
        self.subtitle.setWordWrap(True)
        self.interval = named(QLabel(), "interval_warning")
        self.interval.setWordWrap(True)
        self.interval.setStyleSheet(f"color: {CAUTION_COLOUR}; font-weight: bold;")
        self.next_date = named(QLabel(), "next_date")

        self.errors = FieldErrors()
        self.when = named(QDateTimeEdit(), "performed_at")
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setCalendarPopup(True)
        self.when.setToolTip("When the laser treatment was done (local time)")
        self.device = named(QComboBox(), "device")
        for profile in self._resources.profiles.values():
            self.device.addItem(profile.title, profile.id)
        self.intensity = named(QComboBox(), "intensity")
        self.intensity.addItem("", "")
        for value in INTENSITIES:
            self.intensity.addItem(value.capitalize(), value)
        self.practitioner = named(QLabel(), "practitioner")
        session_box = QGroupBox("Session")
        session_form = QFormLayout(session_box)
        self._row(session_form, "&Date and time", self.when, "performed_at")
        self._row(session_form, "De&vice", self.device, "device_profile_id")
        self._row(session_form, "I&ntensity", self.intensity, "intensity")
        session_form.addRow("Practitioner", self.practitioner)

        content = self._resources.content
        self.product = named(QComboBox(), "anaesthetic_product")
        self.product.setEditable(True)
        self.product.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.product.addItem("")
        self.product.addItems(list(content.anaesthetic_products))
        self.product.lineEdit().setPlaceholderText("Product, or leave empty")  # type: ignore[union-attr]
        self.applied = named(QLineEdit(), "anaesthetic_applied_at")
        self.removed = named(QLineEdit(), "anaesthetic_removed_at")
        for edit in (self.applied, self.removed):
            edit.setPlaceholderText("HH:MM")
            edit.setMaximumWidth(90)
        anaesthetic_box = QGroupBox("Topical anaesthetic")
        anaesthetic_form = QFormLayout(anaesthetic_box)
        self._row(anaesthetic_form, "&Product", self.product, "anaesthetic_product")
        self._row(anaesthetic_form, "Appl&ied at", self.applied, "anaesthetic_applied_at")
        self._row(anaesthetic_form, "&Removed at", self.removed, "anaesthetic_removed_at")

        questions = recheck_questions(self._resources.rules, content)
        self.recheck = named(
            RecheckPanel(content.recheck_title, content.recheck_intro, questions), "recheck"
        )

        self.areas = named(
            AreasEditor(area_descriptions(self._resources), content.endpoints, content.reactions),
            "areas",
        )
        self.copy_button = named(QPushButton("Cop&y settings from last session"), "copy_last")
        self.copy_button.setToolTip(
            "Fill the areas with the settings of the last signed session; what you then change "
            "is highlighted, last time's value under it"
        )
        self.add_button = named(QPushButton("Add &area"), "add_area")
        self.legend = named(QLabel(), "legend")
        self.legend.setProperty("role", "hint")
        self.areas_error = named(QLabel(), "areas_error")
        self.areas_error.setStyleSheet("color: #b3261e;")
        self.areas_error.setVisible(False)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 6, 0)
        holder_layout.addWidget(self.areas)
        holder_layout.addStretch(1)
        scroll.setWidget(holder)
        areas_box = QGroupBox("Treated areas")
        areas_layout = QVBoxLayout(areas_box)
        tools = QHBoxLayout()
        tools.addWidget(self.copy_button)
        tools.addWidget(self.add_button)
        tools.addWidget(self.legend, 1)
        areas_layout.addLayout(tools)
        areas_layout.addWidget(self.areas_error)
        areas_layout.addWidget(scroll, 1)

        self.notes = named(QPlainTextEdit(), "notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(54)
        self.amendment = named(QLineEdit(), "amendment_reason")
        self.amendment.setPlaceholderText("What is corrected, and why")
        bottom = QFormLayout()
        self._row(bottom, "N&otes", self.notes, "notes")
        self.amendment_label = self._row(
            bottom, "Reason for the a&mendment", self.amendment, "amendment_reason"
        )
        areas_layout.addLayout(bottom)

        self.delete_button = named(QPushButton("De&lete draft"), "delete_draft")
        self.amend_button = named(QPushButton("&Amend…"), "amend")
        self.cancel_button = named(QPushButton("Cancel"), "cancel")
        self.save_button = named(QPushButton("Save dra&ft"), "save_draft")
        self.save_button.setToolTip("Save without signing (Ctrl+S); Enter saves too")
        self.sign_button = named(QPushButton("&Sign && lock…"), "sign")
        self.sign_button.setToolTip("Check everything, then sign: the session is locked")
        self.save_button.setDefault(True)
        for button in (self.delete_button, self.amend_button, self.cancel_button):
            button.setAutoDefault(False)
        self.sign_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.amend_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.sign_button)

        left = QVBoxLayout()
        left.addWidget(session_box)
        left.addWidget(anaesthetic_box)
        left.addWidget(self.recheck)
        left.addStretch(1)
        left_holder = QWidget()
        left_holder.setLayout(left)
        left_holder.setFixedWidth(390)
        columns = QHBoxLayout()
        columns.addWidget(left_holder)
        columns.addWidget(areas_box, 1)
        header = QVBoxLayout()
        header.setSpacing(2)
        header.addWidget(self.title)
        header.addWidget(self.subtitle)
        header.addWidget(self.interval)
        header.addWidget(self.next_date)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(header)
        layout.addLayout(columns, 1)
        layout.addLayout(buttons)

        self.copy_button.clicked.connect(self.copy_last)
        self.add_button.clicked.connect(lambda: self.areas.add_area())
        self.delete_button.clicked.connect(self.delete_draft)
        self.amend_button.clicked.connect(self.amend)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button.clicked.connect(self.save_draft)
        self.sign_button.clicked.connect(self.sign)
        save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        save_shortcut.activated.connect(self.save_draft)
        self.device.currentIndexChanged.connect(self._device_changed)
        self.when.dateTimeChanged.connect(lambda _d: self._refresh())
        self.recheck.changed.connect(self._refresh)
        self.areas.changed.connect(self._refresh)
        self.areas.rebuilt.connect(self._fix_tab_order)
        for signal in (
            self.when.dateTimeChanged,
            self.device.currentIndexChanged,
            self.intensity.currentIndexChanged,
            self.product.currentTextChanged,
            self.applied.textChanged,
            self.removed.textChanged,
            self.notes.textChanged,
            self.amendment.textChanged,
            self.recheck.changed,
            self.areas.changed,
            self.areas.rebuilt,
        ):
            signal.connect(self._schedule_form_draft)

    def _row(self, form: QFormLayout, text: str, widget: QWidget, name: str) -> QLabel:
        label = QLabel(text)
        label.setBuddy(widget)
        form.addRow(label, widget)
        form.addRow(self.errors.add(name, widget))  # the message spans the row, under it
        return label

    def _fix_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.when,
            self.device,
            self.intensity,
            self.product,
            self.applied,
            self.removed,
            *self.recheck.tab_chain(),
            self.copy_button,
            self.add_button,
            *self.areas.tab_chain(),
            self.notes,
            self.amendment,
            self.save_button,
            self.sign_button,
            self.cancel_button,
            self.amend_button,
            self.delete_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # ---- loading ---------------------------------------------------------------------------
    def _local(self, moment: dt.datetime) -> dt.datetime:
        return moment.astimezone(self._tz)

    def _load(self, record: SessionRecord | None) -> None:
        ctx = self.context
        plan = ctx.plan
        if record is None:
            data = SessionInput(
                patient_id=ctx.patient_id,
                performed_at=self._clock(),
                device_profile_id=(plan.device_profile_id if plan else "")
                or (ctx.previous.data.device_profile_id if ctx.previous else ""),
                areas=tuple(AreaSettings(area=a) for a in (plan.areas if plan else ())),
                consultation_id=plan.consultation_id if plan else None,
                intensity=plan.intensity if plan else "",
            )
        else:
            data = record.data
        self.title.setText(f"{ctx.patient_name} — treatment session")
        self.practitioner.setText(
            record.practitioner if record and record.practitioner else self._actor.name
        )
        local = self._local(data.performed_at)
        self.when.setDateTime(
            QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
        )
        index = self.device.findData(data.device_profile_id)
        self.device.blockSignals(True)
        self.device.setCurrentIndex(max(index, 0))
        self.device.blockSignals(False)
        self.intensity.setCurrentIndex(max(self.intensity.findData(data.intensity), 0))
        self.product.setCurrentText(data.anaesthetic_product)
        self.product.lineEdit().setCursorPosition(0)  # type: ignore[union-attr]
        self.applied.setText(time_text(data.anaesthetic_applied_at, self._tz))
        self.removed.setText(time_text(data.anaesthetic_removed_at, self._tz))
        self.recheck.set_answers(data.recheck_answers, data.recheck_reason)
        self.notes.setPlainText(data.notes)
        self.amendment.setText(data.amendment_reason)
        self.areas.profile = self._resources.profile(str(self.device.currentData()))
        self.areas.set_areas(data.areas)
        self._set_baseline()
        self._apply_mode()
        self._refresh()
        self._fix_tab_order()
        (self.when if not self.locked else self.cancel_button).setFocus()

    def _set_baseline(self) -> None:
        record = self.record
        baseline = self.context.previous
        name = "last session"
        if record is not None and record.amends_id is not None:
            baseline = self._original()
            name = "original session"
        elif baseline is not None and record is not None and baseline.id == record.id:
            baseline = None
        self.baseline = baseline
        self.areas.set_baseline(baseline.areas if baseline else (), name)
        if baseline is None:
            self.legend.setText("No earlier session to compare with.")
            self.copy_button.setEnabled(False)
            return
        day = format_instant(baseline.data.performed_at)
        self.legend.setText(
            f'<span style="background:#fff0b3">&nbsp;highlighted&nbsp;</span> = differs from '
            f"the {name} ({escape(day)})"
        )
        self.copy_button.setEnabled(self.context.previous is not None)

    def _original(self) -> SessionRecord | None:
        """The signed session an amendment corrects."""
        record = self.record
        if record is None or record.amends_id is None:
            return None
        with self._database.session() as session:
            return treatment_sessions.get(session, record.amends_id, self._resources)

    @property
    def locked(self) -> bool:
        return self.record is not None and self.record.locked

    def _apply_mode(self) -> None:
        record = self.record
        locked = self.locked
        amending = record is not None and record.amends_id is not None
        for widget in (self.when, self.device, self.intensity, self.product):
            widget.setEnabled(not locked)
        for edit in (self.applied, self.removed, self.amendment):
            edit.setReadOnly(locked)
        self.notes.setReadOnly(locked)
        self.recheck.set_read_only(locked)
        self.areas.set_read_only(locked)
        self.add_button.setVisible(not locked)
        self.copy_button.setVisible(not locked and not amending)
        self.save_button.setVisible(not locked)
        self.sign_button.setVisible(not locked)
        self.delete_button.setVisible(record is not None and not locked)
        self.amend_button.setVisible(
            locked
            and record is not None
            and not record.superseded
            and record.open_amendment_id is None
        )
        self.cancel_button.setText("Close" if locked else "Cancel")
        self.amendment.setVisible(amending)
        self.amendment_label.setVisible(amending)
        self.setWindowTitle("Treatment session (signed)" if locked else "Record treatment session")
        self._update_banner()

    def _update_banner(self) -> None:
        record = self.record
        lines: list[str] = []
        style = BANNER_WARNING
        if record is not None and record.locked:
            style = BANNER_LOCKED
            who = escape(record.signed_by or "?")
            lines.append(
                f"<b>Signed and locked</b> by {who} on {format_instant(record.signed_at)}. "
                "Corrections are recorded as amendments; this record stays as it is."
            )
            if record.superseded:
                lines.append(f"Superseded by the amendment, session #{record.amended_by_id}.")
            elif record.open_amendment_id is not None:
                lines.append(f"An amendment is being drafted: session #{record.open_amendment_id}.")
        elif self.context.warnings:
            style = BANNER_DANGER
            lines.append("<b>Check before treating:</b>")
            lines += [f"• {escape(text)}" for text in self.context.warnings]
        if record is not None and record.amends_id is not None:
            lines.append(
                f"This session amends session #{record.amends_id}, which is kept unchanged."
            )
        self.banner.setStyleSheet(style)
        self.banner.setText("<br>".join(lines))
        self.banner.setVisible(bool(lines))

    # ---- reading the form ------------------------------------------------------------------
    def _performed_at(self) -> dt.datetime:
        naive = self.when.dateTime().toPython()
        assert isinstance(naive, dt.datetime)
        return naive.replace(tzinfo=self._tz) if self._tz else naive.astimezone()

    def _collect(self) -> tuple[SessionInput, dict[str, str]]:
        errors: dict[str, str] = {}
        performed_at = self._performed_at()
        times: dict[str, dt.datetime | None] = {}
        for name, edit in (
            ("anaesthetic_applied_at", self.applied),
            ("anaesthetic_removed_at", self.removed),
        ):
            try:
                moment = parse_time(edit.text())
            except ValueError as exc:
                errors[name] = str(exc)
                moment = None
            times[name] = combine(performed_at, moment, self._tz) if moment else None
        areas, area_errors = self.areas.values()
        errors.update(area_errors)
        record = self.record
        data = SessionInput(
            patient_id=self.context.patient_id,
            performed_at=performed_at,
            device_profile_id=str(self.device.currentData() or ""),
            areas=tuple(areas),
            consultation_id=record.data.consultation_id
            if record is not None
            else (self.context.plan.consultation_id if self.context.plan else None),
            intensity=str(self.intensity.currentData() or ""),
            anaesthetic_product=self.product.currentText(),
            anaesthetic_applied_at=times["anaesthetic_applied_at"],
            anaesthetic_removed_at=times["anaesthetic_removed_at"],
            notes=self.notes.toPlainText(),
            recheck_answers=self.recheck.answers(),
            recheck_reason=self.recheck.reason.text(),
            amendment_reason=self.amendment.text(),
        )
        return data, errors

    def _snapshot(self) -> object:
        data, errors = self._collect()
        return dataclasses.replace(data, performed_at=data.performed_at.replace(second=0)), errors

    def is_modified(self) -> bool:
        return not self.locked and self._snapshot() != self._initial

    # ---- live feedback ---------------------------------------------------------------------
    def _device_changed(self) -> None:
        self.areas.set_profile(self._resources.profile(str(self.device.currentData())))
        self._refresh()

    def _refresh(self) -> None:
        data, parse_errors = self._collect()
        plan = self.context.plan
        self.recheck_result = run_recheck(
            self._resources.rules,
            self._resources.content,
            plan.answers if plan else {},
            data.recheck_answers,
            data.performed_at.astimezone(self._tz).date(),
            settled=plan.settled if plan else (),
            known=plan.known if plan else (),
        )
        self.recheck.show_result(self.recheck_result)
        self._update_series(data)
        if self._save_attempted:
            self._show_errors(self._local_errors(data, parse_errors), keep_service=False)

    def _update_series(self, data: SessionInput) -> None:
        plan = self.context.plan
        series = self.record.series if self.record is not None else self.context.series
        self.series = series
        day = data.performed_at.astimezone(self._tz).date()
        parts = [series.label]
        if plan is not None:
            parts.append(
                f"plan of {format_date(plan.completed_on)}: {plan.intensity or 'intensity not set'}"
                f", every {series.interval_weeks} weeks"
            )
        else:
            parts.append("no plan")
        previous = self.context.previous
        if previous is not None and (self.record is None or previous.id != self.record.id):
            parts.append(f"last session {format_instant(previous.data.performed_at)}")
        self.subtitle.setText(" · ".join(parts))
        warning = series.interval_warning(day)
        self.interval.setText(f"⚠ {warning}" if warning else "")
        self.interval.setVisible(bool(warning))
        upcoming = series.next_date(day)
        self.next_date.setText(
            f"Next session suggested on or after {format_date(upcoming)}."
            if upcoming
            else "Last session of the plan."
            if series.planned
            else ""
        )

    def _local_errors(self, data: SessionInput, parse_errors: Mapping[str, str]) -> dict[str, str]:
        profile = self._resources.profile(data.device_profile_id)
        errors = validate_session(
            data.cleaned(),
            profile,
            now=self._clock(),
            signing=False,
            amending=self.record is not None and self.record.amends_id is not None,
        )
        errors.update(parse_errors)
        return errors

    def _show_errors(self, errors: Mapping[str, str], *, keep_service: bool = True) -> None:
        self.errors.show(errors)
        self.areas.show_errors(errors)
        self.areas_error.setText(errors.get("areas", ""))
        self.areas_error.setVisible(bool(errors.get("areas")))
        if keep_service or "recheck" in errors:
            self.recheck.show_error(errors.get("recheck", ""))

    def _focus_first_error(self, errors: Mapping[str, str]) -> None:
        widget = self.areas.first_error_widget()
        if "recheck" in errors:
            widget = next(iter(self.recheck.combos.values()), None) or widget
        self.errors.focus_first(errors)
        if widget is not None and not any(
            name in errors for name in ("performed_at", "device_profile_id")
        ):
            widget.setFocus()

    # ---- actions ---------------------------------------------------------------------------
    def _store(self, session: Session, data: SessionInput) -> SessionRecord:
        record = self.record
        return session_drafts.save(
            session,
            self._actor,
            data,
            self._resources,
            session_id=record.id if record else None,
            expected_version=record.version if record else None,
            now=self._clock(),
        )

    def _attempt(self, sign: bool) -> bool:
        self._save_attempted = True
        key = self.draft_key
        data, parse_errors = self._collect()
        if parse_errors:
            self._show_errors(parse_errors)
            self._focus_first_error(parse_errors)
            return False
        if sign and not self._dialogs.confirm(
            self, "Sign and lock this session?", self._sign_question(data), yes="Sign and lock"
        ):
            return False
        try:
            with self._database.session() as session:
                record = self._store(session, data)
                if sign:
                    record = session_signing.sign(
                        session,
                        self._actor,
                        record.id,
                        self._resources,
                        expected_version=record.version,
                        now=self._clock(),
                        tz=self._tz,
                    )
        except ValidationError as exc:
            self._show_errors(exc.errors)
            self._focus_first_error(exc.errors)
            return False
        except (StaleRecordError, SessionLockedError, NotFoundError) as exc:
            self._dialogs.error(self, "Session not saved", str(exc))
            return False
        self.record = record
        self.discard_form_draft(key)  # kept in the database now (under the session's id)
        self._show_errors({})
        self._after_save()
        return True

    def _sign_question(self, data: SessionInput) -> str:
        """What signing means, with the warnings the person should have seen."""
        lines = [
            "Once signed, nothing in this session can be changed. A later correction is "
            "recorded as an amendment that keeps this record."
        ]
        warning = self.series.interval_warning(data.performed_at.astimezone(self._tz).date())
        if warning:
            lines.append(warning)
        cautions = sum(
            len(check.cautions)
            for index in range(len(self.areas.rows))
            if (check := self.areas.check(index)) is not None
        )
        if cautions:
            lines.append(
                f"{cautions} caution{'s are' if cautions != 1 else ' is'} acknowledged with a "
                "reason."
            )
        return "\n\n".join(lines)

    def _after_save(self) -> None:
        self._save_attempted = False
        self._set_baseline()
        self._apply_mode()
        self._refresh()
        self._initial = self._snapshot()
        self.saved.emit(self.context.patient_id)
        if self.locked:
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
        if self.areas.has_values() and not self._dialogs.confirm(
            self,
            "Replace the areas?",
            "The areas entered so far will be replaced by the settings of the last session.",
            yes="Replace",
        ):
            return
        self.device.setCurrentIndex(max(self.device.findData(previous.data.device_profile_id), 0))
        if not self.product.currentText().strip():
            self.product.setCurrentText(previous.data.anaesthetic_product)
            self.product.lineEdit().setCursorPosition(0)  # type: ignore[union-attr]
        copied = [
            dataclasses.replace(area, endpoint="", reaction="", notes="", caution_ack_reason="")
            for area in previous.areas
        ]
        self.areas.set_areas(copied)
        self._refresh()
        if self.areas.rows:
            first = next(iter(self.areas.rows[0].fields.values()), self.areas.rows[0].area)
            first.setFocus()

    def amend(self) -> None:
        """Start an amendment of the signed session shown."""
        record = self.record
        if record is None or not record.locked:
            return
        if not self._dialogs.confirm(
            self,
            "Amend this signed session?",
            "A new version of the session is drafted for your corrections. The signed record "
            "stays unchanged and is shown as superseded once the amendment is signed.",
            yes="Amend",
        ):
            return
        try:
            with self._database.session() as session:
                draft = session_amendments.amend(session, self._actor, record.id, self._resources)
        except ValidationError as exc:
            self._dialogs.error(self, "Cannot amend", "; ".join(exc.errors.values()))
            return
        self.record = draft
        self._drafting = False
        self._load(draft)
        self._initial = self._snapshot()
        self._drafting = True
        self.saved.emit(self.context.patient_id)
        self.amendment.setFocus()

    def delete_draft(self) -> None:
        record = self.record
        if record is None or record.locked:
            return
        if not self._dialogs.confirm(
            self, "Delete this draft?", "The unsigned session will be deleted.", yes="Delete"
        ):
            return
        try:
            with self._database.session() as session:
                session_drafts.discard(
                    session, self._actor, record.id, expected_version=record.version
                )
        except (StaleRecordError, SessionLockedError, NotFoundError) as exc:
            self._dialogs.error(self, "Draft not deleted", str(exc))
            return
        self.discard_form_draft()
        self.saved.emit(self.context.patient_id)
        super().reject()

    def reject(self) -> None:
        """Close; asks first when something typed would be lost."""
        if self.is_modified() and not self._dialogs.confirm(
            self,
            "Discard changes?",
            "What you entered since the last save will be lost.",
            yes="Discard",
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
        ready = self._drafting and self._data_dir is not None and not self.locked
        if ready and not self._draft_timer.isActive():
            self._draft_timer.start()

    def draft_values(self) -> dict[str, str]:
        """The form as shown, texts as typed (valid or not); rows and re-check as JSON."""
        return {
            "performed_at": self.when.dateTime().toString(_DATETIME_FORMAT),
            "device_profile_id": str(self.device.currentData() or ""),
            "intensity": str(self.intensity.currentData() or ""),
            "anaesthetic_product": self.product.currentText(),
            "anaesthetic_applied_at": self.applied.text(),
            "anaesthetic_removed_at": self.removed.text(),
            "recheck": json.dumps(self.recheck.raw_state(), ensure_ascii=False, sort_keys=True),
            "areas": json.dumps(self.areas.raw_rows(), ensure_ascii=False, sort_keys=True),
            "notes": self.notes.toPlainText(),
            "amendment_reason": self.amendment.text(),
        }

    def write_form_draft(self) -> None:
        """Write the form draft now (the timer calls this); nothing to keep removes it."""
        self._draft_timer.stop()
        if self._data_dir is None or self.locked:
            return
        try:
            if self.is_modified():
                form_drafts.save(self._data_dir, self.draft_key, self.draft_values())
            else:
                form_drafts.discard(self._data_dir, self.draft_key)
        except (FileSaveError, OSError) as exc:
            if not self._draft_failed:  # once, not at every keystroke; saving still works
                log.warning("The session editor's form draft is not kept: %s", exc)
            self._draft_failed = True
            return
        self._draft_failed = False

    def discard_form_draft(self, key: str | None = None) -> None:
        """Forget the form draft (saved in the database, deleted, or thrown away)."""
        self._draft_timer.stop()
        if self._data_dir is None:
            return
        try:
            form_drafts.discard(self._data_dir, key or self.draft_key)
        except OSError as exc:
            log.warning("The session editor's form draft is not removed: %s", exc)

    def offer_form_draft(self, parent: QWidget | None = None) -> bool:
        """If a form draft of this session is on disk, offer it back; True if restored."""
        if self._data_dir is None or self.locked:
            return False
        values = form_drafts.load(self._data_dir, self.draft_key)
        if values is None:
            return False
        if not self._dialogs.confirm(
            parent or self,
            "Unsaved session",
            f"{RESTORE_QUESTION} (No throws it away.)",
            yes="Restore",
        ):
            self.discard_form_draft()
            return False
        self.restore_form_draft(values)
        return True

    def restore_form_draft(self, values: Mapping[str, str]) -> None:
        """Fill the form from ``draft_values`` output; unknown or unreadable parts are skipped."""
        moment = QDateTime.fromString(values.get("performed_at", ""), _DATETIME_FORMAT)
        if moment.isValid():
            self.when.setDateTime(moment)
        index = self.device.findData(values.get("device_profile_id", ""))
        if index >= 0:
            self.device.setCurrentIndex(index)  # the rows follow the device's settings
        self.intensity.setCurrentIndex(max(self.intensity.findData(values.get("intensity", "")), 0))
        self.product.setCurrentText(values.get("anaesthetic_product", ""))
        self.applied.setText(values.get("anaesthetic_applied_at", ""))
        self.removed.setText(values.get("anaesthetic_removed_at", ""))
        self.notes.setPlainText(values.get("notes", ""))
        self.amendment.setText(values.get("amendment_reason", ""))
        recheck = _json(values.get("recheck"))
        if isinstance(recheck, dict):
            self.recheck.set_raw_state(recheck)
        rows = _json(values.get("areas"))
        if isinstance(rows, list):
            self.areas.set_raw_rows([row for row in rows if isinstance(row, dict)])
        self._refresh()


def _json(text: str | None) -> object:
    """``text`` parsed, or None."""
    try:
        return json.loads(text) if text else None
    except ValueError:
        return None
