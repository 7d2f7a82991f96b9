"""A form draft of a session that another workstation signed and locked meanwhile.

The typing cannot go into a locked record, and dropping it unseen would lose it: the person is
told, once, what was typed that the signed session does not hold, so that it can be added as an
amendment; then the draft is removed (it can never be restored into the locked session)."""

from __future__ import annotations

import json
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from clinic_app.domain.sessions.device_profile import PARAMETER_LABELS
from clinic_app.domain.sessions.session_record import area_label
from clinic_app.services import form_drafts
from clinic_app.ui.common.dialog_service import DialogService
from clinic_app.ui.common.form_draft_keeper import FormDraftKeeper
from clinic_app.ui.common.i18n import QT_TRANSLATE_NOOP

TITLE = QT_TRANSLATE_NOOP("sessions.signed_meanwhile", "Signed meanwhile")
# The form draft's plain fields a person types, as the editor labels them.
FIELD_LABELS = {
    "notes": QT_TRANSLATE_NOOP("sessions.signed_meanwhile", "Notes"),
    "amendment_reason": QT_TRANSLATE_NOOP("sessions.signed_meanwhile", "Reason for the amendment"),
    "anaesthetic_product": QT_TRANSLATE_NOOP("sessions.signed_meanwhile", "Topical anaesthetic"),
    "anaesthetic_applied_at": QT_TRANSLATE_NOOP(
        "sessions.signed_meanwhile", "Anaesthetic applied at"
    ),
    "anaesthetic_removed_at": QT_TRANSLATE_NOOP(
        "sessions.signed_meanwhile", "Anaesthetic removed at"
    ),
    "anaesthetic_ack_reason": QT_TRANSLATE_NOOP(
        "sessions.signed_meanwhile", "Allergy acknowledgement"
    ),
}


def typed_differences(typed: Mapping[str, str], shown: Mapping[str, str]) -> list[str]:
    """One line per value typed in the draft that the signed session (``shown``) lacks."""
    lines = [
        f"{QCoreApplication.translate('sessions.signed_meanwhile', label)}: {typed[key]}"
        for key, label in FIELD_LABELS.items()
        if typed.get(key, "").strip() and typed.get(key) != shown.get(key)
    ]
    typed_rows, shown_rows = _rows(typed.get("areas")), _rows(shown.get("areas"))
    for index, row in enumerate(typed_rows):
        before = shown_rows[index] if index < len(shown_rows) else {}
        fields, old = row.get("fields"), before.get("fields")
        if not isinstance(fields, Mapping):
            continue
        old = old if isinstance(old, Mapping) else {}
        area = area_label(str(row.get("area", ""))) or QCoreApplication.translate(
            "sessions.signed_meanwhile", "Row {number}"
        ).format(number=index + 1)
        for name, text in fields.items():
            if str(text).strip() and text != old.get(name):
                lines.append(f"{area}, {PARAMETER_LABELS.get(name, name)}: {text}")
    return lines


def _rows(text: str | None) -> list[Mapping[str, object]]:
    try:
        rows = json.loads(text) if text else []
    except ValueError:
        return []
    return [row for row in rows if isinstance(row, Mapping)] if isinstance(rows, list) else []


def tell_and_forget(
    keeper: FormDraftKeeper,
    dialogs: DialogService,
    parent: QWidget,
    key: str,
    shown: Mapping[str, str],
) -> bool:
    """If a form draft ``key`` is on disk for a session now locked, say what it held that the
    signed session lacks, then remove it. Always False: nothing is restored."""
    if keeper.data_dir is None:
        return False
    typed = form_drafts.load(keeper.data_dir, key)
    if typed is None:
        return False
    lines = typed_differences(typed, shown)
    if lines:
        listing = "\n".join(f"• {line}" for line in lines)
        dialogs.info(
            parent,
            QCoreApplication.translate("sessions.signed_meanwhile", TITLE),
            QCoreApplication.translate(
                "sessions.signed_meanwhile",
                "This session was signed and locked on another workstation after changes "
                "were typed here, so these were not saved in it. If they matter, record "
                "them as an amendment:\n\n{listing}",
            ).format(listing=listing),
        )
    keeper.discard(key)
    return False
