"""Register or edit a patient, with a message under each field that cannot be saved."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from clinic_app.db import Database
from clinic_app.domain.patient_rules import (
    DATE_EXAMPLES,
    DEFAULT_LANGUAGE,
    LANGUAGES,
    PatientFields,
    parse_date_of_birth,
    validate_patient,
)
from clinic_app.services import form_drafts
from clinic_app.services.errors import PossibleDuplicateError, StaleRecordError, ValidationError
from clinic_app.services.patients import patient_overview, patients
from clinic_app.services.patients.patient_overview import PatientOverview
from clinic_app.services.security.identity import Actor
from clinic_app.ui.common.dialog_service import DialogService
from clinic_app.ui.common.field_errors import INVALID_FIELD_STYLE, FieldErrors
from clinic_app.ui.common.form_draft_keeper import FormDraftKeeper
from clinic_app.ui.common.formatting import age_on, format_date
from clinic_app.ui.common.i18n import QT_TRANSLATE_NOOP
from clinic_app.ui.common.worker_wait import wait_in_worker

LINE_FIELDS = (
    ("first_name", QT_TRANSLATE_NOOP("patients.dialog", "&First name")),
    ("last_name", QT_TRANSLATE_NOOP("patients.dialog", "&Last name")),
    ("date_of_birth", QT_TRANSLATE_NOOP("patients.dialog", "Date of &birth")),
    ("phone", QT_TRANSLATE_NOOP("patients.dialog", "&Phone")),
    ("email", QT_TRANSLATE_NOOP("patients.dialog", "&E-mail")),
)
TEXT_FIELDS = (("address", QT_TRANSLATE_NOOP("patients.dialog", "&Address")),)
CONTACT_FIELDS = (
    ("emergency_contact_name", QT_TRANSLATE_NOOP("patients.dialog", "Emergency &contact")),
    ("emergency_contact_phone", QT_TRANSLATE_NOOP("patients.dialog", "Emergency p&hone")),
)
NOTE_FIELDS = (("notes", QT_TRANSLATE_NOOP("patients.dialog", "&Notes")),)


DRAFT_PREFIX = "patient-"


def draft_key(patient_id: int | None) -> str:
    """The key of the patient form's draft: 'patient-new', or 'patient-12' for an edit."""
    return f"{DRAFT_PREFIX}{patient_id}" if patient_id is not None else f"{DRAFT_PREFIX}new"


@dataclass(frozen=True)
class LeftOpen:
    """A patient form the app closed on with unsaved changes (killed, crashed, power cut)."""

    key: str
    patient_id: int | None  # None: a new patient
    values: dict[str, str]

    @property
    def description(self) -> str:
        """'the new patient Eva Lind', or 'the changes to patient #12 (Eva Lind)'."""
        name = " ".join(
            part
            for part in (self.values.get("first_name", ""), self.values.get("last_name", ""))
            if part.strip()
        ).strip()
        if self.patient_id is None:
            return (
                QCoreApplication.translate("LeftOpen", "the new patient {name}").format(name=name)
                if name
                else QCoreApplication.translate("LeftOpen", "a new patient")
            )
        return QCoreApplication.translate(
            "LeftOpen", "the changes to patient #{patient_id}"
        ).format(patient_id=self.patient_id) + (f" ({name})" if name else "")


def left_open(data_dir: Path) -> LeftOpen | None:
    """The newest patient-form draft in ``data_dir`` (the form a crash left open), or None."""
    for key in form_drafts.keys(data_dir, DRAFT_PREFIX):
        values = form_drafts.load(data_dir, key)
        suffix = key.removeprefix(DRAFT_PREFIX)
        if values is None or not (suffix == "new" or suffix.isdigit()):
            continue
        return LeftOpen(key, None if suffix == "new" else int(suffix), values)
    return None


class PatientDialog(QDialog):
    """New patient (``overview`` None) or edit of an existing one; emits ``saved(id)``."""

    saved = Signal(int)

    def __init__(
        self,
        database: Database,
        actor: Actor,
        dialogs: DialogService,
        overview: PatientOverview | None = None,
        parent: QWidget | None = None,
        today: dt.date | None = None,
        data_dir: Path | None = None,
        *,
        restore_draft: bool = False,
    ) -> None:
        """``data_dir``: where what is typed is kept until saved (None: not kept);
        ``restore_draft``: fill in the form's draft without asking (the person chose so at
        the start, :func:`left_open`)."""
        super().__init__(parent)
        self._database = database
        self._restore_draft = restore_draft
        self._draft_key = draft_key(overview.id if overview else None)
        self._draft = FormDraftKeeper(self, data_dir, self.write_form_draft, form="patient form")
        self._drafts_ready = False
        self._actor = actor
        self._dialogs = dialogs
        self._overview = overview
        self._today = today or dt.date.today()
        self._touched: set[str] = set()
        self._save_attempted = False
        self.saved_patient_id: int | None = None
        self.setWindowTitle(self.tr("Edit patient") if overview else self.tr("New patient"))
        self.setStyleSheet(INVALID_FIELD_STYLE)
        self.setMinimumWidth(560)

        self.errors = FieldErrors()
        self.inputs: dict[str, QLineEdit | QPlainTextEdit] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name, label in LINE_FIELDS + TEXT_FIELDS + CONTACT_FIELDS + NOTE_FIELDS:
            widget = self._make_input(name)
            hints: list[QWidget] = []
            if name == "date_of_birth":
                self.dob_hint = QLabel()
                self.dob_hint.setStyleSheet("color: palette(mid);")
                hints.append(self.dob_hint)
            label = QCoreApplication.translate("patients.dialog", label)
            self.errors.add_row(form, name, label, widget, *hints)
        # The language the patient reads their handouts and consent in (docs/language.md).
        self.language = QComboBox()
        self.language.setObjectName("language")
        for code, language_name in LANGUAGES.items():
            self.language.addItem(language_name, code)
        self.language.currentIndexChanged.connect(lambda _index: self._on_edited("language"))
        self.errors.add_row(form, "language", self.tr("Han&douts in"), self.language)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)  # height left by a message that went stays below the fields
        layout.addWidget(self.buttons)

        if overview is not None:
            self._load(overview.fields)
        self._initial = self._raw_values()
        self._offer_draft()
        self._drafts_ready = True
        self._update_dob_hint()
        self.inputs["first_name"].setFocus()

    # construction ------------------------------------------------------------------------
    def _make_input(self, name: str) -> QLineEdit | QPlainTextEdit:
        widget: QLineEdit | QPlainTextEdit
        if name in {"address", "notes"}:
            widget = QPlainTextEdit()
            widget.setTabChangesFocus(True)
            widget.setFixedHeight(60 if name == "address" else 80)
            widget.textChanged.connect(lambda n=name: self._on_edited(n))
        else:
            widget = QLineEdit()
            widget.textEdited.connect(lambda _text, n=name: self._on_edited(n))
            widget.editingFinished.connect(lambda n=name: self._on_left(n))
        if name == "date_of_birth":
            widget.setPlaceholderText(self.tr("e.g. {examples}").format(examples=DATE_EXAMPLES))
        elif name in {"phone", "emergency_contact_phone"}:
            widget.setPlaceholderText(self.tr("e.g. +1 555 123 4567"))
        elif name == "email":
            widget.setPlaceholderText("name@example.com")
        widget.setObjectName(name)
        self.inputs[name] = widget
        return widget

    def _load(self, fields: PatientFields) -> None:
        for name in (*self.inputs, "language"):
            value = getattr(fields, name)
            text = value.isoformat() if isinstance(value, dt.date) else (value or "")
            self._set_text(name, text)

    def _set_text(self, name: str, text: str) -> None:
        """Show ``text`` in field ``name`` (for the language, the choice of that code)."""
        if name == "language":
            index = self.language.findData(text or DEFAULT_LANGUAGE)
            self.language.setCurrentIndex(max(index, 0))
            return
        widget = self.inputs[name]
        if isinstance(widget, QLineEdit):
            widget.setText(text)
        else:
            widget.setPlainText(text)

    # reading the form --------------------------------------------------------------------
    def _raw_values(self) -> dict[str, str]:
        values = {
            name: widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
            for name, widget in self.inputs.items()
        }
        values["language"] = str(self.language.currentData() or DEFAULT_LANGUAGE)
        return values

    def _collect(self) -> tuple[PatientFields, dict[str, str]]:
        raw = self._raw_values()
        errors: dict[str, str] = {}
        dob: dt.date | None = None
        if raw["date_of_birth"].strip():
            try:
                dob = parse_date_of_birth(raw["date_of_birth"])
            except ValueError as exc:
                errors["date_of_birth"] = self.tr("Date of birth: {exc}.").format(exc=exc)
        values = {name: value for name, value in raw.items() if name != "date_of_birth"}
        fields = PatientFields(date_of_birth=dob, **values).cleaned()
        for name, message in validate_patient(fields, self._today).items():
            errors.setdefault(name, message)
        return fields, errors

    def is_modified(self) -> bool:
        """Whether anything was typed since the dialog opened."""
        return self._raw_values() != self._initial

    # live feedback -----------------------------------------------------------------------
    def _on_edited(self, name: str) -> None:
        if self._drafts_ready:
            self._draft.schedule()
        if name == "date_of_birth":
            self._update_dob_hint()
        if name in self._touched or self._save_attempted:
            self._refresh_errors()

    def _on_left(self, name: str) -> None:
        self._touched.add(name)
        self._refresh_errors()

    def _refresh_errors(self) -> None:
        _fields, errors = self._collect()
        visible = None if self._save_attempted else set(self._touched)
        self.errors.show(errors, only=visible)

    def _update_dob_hint(self) -> None:
        text = self._raw_values()["date_of_birth"].strip()
        try:
            dob = parse_date_of_birth(text) if text else None
        except ValueError:
            dob = None
        if dob is None or dob >= self._today:
            self.dob_hint.setText("")
        else:
            self.dob_hint.setText(
                self.tr("{date} · {age_on} years old").format(
                    date=format_date(dob), age_on=age_on(dob, self._today)
                )
            )
        self.dob_hint.setVisible(bool(self.dob_hint.text()))

    # saving ------------------------------------------------------------------------------
    def save(self) -> None:
        """Validate, then register or update; on any refusal the dialog stays open, input kept."""
        self._save_attempted = True
        fields, errors = self._collect()
        self.errors.show(errors)
        if errors:
            self.errors.focus_first(errors)
            return
        allow_duplicate = False
        while True:
            try:
                patient_id = self._store(fields, allow_duplicate)
            except PossibleDuplicateError as exc:
                if allow_duplicate or not self._confirm_not_duplicate(exc):
                    return
                allow_duplicate = True
                continue
            except ValidationError as exc:
                self.errors.show(exc.errors)
                self.errors.focus_first(exc.errors)
                return
            except StaleRecordError as exc:
                self._take_in_newer_version()
                self._dialogs.error(
                    self,
                    self.tr("Patient not saved"),
                    self.tr(
                        "{exc}\n\nThe form now shows their values in the fields you had not "
                        "changed; your own changes are kept. Check them and save again."
                    ).format(exc=exc),
                )
                return
            break
        self.saved_patient_id = patient_id
        self._forget_draft()
        self.saved.emit(patient_id)
        self.accept()

    def _store(self, fields: PatientFields, allow_duplicate: bool) -> int:
        """Create or update the patient in a worker (the window repaints meanwhile)."""
        return wait_in_worker(self, lambda: self._write(fields, allow_duplicate))

    def _write(self, fields: PatientFields, allow_duplicate: bool) -> int:
        with self._database.session() as session:
            if self._overview is None:
                patient = patients.create(
                    session, self._actor, fields, allow_duplicate=allow_duplicate, today=self._today
                )
            else:
                patient = patients.update(
                    session,
                    self._actor,
                    self._overview.id,
                    fields,
                    expected_version=self._overview.version,
                    opened=self._overview.fields,
                    allow_duplicate=allow_duplicate,
                    today=self._today,
                )
            return patient.id

    def _take_in_newer_version(self) -> None:
        """After a refused save: load the stored version and show its values in every field
        the person has not changed, so that saving again keeps both people's changes."""
        if self._overview is None:
            return
        with self._database.session() as session:
            newer = patient_overview.load(session, self._overview.id)
        typed = self._raw_values()
        self._load(newer.fields)
        stored = self._raw_values()
        for name in typed:
            if typed[name] != self._initial[name]:
                self._set_text(name, typed[name])
        self._overview = newer
        self._initial = stored
        self._update_dob_hint()

    def _confirm_not_duplicate(self, exc: PossibleDuplicateError) -> bool:
        names = "\n".join(
            self.tr("  #{id}  {first_name} {last_name}, born {born}{archived}").format(
                id=row.id,
                first_name=row.first_name,
                last_name=row.last_name,
                born=format_date(row.date_of_birth),
                archived=self.tr("  (archived)") if row.archived else "",
            )
            for row in exc.existing
        )
        return self._dialogs.confirm(
            self,
            self.tr("Possible duplicate"),
            self.tr(
                "A patient with the same name and date of birth is already "
                "registered:\n\n{names}\n\nIs this a different person? Choose Cancel to go "
                "back and check."
            ).format(names=names),
            yes=self.tr("Different person: save"),
        )

    def reject(self) -> None:
        """Close without saving; asks first when something was typed."""
        if self.is_modified() and not self._dialogs.confirm(
            self,
            self.tr("Discard changes?"),
            self.tr("What you typed for this patient will be lost."),
            yes=self.tr("Discard"),
        ):
            return
        self._forget_draft()
        super().reject()

    # what is typed survives a crash ---------------------------------------------------------
    def write_form_draft(self) -> None:
        """Write the form draft now (the timer calls this); nothing to keep removes it."""
        self._draft.stop()
        self._draft.keep(self._draft_key, self._raw_values() if self.is_modified() else None)

    def _forget_draft(self) -> None:
        self._draft.discard(self._draft_key)

    def _offer_draft(self) -> None:
        """Offer back what was typed in this form before the app closed unexpectedly."""
        draft = self._draft.offer(
            self._dialogs,
            self,
            self._draft_key,
            title=self.tr("Restore what was typed?"),
            question=self.tr(
                "This form was left with changes that were not saved (the app closed). "
                "Restore them?"
            ),
            unchanged=self._initial,
            ask=not self._restore_draft,
        )
        if draft is None:
            return
        for name, value in self._initial.items():
            self._set_text(name, draft.get(name, value))
