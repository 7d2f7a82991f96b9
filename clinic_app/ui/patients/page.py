"""One patient: identity and contact details, then consultations and treatment sessions."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinic_app.domain.patient_rules import DEFAULT_LANGUAGE, LANGUAGES
from clinic_app.ui.common.flow_layout import FlowLayout
from clinic_app.ui.common.formatting import age_on, format_date, format_instant
from clinic_app.ui.common.i18n import QT_TRANSLATE_NOOP
from clinic_app.ui.common.widget_names import named

if TYPE_CHECKING:
    from clinic_app.services.patients.patient_overview import PatientOverview, SessionLine

# How a consultation's status reads in the list.
CONSULTATION_STATUS = {
    "draft": QT_TRANSLATE_NOOP("patients.page", "unfinished draft"),
    "completed": QT_TRANSLATE_NOOP("patients.page", "completed"),
    "not_candidate": QT_TRANSLATE_NOOP("patients.page", "not a candidate now"),
    "abandoned": QT_TRANSLATE_NOOP("patients.page", "set aside"),
}
# How a treatment session's status reads in the list.
SESSION_STATUS = {
    "draft": QT_TRANSLATE_NOOP("patients.page", "draft"),
    "signed": QT_TRANSLATE_NOOP("patients.page", "signed"),
    "superseded": QT_TRANSLATE_NOOP("patients.page", "superseded"),
}


def session_text(line: SessionLine) -> str:
    """One treatment as the list reads it: an amendment is a correction of it, not another."""
    areas = (
        QCoreApplication.translate("patients.page", "1 area")
        if line.area_count == 1
        else QCoreApplication.translate("patients.page", "{count} areas").format(
            count=line.area_count
        )
    )
    status = QCoreApplication.translate(
        "patients.page", SESSION_STATUS.get(line.status, line.status)
    )
    if line.corrected:
        status = QCoreApplication.translate(
            "patients.page", "signed, corrected (the first record is superseded)"
        )
    if line.correction_drafted:
        status += QCoreApplication.translate("patients.page", "; a correction is being drafted")
    return f"{format_instant(line.performed_at)} — {line.device_title}, {areas} ({status})"


class PatientPage(QWidget):
    """Shows a ``PatientOverview``; the main window supplies the data and handles the buttons."""

    back_requested = Signal()
    edit_requested = Signal()
    archive_requested = Signal(bool)
    # A consultation chosen in the list (double-click or Enter): its id.
    consultation_activated = Signal(int)
    # A treatment session chosen in the list (double-click or Enter): the id of its version.
    session_activated = Signal(int)
    # Emitted at the end of show_overview, with the PatientOverview shown.
    overview_shown = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.overview: PatientOverview | None = None
        self.title = named(QLabel(), "patient_title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = named(QLabel(), "patient_details")
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.back_button = QPushButton(self.tr("← Patient list"))
        self.back_button.setToolTip(self.tr("Back to the patient list (Esc)"))
        self.back_button.clicked.connect(self.back_requested)
        self.edit_button = QPushButton(self.tr("&Edit details…"))
        self.edit_button.setToolTip(self.tr("Edit this patient's details (Ctrl+E)"))
        self.edit_button.clicked.connect(self.edit_requested)
        self.archive_button = QPushButton()
        self.archive_button.clicked.connect(
            lambda: self.archive_requested.emit(not (self.overview and self.overview.archived))
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.archive_button)
        # What can be done for this patient (consultation, session, handouts): see add_command.
        # The buttons wrap onto a second line rather than widen the window (longer labels in
        # another language).
        self.commands = FlowLayout()

        self.consultations = named(QListWidget(), "consultations")
        self.consultations.setToolTip(self.tr("Double-click or Enter: open the consultation"))
        self.consultations.itemActivated.connect(self._consultation_activated)
        self.sessions = named(QListWidget(), "sessions")
        self.sessions.setToolTip(self.tr("Double-click or Enter: open the session"))
        self.sessions.itemActivated.connect(self._session_activated)
        history = QHBoxLayout()
        for title, widget in (
            (self.tr("Consultations"), self.consultations),
            (self.tr("Treatment sessions"), self.sessions),
        ):
            box = QGroupBox(title)
            box_layout = QVBoxLayout(box)
            box_layout.addWidget(widget)
            history.addWidget(box)

        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.title)
        layout.addWidget(self.details)
        layout.addLayout(self.commands)
        layout.addLayout(history, 1)

    def add_command(
        self, text: str, tooltip: str, slot: Callable[[], object], *, shortcut: str = ""
    ) -> QPushButton:
        """Add a button acting on the patient shown (e.g. "New consultation…"), left to right.

        ``shortcut`` (e.g. "Ctrl+Shift+C") works while the page is shown and is named in the
        tooltip."""
        button = QPushButton(text)
        button.setToolTip(f"{tooltip} ({shortcut})" if shortcut else tooltip)
        button.clicked.connect(slot)
        if shortcut:
            action = QShortcut(QKeySequence(shortcut), self)
            action.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.activated.connect(slot)
        self.commands.addWidget(button)
        return button

    def show_overview(self, overview: PatientOverview, today: dt.date | None = None) -> None:
        """Fill the page with ``overview``."""
        self.overview = overview
        fields = overview.fields
        name = f"{fields.first_name} {fields.last_name}"
        self.title.setText(name + (self.tr("  (archived)") if overview.archived else ""))
        lines = []
        if fields.date_of_birth is not None:
            age = age_on(fields.date_of_birth, today or dt.date.today())
            lines.append(
                self.tr("Born {born} · {age} years old").format(
                    born=format_date(fields.date_of_birth), age=age
                )
            )
        contact = " · ".join(value for value in (fields.phone, fields.email) if value)
        if contact:
            lines.append(contact)
        if fields.address:
            lines.append(fields.address.replace("\n", ", "))
        if fields.emergency_contact_name or fields.emergency_contact_phone:
            who = " ".join(
                v for v in (fields.emergency_contact_name, fields.emergency_contact_phone) if v
            )
            lines.append(self.tr("Emergency contact: {who}").format(who=who))
        if fields.notes:
            lines.append(self.tr("Notes: {notes}").format(notes=fields.notes))
        if fields.language != DEFAULT_LANGUAGE:  # what the handouts and consent print in
            language = LANGUAGES.get(fields.language, fields.language)
            lines.append(self.tr("Handouts and consent in {language}").format(language=language))
        self.details.setText("<br>".join(html.escape(line) for line in lines))
        self.archive_button.setText(
            self.tr("&Restore from archive") if overview.archived else self.tr("&Archive")
        )
        self.archive_button.setToolTip(
            self.tr("Show this patient in the list again")
            if overview.archived
            else self.tr("Hide this patient from the list; nothing is deleted")
        )

        self.consultations.clear()
        for line in overview.consultations:
            planned = (
                self.tr(", treatment {date}").format(date=format_date(line.treatment_date))
                if line.treatment_date
                else ""
            )
            status = QCoreApplication.translate(
                "patients.page", CONSULTATION_STATUS.get(line.status, line.status)
            )
            amends = self.tr(" (amendment of an earlier consultation)") if line.amends_id else ""
            item = QListWidgetItem(f"{format_instant(line.started_at)} — {status}{planned}{amends}")
            item.setData(Qt.ItemDataRole.UserRole, line.id)
            if line.amends_id:
                item.setToolTip(
                    self.tr("Consultation #{id}, amends #{amends_id}").format(
                        id=line.id, amends_id=line.amends_id
                    )
                )
            self.consultations.addItem(item)
        if not overview.consultations:
            self.consultations.addItem(self.tr("No consultations recorded yet."))
        self.sessions.clear()
        for session in overview.sessions:
            item = QListWidgetItem(session_text(session))
            item.setData(Qt.ItemDataRole.UserRole, session.id)
            item.setToolTip(
                f"Device: {session.device_title or session.device_profile_id}; records: "
                + ", ".join(f"#{number}" for number in session.versions)
            )
            self.sessions.addItem(item)
        if not overview.sessions:
            self.sessions.addItem(self.tr("No treatment sessions recorded yet."))
        self.overview_shown.emit(overview)

    def _session_activated(self, item: QListWidgetItem) -> None:
        session_id = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(session_id, int):
            self.session_activated.emit(session_id)

    def _consultation_activated(self, item: QListWidgetItem) -> None:
        consultation_id = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(consultation_id, int):
            self.consultation_activated.emit(consultation_id)
