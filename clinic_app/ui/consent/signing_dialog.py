"""The signing dialog: the whole consent text, the photo ticks and two signatures.

Sign is enabled once the text has been scrolled to its end. The risks particular to the patient
are highlighted. The consent is frozen through services/consent/consents.py; a refused field
gets its message at the field and the dialog stays open with everything drawn kept.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from clinic_app.db import Database
from clinic_app.domain.consent.consent_document import (
    BULLET,
    HEADING,
    PARTICULAR,
    TITLE,
    ConsentDocument,
)
from clinic_app.domain.screening.screening_model import RuleSet
from clinic_app.services.consent import consents
from clinic_app.services.consent.consent_drafts import ConsentDraft
from clinic_app.services.errors import ServiceError, ValidationError
from clinic_app.services.security.identity import Actor
from clinic_app.ui.common.field_errors import FieldErrors
from clinic_app.ui.common.i18n import QT_TRANSLATE_NOOP
from clinic_app.ui.common.widget_names import named
from clinic_app.ui.consent.signer_box import SignerBox

HIGHLIGHT = "#fff4d6"
READ_TO_THE_END = QT_TRANSLATE_NOOP(
    "consent.signing_dialog", "Scroll to the end of the text to sign."
)


def text_html(text: str) -> str:
    """The marked consent text as HTML: headings, items, particular risks highlighted."""
    parts: list[str] = []
    for line in text.splitlines():
        if line.startswith(TITLE):
            parts.append(f"<h2>{escape(line[len(TITLE) :])}</h2>")
        elif line.startswith(HEADING):
            parts.append(f"<h3>{escape(line[len(HEADING) :])}</h3>")
        elif line.startswith(BULLET):
            parts.append(f"<p style='margin-left:14px'>• {escape(line[len(BULLET) :])}</p>")
        elif line.startswith(PARTICULAR):
            body = escape(line[len(PARTICULAR) :])
            parts.append(
                QCoreApplication.translate(
                    "consent.signing_dialog",
                    "<table width='100%' cellpadding='6' style='margin:4px 0'><tr><td "
                    "bgcolor='{colour}'><b>For you:</b> {body}</td></tr></table>",
                ).format(colour=HIGHLIGHT, body=body)
            )
        elif line.strip():
            parts.append(f"<p>{escape(line)}</p>")
    return "\n".join(parts)


class ConsentSigningDialog(QDialog):
    """Read, tick, sign twice, save; ``saved`` holds the frozen consent after acceptance."""

    def __init__(
        self,
        database: Database,
        actor: Actor,
        draft: ConsentDraft,
        document: ConsentDocument,
        rules: RuleSet,
        patient_name: str,
        parent: QWidget | None = None,
        language_notice: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Informed consent"))
        self._database = database
        self._actor = actor
        self._draft = draft
        self._document = document
        self._rules = rules
        self.saved: consents.ConsentView | None = None
        self.errors = FieldErrors()
        self.text = named(QTextBrowser(), "consent_text")
        self.text.setHtml(text_html(draft.text))
        self.text.setOpenLinks(False)
        self.read_hint = named(
            QLabel(QCoreApplication.translate("consent.signing_dialog", READ_TO_THE_END)),
            "read_hint",
        )
        self.photo = named(QCheckBox(document.label("photo_tick")), "photo_clinical")
        self.marketing = named(QCheckBox(document.label("marketing_tick")), "photo_marketing")
        self.marketing.setEnabled(False)
        self.photo.toggled.connect(self._photo_toggled)
        self.patient = SignerBox(
            document.label("patient_signature"), "patient", patient_name, self.errors
        )
        self.witness = SignerBox(
            document.label("witness_signature"), "witness", actor.name, self.errors
        )
        buttons = QDialogButtonBox()
        self.sign_button = named(QPushButton(self.tr("&Sign consent")), "sign_consent")
        self.sign_button.setEnabled(False)
        self.sign_button.setDefault(True)
        buttons.addButton(self.sign_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.sign)
        buttons.rejected.connect(self.reject)
        self.text_error = self.errors.add("text", self.text)
        pads = QHBoxLayout()
        pads.addWidget(self.patient)
        pads.addWidget(self.witness)
        layout = QVBoxLayout(self)
        # The text is in English although the patient reads another language (docs/language.md).
        self.language_notice = named(QLabel(language_notice), "language_notice")
        self.language_notice.setWordWrap(True)
        self.language_notice.setStyleSheet(
            "background: #fff4ce; color: #5c4400; border: 1px solid #e0b400; padding: 6px;"
        )
        self.language_notice.setVisible(bool(language_notice))
        layout.addWidget(self.language_notice)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.text_error)
        layout.addWidget(self.read_hint)
        layout.addWidget(self.photo)
        layout.addWidget(self.marketing)
        layout.addWidget(self.errors.add("photo_marketing", self.marketing))
        layout.addLayout(pads)
        layout.addWidget(buttons)
        bar = self.text.verticalScrollBar()
        bar.valueChanged.connect(self._check_read)
        bar.rangeChanged.connect(lambda _low, _high: self._check_read())
        self.resize(980, 760)
        self.setTabOrder(self.text, self.photo)
        self.setTabOrder(self.photo, self.marketing)
        self.setTabOrder(self.marketing, self.patient.pad)
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def read_to_the_end(self) -> bool:
        bar = self.text.verticalScrollBar()
        return bar.value() >= bar.maximum()

    def _check_read(self) -> None:
        if self.read_to_the_end and not self.sign_button.isEnabled():
            self.sign_button.setEnabled(True)  # once read, it stays enabled
            self.read_hint.setText(self.tr("Read to the end: sign below."))

    def _photo_toggled(self, on: bool) -> None:
        self.marketing.setEnabled(on)
        if not on:
            self.marketing.setChecked(False)

    def sign(self) -> None:
        """Freeze the consent; on a refused field show why there and stay open."""
        if not self.sign_button.isEnabled():
            return
        try:
            with self._database.session() as session:
                self.saved = consents.record(
                    session,
                    self._actor,
                    self._draft,
                    patient=self.patient.signer(),
                    witness=self.witness.signer(),
                    photo_clinical=self.photo.isChecked(),
                    photo_marketing=self.marketing.isChecked(),
                    rules=self._rules,
                    document=self._document,
                )
        except ValidationError as exc:
            self.errors.show(exc.errors)
            self.errors.focus_first(exc.errors)
            return
        except ServiceError as exc:
            self.errors.show({"text": str(exc)})
            return
        self.accept()

    @classmethod
    def ask(
        cls,
        database: Database,
        actor: Actor,
        draft: ConsentDraft,
        document: ConsentDocument,
        rules: RuleSet,
        patient_name: str,
        parent: QWidget | None = None,
        language_notice: str = "",
    ) -> consents.ConsentView | None:
        """Show the dialog; the frozen consent, or None when cancelled."""
        dialog = cls(database, actor, draft, document, rules, patient_name, parent, language_notice)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.saved if accepted else None
