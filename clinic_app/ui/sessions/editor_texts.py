"""What the session editor's banner, header and legend say, from the session and its context.

Plain text in, rich text out: typed or clinical text is escaped before it reaches a label.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from clinic_app.domain.sessions.session_series import Series
from clinic_app.services.sessions.session_context import PlanSummary
from clinic_app.services.sessions.treatment_sessions import SessionRecord
from clinic_app.ui.common.formatting import format_date, format_instant
from clinic_app.ui.sessions.styles import BANNER_DANGER, BANNER_LOCKED, BANNER_WARNING, escape


def banner(record: SessionRecord | None, warnings: Sequence[str]) -> tuple[str, str]:
    """The banner's style sheet and rich text ("" hides it): signed, amendment, or warnings."""
    lines: list[str] = []
    style = BANNER_WARNING
    if record is not None and record.locked:
        style = BANNER_LOCKED
        who = escape(record.signed_by or "?")
        lines.append(
            QCoreApplication.translate(
                "sessions.editor_texts",
                "<b>Signed and locked</b> by {who} on {signed_at}. Corrections are "
                "recorded as amendments; this record stays as it is.",
            ).format(who=who, signed_at=format_instant(record.signed_at))
        )
        if record.superseded:
            lines.append(
                QCoreApplication.translate(
                    "sessions.editor_texts",
                    "Superseded by a signed correction (amendment) of this session.",
                )
            )
        elif record.open_amendment_id is not None:
            lines.append(
                QCoreApplication.translate(
                    "sessions.editor_texts",
                    "A correction (amendment) of this session is being drafted.",
                )
            )
    elif warnings:
        style = BANNER_DANGER
        lines.append(
            QCoreApplication.translate("sessions.editor_texts", "<b>Check before treating:</b>")
        )
        lines += [f"• {escape(text)}" for text in warnings]
    if record is not None and record.amends_id is not None:
        lines.append(
            QCoreApplication.translate(
                "sessions.editor_texts",
                "This is a correction (amendment) of a signed session, which is kept unchanged.",
            )
        )
    return style, "<br>".join(lines)


def series_line(
    series: Series,
    plan: PlanSummary | None,
    previous: SessionRecord | None,
    record: SessionRecord | None,
) -> str:
    """The subtitle: the session's place in its series, the plan, and last session's day."""
    parts = [series.label]
    if plan is not None:
        parts.append(
            QCoreApplication.translate(
                "sessions.editor_texts",
                "plan of {completed_on}: {intensity}, every {interval_weeks} weeks",
            ).format(
                completed_on=format_date(plan.completed_on),
                intensity=plan.intensity
                or QCoreApplication.translate("sessions.editor_texts", "intensity not set"),
                interval_weeks=series.interval_weeks,
            )
        )
    else:
        parts.append(QCoreApplication.translate("sessions.editor_texts", "no plan"))
    if previous is not None and (record is None or previous.id != record.id):
        parts.append(
            QCoreApplication.translate(
                "sessions.editor_texts", "last session {performed_at}"
            ).format(performed_at=format_instant(previous.data.performed_at))
        )
    return " · ".join(parts)


def next_date_text(series: Series, day: dt.date) -> str:
    """When the next session is suggested, after one on ``day`` ("" without a plan)."""
    upcoming = series.next_date(day)
    return (
        QCoreApplication.translate(
            "sessions.editor_texts", "Next session suggested on or after {date}."
        ).format(date=format_date(upcoming))
        if upcoming
        else QCoreApplication.translate("sessions.editor_texts", "Last session of the plan.")
        if series.planned
        else ""
    )


def legend_text(baseline: SessionRecord | None, name: str) -> str:
    """What the highlighting of the area rows means; ``name`` says which session it compares."""
    if baseline is None:
        return QCoreApplication.translate(
            "sessions.editor_texts", "No earlier session to compare with."
        )
    day = format_instant(baseline.data.performed_at)
    highlighted = QCoreApplication.translate("sessions.editor_texts", "highlighted")
    meaning = QCoreApplication.translate(
        "sessions.editor_texts", "= differs from the {name} ({day})"
    ).format(name=name, day=escape(day))
    return f'<span style="background:#fff0b3">&nbsp;{highlighted}&nbsp;</span> {meaning}'


def amend_question() -> str:
    """What amending a signed session does, asked before it is done."""
    return QCoreApplication.translate(
        "sessions.editor_texts",
        "A new version of the session is drafted for your corrections. The signed record stays "
        "unchanged and is shown as superseded once the amendment is signed.",
    )
