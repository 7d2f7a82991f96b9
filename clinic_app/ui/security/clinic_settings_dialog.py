"""The clinic's details (asked at the first start; Settings > Clinic details later)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinic_app.db import Database
from clinic_app.services.errors import StaleRecordError, ValidationError
from clinic_app.services.security.identity import Actor, PermissionDeniedError
from clinic_app.services.settings import clinic
from clinic_app.services.settings.clinic import PAPER_SIZES, ClinicDetails
from clinic_app.ui.common.dialog_service import DialogService
from clinic_app.ui.common.field_errors import INVALID_FIELD_STYLE, FieldErrors
from clinic_app.ui.common.widget_names import named

LOGO_PREVIEW_HEIGHT = 64


def locale_country() -> str:
    """The country this computer is set to, as an ISO 3166 code ('CA'), or ''."""
    territory = QLocale.system().territory()
    if territory == QLocale.Country.AnyTerritory:
        return ""
    return QLocale.territoryToCode(territory)


class ClinicSettingsDialog(QDialog):
    """Name, address, phone, e-mail, logo and paper size: the letterhead of every handout."""

    def __init__(
        self,
        database: Database,
        actor: Actor,
        dialogs: DialogService,
        parent: QWidget | None = None,
        first_start: bool = False,
    ) -> None:
        super().__init__(parent)
        self._database = database
        self._actor = actor
        self._dialogs = dialogs
        self._logo: bytes | None = None
        self._logo_filename = ""
        self.setWindowTitle(
            self.tr("Welcome: your clinic's details") if first_start else self.tr("Clinic details")
        )
        self.setStyleSheet(INVALID_FIELD_STYLE)
        self.setMinimumWidth(560)

        self.name = named(QLineEdit(), "name")
        self.address = named(QPlainTextEdit(), "address")
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(70)
        self.phone = named(QLineEdit(), "phone")
        self.phone.setPlaceholderText(self.tr("e.g. +1 555 123 4567"))
        self.email = named(QLineEdit(), "email")
        self.email.setPlaceholderText("front-desk@your-clinic.com")
        self.paper_size = named(QComboBox(), "paper_size")
        self.paper_size.addItems(PAPER_SIZES)
        # Until the person picks a size, it follows the address and phone typed (a stored
        # size was picked): Letter in the United States and Canada, A4 elsewhere.
        self._paper_chosen = False
        self.paper_size.activated.connect(self._paper_picked)
        self.paper_hint = named(QLabel(), "paper_hint")
        self.paper_hint.setStyleSheet("color: palette(mid);")
        self.paper_hint.setWordWrap(True)
        self.logo_preview = QLabel(self.tr("No logo"))
        self.logo_preview.setFixedHeight(LOGO_PREVIEW_HEIGHT)
        self.choose_logo = QPushButton(self.tr("Choose &logo…"))
        self.choose_logo.clicked.connect(self._pick_logo)
        self.remove_logo = QPushButton(self.tr("&Remove logo"))
        self.remove_logo.clicked.connect(lambda: self.set_logo(None, ""))

        self.errors = FieldErrors()
        form = QFormLayout()
        intro = QLabel(
            self.tr(
                "These details head every handout a patient takes home. You can change "
                "them later under Settings › Clinic details."
            )
        )
        intro.setWordWrap(True)
        form.addRow(intro)
        rows: list[tuple[str, str, QWidget]] = [
            ("name", self.tr("Clinic &name"), self.name),
            ("address", self.tr("&Address"), self.address),
            ("phone", self.tr("&Phone"), self.phone),
            ("email", self.tr("&E-mail"), self.email),
            ("paper_size", self.tr("Paper si&ze"), self.paper_size),
        ]
        for key, caption, widget in rows:
            hints = [self.paper_hint] if key == "paper_size" else []
            self.errors.add_row(form, key, caption, widget, *hints)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_preview, 1)
        logo_row.addWidget(self.choose_logo)
        logo_row.addWidget(self.remove_logo)
        logo_column = QVBoxLayout()
        logo_column.addLayout(logo_row)
        logo_column.addWidget(self.errors.add("logo", self.choose_logo))
        form.addRow(self.tr("Logo"), logo_column)
        self.errors.follow_edits(lambda: clinic.validate_details(self.details()))

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)  # height left by a message that went stays below the fields
        layout.addWidget(self.buttons)

        self._version: int | None = None
        with database.session() as session:
            stored = clinic.load(session)
            if stored is not None:
                self._version = stored.version
                self._fill(clinic.details_of(stored))
                self._paper_chosen = True
        self.set_logo(self._logo, self._logo_filename)
        self.address.textChanged.connect(self._follow_country)
        self.phone.textChanged.connect(self._follow_country)
        self._follow_country()
        self.name.setFocus()

    # the paper follows the clinic's country ----------------------------------------------
    def _paper_picked(self, _index: int) -> None:
        self._paper_chosen = True
        self._follow_country()

    def _follow_country(self) -> None:
        """Propose the paper of the clinic's country (clinic.suggested_paper_size), and say
        why under it; once a size was picked, only say so when the rule would differ."""
        suggestion = clinic.suggested_paper_size(
            self.address.toPlainText(), self.phone.text(), locale_country()
        )
        if not self._paper_chosen:
            self.paper_size.setCurrentText(suggestion.size)
            hint = self.tr("Proposed: {size}, as {reason}.").format(
                size=suggestion.size, reason=suggestion.reason
            )
        elif suggestion.size != self.paper_size.currentText():
            hint = self.tr("{size} is usual here: {reason}.").format(
                size=suggestion.size, reason=suggestion.reason
            )
        else:
            hint = ""
        self.paper_hint.setText(hint)
        self.paper_hint.setVisible(bool(hint))

    def _fill(self, details: ClinicDetails) -> None:
        self.name.setText(details.name)
        self.address.setPlainText(details.address)
        self.phone.setText(details.phone)
        self.email.setText(details.email)
        self.paper_size.setCurrentText(details.paper_size)
        self._logo, self._logo_filename = details.logo, details.logo_filename

    def set_logo(self, data: bytes | None, filename: str) -> None:
        """Use ``data`` (PNG or JPEG bytes) as the logo, or none."""
        self._logo, self._logo_filename = data, filename
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.logo_preview.setPixmap(
                pixmap.scaledToHeight(
                    LOGO_PREVIEW_HEIGHT, Qt.TransformationMode.SmoothTransformation
                )
            )
        else:
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText(filename if data else self.tr("No logo"))
        self.remove_logo.setEnabled(data is not None)

    def _pick_logo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose the clinic's logo"), "", self.tr("Images (*.png *.jpg *.jpeg)")
        )
        if not path:
            return
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            self.errors.show(
                {
                    "logo": self.tr("Cannot read {path}: {strerror}.").format(
                        path=path, strerror=exc.strerror
                    )
                },
                only={"logo"},
            )
            return
        self.set_logo(data, Path(path).name)
        self._refresh({"logo"})

    def details(self) -> ClinicDetails:
        """What the form holds now."""
        return ClinicDetails(
            name=self.name.text(),
            phone=self.phone.text(),
            address=self.address.toPlainText(),
            email=self.email.text(),
            paper_size=self.paper_size.currentText(),
            logo=self._logo,
            logo_filename=self._logo_filename,
        )

    def _refresh(self, only: set[str] | None = None) -> dict[str, str]:
        errors = clinic.validate_details(self.details())
        self.errors.show(errors, only=only)
        return errors

    def save(self) -> None:
        """Validate and store; the dialog stays open with the input kept when anything is wrong."""
        errors = self._refresh()
        if errors:
            self.errors.focus_first(errors)
            return
        try:
            with self._database.session() as session:
                clinic.save(
                    session,
                    self._actor,
                    self.details(),
                    expected_version=self._version,
                    expect_new=self._version is None,
                )
        except ValidationError as exc:
            self.errors.show(exc.errors)
            self.errors.focus_first(exc.errors)
            return
        except (StaleRecordError, PermissionDeniedError) as exc:
            self._dialogs.error(self, self.tr("Clinic details not saved"), str(exc))
            return
        self.accept()
