"""The session editor's form: its widgets, their layout and tab order, and how a mode looks.

No loading, checking or saving here (clinic_app.ui.sessions.editor does that): the form shows
what it is told, marks the fields a check refused, and locks itself for a signed session.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
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
    QStyle,
    QVBoxLayout,
    QWidget,
)

from clinic_app.domain.care.care_kinds import INTENSITIES
from clinic_app.domain.clinical_picture import Prescription
from clinic_app.domain.sessions.session_recheck import recheck_questions
from clinic_app.services.sessions.session_resources import SessionResources
from clinic_app.services.sessions.treatment_sessions import SessionRecord
from clinic_app.ui.common.field_errors import FieldErrors
from clinic_app.ui.common.widget_names import named
from clinic_app.ui.sessions.area_rows import AreasEditor, area_descriptions
from clinic_app.ui.sessions.face_chart_panel import FaceChartPanel
from clinic_app.ui.sessions.recheck_panel import RecheckPanel
from clinic_app.ui.sessions.styles import CAUTION_COLOUR, set_flag, set_locked, set_role

DEFAULT_SIZE = (1240, 860)  # shrunk to the screen's available geometry
MINIMUM_SIZE = (980, 600)
FRAME_MARGIN = 48  # title bar and frame, outside the dialog's geometry
LEFT_WIDTH = 390  # the left column with its scroll bar


class SessionEditorForm(QDialog):
    """The widgets of the session editor, laid out; the editor subclasses it with its logic."""

    def __init__(
        self,
        resources: SessionResources,
        parent: QWidget | None = None,
        *,
        prescriptions: Sequence[Prescription] = (),
        pause: Callable[[], None] = lambda: None,
    ) -> None:
        """Build the form for the device profiles, rules and wording of ``resources``; the
        re-check also asks about the consultation's ``prescriptions``. ``pause`` is called
        between steps of the building (ui.common.worker_wait.responsive_steps)."""
        super().__init__(parent)
        self.setObjectName("session_editor")
        self._pause = pause
        self._build(resources, prescriptions)
        self.fit_to_screen()

    # ---- construction ----------------------------------------------------------------------
    def _build(self, resources: SessionResources, prescriptions: Sequence[Prescription]) -> None:
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

        self.errors = FieldErrors(mark=lambda widget, bad: set_flag(widget, "invalid", bad))
        self.when = named(QDateTimeEdit(), "performed_at")
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setCalendarPopup(True)
        self.when.setToolTip(self.tr("When the laser treatment was done (local time)"))
        self.device = named(QComboBox(), "device")
        for profile in resources.profiles.values():
            self.device.addItem(profile.title, profile.id)
        self.intensity = named(QComboBox(), "intensity")
        self.intensity.addItem("", "")
        for value in INTENSITIES:
            self.intensity.addItem(value.capitalize(), value)
        self.practitioner = named(QLabel(), "practitioner")
        session_box = QGroupBox(self.tr("Session"))
        session_form = QFormLayout(session_box)
        self._row(session_form, self.tr("&Date and time"), self.when, "performed_at")
        self._row(session_form, self.tr("De&vice"), self.device, "device_profile_id")
        self._row(session_form, self.tr("I&ntensity"), self.intensity, "intensity")
        session_form.addRow(self.tr("Practitioner"), self.practitioner)

        content = resources.content
        self.product = named(QComboBox(), "anaesthetic_product")
        self.product.setEditable(True)
        self.product.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.product.addItem("")
        self.product.addItems(list(content.anaesthetic_products))
        self.product.lineEdit().setPlaceholderText(self.tr("Product, or leave empty"))  # type: ignore[union-attr]
        self.applied = named(QLineEdit(), "anaesthetic_applied_at")
        self.removed = named(QLineEdit(), "anaesthetic_removed_at")
        for edit in (self.applied, self.removed):
            edit.setPlaceholderText("HH:MM")
            edit.setMaximumWidth(90)
        anaesthetic_box = QGroupBox(self.tr("Topical anaesthetic"))
        anaesthetic_form = QFormLayout(anaesthetic_box)
        self._row(anaesthetic_form, self.tr("&Product"), self.product, "anaesthetic_product")
        # An allergy of the consultation that the product meets: a caution, with its reason.
        self.allergy_warning = named(QLabel(), "anaesthetic_allergy_warning")
        self.allergy_warning.setWordWrap(True)
        self.allergy_warning.setStyleSheet(f"color: {CAUTION_COLOUR}; font-weight: bold;")
        self.allergy_warning.setVisible(False)
        self.allergy_warning.setToolTip(content.anaesthetics.source)
        anaesthetic_form.addRow(self.allergy_warning)
        self.allergy_reason = named(QLineEdit(), "anaesthetic_ack_reason")
        self.allergy_reason.setPlaceholderText(content.anaesthetics.reason_placeholder)
        self.allergy_reason_label = self._row(
            anaesthetic_form, self.tr("Reason"), self.allergy_reason, "anaesthetic_ack_reason"
        )
        self._show_allergy(None)
        self._row(anaesthetic_form, self.tr("Appl&ied at"), self.applied, "anaesthetic_applied_at")
        self._row(anaesthetic_form, self.tr("&Removed at"), self.removed, "anaesthetic_removed_at")

        self._pause()
        questions = recheck_questions(resources.rules, content, prescriptions)
        self.recheck = named(
            RecheckPanel(
                content.recheck_title, content.recheck_intro, questions, pause=self._pause
            ),
            "recheck",
        )

        self._pause()
        self.areas = named(
            AreasEditor(area_descriptions(resources), content.endpoints, content.reactions),
            "areas",
        )
        self.areas.pause = self._pause
        self.copy_button = named(
            QPushButton(self.tr("Cop&y settings from last session")), "copy_last"
        )
        self.copy_button.setToolTip(
            self.tr(
                "Fill the areas with the settings of the last signed session; what you "
                "then change is highlighted, last time's value under it"
            )
        )
        self.add_button = named(QPushButton(self.tr("Add &area")), "add_area")
        self.legend = named(QLabel(), "legend")
        set_role(self.legend, "hint")
        self.legend.setWordWrap(True)  # on two lines rather than widen the editor
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
        areas_box = QGroupBox(self.tr("Treated areas"))
        areas_layout = QVBoxLayout(areas_box)
        tools = QHBoxLayout()
        tools.addWidget(self.copy_button)
        tools.addWidget(self.add_button)
        tools.addWidget(self.legend, 1)
        areas_layout.addLayout(tools)
        areas_layout.addWidget(self.areas_error)
        areas_layout.addWidget(scroll, 1)
        self._pause()
        self.face_chart = FaceChartPanel(self.areas, self.intensity, resources)
        areas_layout.addWidget(self.face_chart)
        self._pause()

        self.notes = named(QPlainTextEdit(), "notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(54)
        self.amendment = named(QLineEdit(), "amendment_reason")
        self.amendment.setPlaceholderText(self.tr("What is corrected, and why"))
        bottom = QFormLayout()
        self._row(bottom, self.tr("N&otes"), self.notes, "notes")
        self.amendment_label = self._row(
            bottom, self.tr("Reason for the a&mendment"), self.amendment, "amendment_reason"
        )
        areas_layout.addLayout(bottom)

        self.delete_button = named(QPushButton(self.tr("De&lete draft")), "delete_draft")
        self.amend_button = named(QPushButton(self.tr("&Amend…")), "amend")
        self.cancel_button = named(QPushButton(self.tr("Cancel")), "cancel")
        self.save_button = named(QPushButton(self.tr("Save dra&ft")), "save_draft")
        self.save_button.setToolTip(self.tr("Save without signing (Ctrl+S); Enter saves too"))
        self.sign_button = named(QPushButton(self.tr("&Sign && lock…")), "sign")
        self.sign_button.setToolTip(self.tr("Check everything, then sign: the session is locked"))
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

        left = self._left = QVBoxLayout()
        left.addWidget(session_box)
        left.addWidget(anaesthetic_box)
        left.addWidget(self.recheck)
        left.addStretch(1)
        left_holder = QWidget()
        left_holder.setLayout(left)
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        left_holder.setFixedWidth(LEFT_WIDTH - bar - 2)
        # The screening column scrolls on a small screen rather than being clipped or squeezed
        # (squeezed, its questions overlapped and its drop-downs collapsed).
        self.left_scroll = named(QScrollArea(), "left_column")
        self.left_scroll.setWidget(left_holder)
        self.left_scroll.setWidgetResizable(True)
        self.left_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.left_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.left_scroll.setFixedWidth(LEFT_WIDTH)
        columns = QHBoxLayout()
        columns.addWidget(self.left_scroll)
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

        self.add_button.clicked.connect(lambda: self.areas.add_area())
        self.areas.rebuilt.connect(self._fix_tab_order)

    def attach_consent(self, panel: QWidget) -> None:
        """Show the consent panel at the top of the left column; its message is the field
        "consent" of the form (refused at signing without a valid consent)."""
        self._left.insertWidget(0, panel)
        panel.add_error_label(self.errors.add("consent", panel.button))  # type: ignore[attr-defined]
        self.consent_panel = panel

    def fit_to_screen(self) -> None:
        """The default size, and the minimum, within the screen's available geometry (a
        1366×768 laptop fits); called again after signing, when the form changes."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry() if screen is not None else None
        width, height = DEFAULT_SIZE
        min_width, min_height = MINIMUM_SIZE
        if available is not None:
            # Leave room for the window frame and title bar, which the geometry excludes.
            width = min(width, available.width() - FRAME_MARGIN)
            height = min(height, available.height() - FRAME_MARGIN)
            min_width, min_height = min(min_width, width), min(min_height, height)
        self.setMinimumSize(min_width, min_height)
        self.resize(min(self.width(), width) if self.isVisible() else width, height)

    def _row(self, form: QFormLayout, text: str, widget: QWidget, name: str) -> QLabel:
        label = QLabel(text)
        label.setBuddy(widget)
        form.addRow(label, widget)
        form.addRow(self.errors.add(name, widget))  # the message spans the row, under it
        return label

    def _show_allergy(self, warning: str | None) -> None:
        """Show (or hide) the allergy the product meets and the reason it asks for."""
        self.allergy_warning.setText(f"▲ {warning}" if warning else "")
        for widget in (self.allergy_warning, self.allergy_reason, self.allergy_reason_label):
            widget.setVisible(bool(warning))

    def _fix_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.when,
            self.device,
            self.intensity,
            self.product,
            self.allergy_reason,
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

    # ---- how a mode looks ------------------------------------------------------------------
    def _show_mode(self, record: SessionRecord | None) -> None:
        """Lock the form for a signed ``record``; show the buttons and fields that apply."""
        locked = record is not None and record.locked
        amending = record is not None and record.amends_id is not None
        for widget in (self.when, self.device, self.intensity, self.product, self.applied):
            set_locked(widget, locked)
        for edit in (self.removed, self.amendment, self.allergy_reason, self.notes):
            set_locked(edit, locked)
        self.recheck.set_read_only(locked)
        self.areas.set_read_only(locked)
        self.face_chart.set_read_only(locked)
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
        self.cancel_button.setText(self.tr("Close") if locked else self.tr("Cancel"))
        self.amendment.setVisible(amending)
        self.amendment_label.setVisible(amending)
        self.setWindowTitle(
            self.tr("Treatment session (signed)") if locked else self.tr("Record treatment session")
        )

    # ---- messages at the fields ------------------------------------------------------------
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
