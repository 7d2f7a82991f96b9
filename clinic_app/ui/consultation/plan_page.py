"""Wizard page: the plan. Intensity, sessions, interval, expected downtime, device profile, and
the price estimate from the clinic's price list (resources/pricing/price_list.toml)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clinic_app.domain.consultation.consultation_document import (
    AREAS_QUESTION,
    ConsultationContent,
    plan_errors,
    price_of,
    treatment_date_of,
)
from clinic_app.domain.consultation.consultation_form import Option
from clinic_app.domain.screening.screening import Choice, Question, QuestionKind
from clinic_app.ui.common.widget_names import named
from clinic_app.ui.consultation.answer_widgets import ChoiceAnswer
from clinic_app.ui.consultation.page_base import ConsultationPage, Problem, QuestionRow, wrapped
from clinic_app.ui.consultation.prescription_fields import AntiviralFields


def _choice_question(question_id: str, label: str, choices: list[Choice]) -> Question:
    return Question(id=question_id, kind=QuestionKind.CHOICE, label=label, choices=tuple(choices))


class PlanPage(ConsultationPage):
    """The plan agreed with the patient; the estimate follows every change."""

    page_id = "plan"

    def __init__(
        self,
        content: ConsultationContent,
        current_document: Callable[[], dict[str, Any]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(content.form.page("plan"), parent)
        self.content = content
        self.current_document = current_document
        self.areas: list[str] = []
        self.accepted: Option | None = None
        self._downtime_typed = False
        form = content.form
        self.intensity = ChoiceAnswer(
            _choice_question(
                "intensity",
                self.tr("Intensity"),
                [
                    Choice(
                        i.value,
                        self.tr("{label}: {description} (about {downtime_days} days)").format(
                            label=i.label, description=i.description, downtime_days=i.downtime_days
                        ),
                    )
                    for i in form.intensities
                ],
            )
        )
        self.sessions = ChoiceAnswer(
            _choice_question(
                "sessions_planned",
                self.tr("Sessions"),
                [
                    Choice(str(n), str(n))
                    for n in range(form.sessions.minimum, form.sessions.maximum + 1)
                ],
            )
        )
        sessions_layout = self.sessions.layout()
        if isinstance(sessions_layout, QBoxLayout):
            sessions_layout.setDirection(QBoxLayout.Direction.LeftToRight)
        self.interval = named(QSpinBox(), "interval_weeks")
        self.interval.setRange(form.interval_weeks.minimum, form.interval_weeks.maximum)
        self.interval.setValue(form.interval_weeks.default or form.interval_weeks.minimum)
        self.interval.setSuffix(self.tr(" weeks"))
        self.downtime = named(QSpinBox(), "expected_downtime_days")
        limits = form.expected_downtime_days
        self.downtime.setRange(limits.minimum - 1, limits.maximum)
        self.downtime.setSpecialValueText("—")
        self.downtime.setToolTip(self.tr("Filled in from the intensity; change it if needed"))
        self.downtime.setValue(limits.minimum - 1)
        self.downtime.setSuffix(self.tr(" days"))
        self.downtime.setMinimumWidth(110)
        self.downtime_hint = wrapped("", "help")
        self.device = named(QComboBox(), "device_profile")
        self.device.addItem(self.tr("Choose the laser's device profile…"), None)
        for profile_id, title in sorted(content.devices.items(), key=lambda item: item[1]):
            self.device.addItem(title, profile_id)
        self.antiviral = AntiviralFields(content.antiviral, self) if content.antiviral else None
        self.notes = named(QLineEdit(), "plan_notes")
        self.notes.setPlaceholderText(
            self.tr("optional, e.g. test spot at the pre-treatment visit")
        )
        self.price = named(QLabel(), "price_estimate")
        self.price.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.price_detail = wrapped("", "help")
        self.price_detail.setObjectName("price_detail")
        price_box = QWidget()
        price_layout = QVBoxLayout(price_box)
        price_layout.setContentsMargins(0, 0, 0, 0)
        price_layout.addWidget(self.price)
        price_layout.addWidget(self.price_detail)

        usual = form.interval_weeks
        interval_help = (
            self.tr("Usually {usual_min}-{usual_max} weeks.").format(
                usual_min=usual.usual_min, usual_max=usual.usual_max
            )
            if usual.usual_min and usual.usual_max
            else ""
        )
        self.row_of = {
            "intensity": QuestionRow(self.tr("Intensity"), self.intensity, stacked=True),
            "sessions_planned": QuestionRow(
                self.tr("Sessions"), self.sessions, source=form.sessions.source
            ),
            "interval_weeks": QuestionRow(
                self.tr("Interval between sessions"),
                self.interval,
                interval_help,
                source=usual.source,
            ),
            "expected_downtime_days": QuestionRow(self.tr("Expected downtime"), self.downtime),
            "device_profile_id": QuestionRow(self.tr("Device profile"), self.device),
            "notes": QuestionRow(self.tr("Notes for the plan"), self.notes, stacked=True),
            "price": QuestionRow(self.tr("Price estimate"), price_box, stacked=True),
            **(
                {
                    "prescriptions": QuestionRow(
                        self.tr("Prescriptions"), self.antiviral, stacked=True
                    )
                }
                if self.antiviral is not None
                else {}
            ),
        }
        downtime_layout = self.row_of["expected_downtime_days"].layout()
        assert isinstance(downtime_layout, QVBoxLayout)
        downtime_layout.insertWidget(1, self.downtime_hint)
        for row in self.row_of.values():
            self.add_row(row)
        self.body.addStretch(1)
        self.intensity.changed.connect(self._intensity_chosen)
        self.sessions.changed.connect(self._refresh)
        self.downtime.valueChanged.connect(self._downtime_changed)
        self.device.currentIndexChanged.connect(self._refresh)
        if self.antiviral is not None:
            self.antiviral.changed.connect(self._refresh)

    # data ----------------------------------------------------------------------------------
    def load(self, document: dict[str, Any]) -> None:
        plan = document.get("plan", {})
        self.intensity.set_value(plan.get("intensity"))
        sessions = plan.get("sessions_planned")
        self.sessions.set_value(str(sessions) if isinstance(sessions, int) else None)
        if isinstance(plan.get("interval_weeks"), int):
            self.interval.setValue(plan["interval_weeks"])
        downtime = plan.get("expected_downtime_days")
        if isinstance(downtime, int):
            self.downtime.setValue(downtime)
            self._downtime_typed = True
        index = self.device.findData(plan.get("device_profile_id"))
        self.device.setCurrentIndex(max(index, 0))
        self.notes.setText(str(plan.get("notes", "") or ""))
        if self.antiviral is not None:
            self.antiviral.load(plan.get("prescriptions"))

    def store(self, document: dict[str, Any]) -> None:
        sessions = self.sessions.value()
        downtime = self.downtime.value()
        document["plan"] = {
            "intensity": self.intensity.value(),
            "sessions_planned": int(sessions) if isinstance(sessions, str) else None,
            "interval_weeks": self.interval.value(),
            "expected_downtime_days": None if downtime < self.downtime.minimum() + 1 else downtime,
            "device_profile_id": self.device.currentData(),
            "notes": self.notes.text().strip(),
            "prescriptions": self.antiviral.value() if self.antiviral is not None else [],
        }

    # live feedback -------------------------------------------------------------------------
    def initializePage(self) -> None:
        document = self.current_document()
        areas = document.get("screening", {}).get(AREAS_QUESTION)
        self.areas = [a for a in areas if isinstance(a, str)] if isinstance(areas, list) else []
        self.accepted = self.content.form.downtime_choice(
            str(document.get("intake", {}).get("downtime_accepted", ""))
        )
        if self.antiviral is not None:
            self.antiviral.suggest_start(treatment_date_of(document))
            self.antiviral.show_hint(document.get("screening", {}).get("hsv_history") is True)
        self._refresh()
        super().initializePage()

    def _intensity_chosen(self) -> None:
        tier = self.content.form.intensity(str(self.intensity.value()))
        if tier is not None and not self._downtime_typed:
            self.downtime.blockSignals(True)
            self.downtime.setValue(tier.downtime_days)
            self.downtime.blockSignals(False)
        self._refresh()

    def _downtime_changed(self) -> None:
        self._downtime_typed = True
        self._refresh()

    def _refresh(self) -> None:
        sessions = self.sessions.value()
        self.interval.setEnabled(isinstance(sessions, str) and int(sessions) > 1)
        self._refresh_downtime_hint()
        self._refresh_price()
        if any(row.error.isVisible() for row in self.rows):
            self.show_problems(self.problems())

    def _refresh_downtime_hint(self) -> None:
        accepted = self.accepted
        days = self.downtime.value()
        if accepted is None or days < self.downtime.minimum() + 1:
            self.downtime_hint.setText("")
        elif accepted.max_days is not None and days > accepted.max_days:
            self.downtime_hint.setText(
                self.tr("⚠ Longer than the patient accepts ({label}): discuss it.").format(
                    label=accepted.label.lower()
                )
            )
            self.downtime_hint.setStyleSheet("color: #6b3d00; font-weight: bold;")
        else:
            self.downtime_hint.setText(
                self.tr("The patient accepts: {label}.").format(label=accepted.label.lower())
            )
            self.downtime_hint.setStyleSheet("")

    def _refresh_price(self) -> None:
        document = {"screening": {AREAS_QUESTION: self.areas}}
        self.store(document)
        estimate = price_of(document, self.content.price_list)
        prices = self.content.price_list
        labels = self._area_labels()
        if estimate is None:
            self.price.setText("—")
            self.price_detail.setText(self.tr("Choose the intensity and the number of sessions."))
            return
        if estimate.total is None:
            missing = ", ".join(labels.get(a, a) for a in estimate.missing)
            self.price.setText(self.tr("No estimate"))
            self.price_detail.setText(
                self.tr("The price list has no {intensity} price for: {missing}.").format(
                    intensity=estimate.intensity, missing=missing
                )
            )
            return
        lines = " + ".join(f"{labels.get(ln.area, ln.area)} {prices.format(ln.price)}"
                           for ln in estimate.lines)  # fmt: skip
        detail = self.tr("{sessions} × ({lines}) per session.").format(
            sessions=estimate.sessions, lines=lines
        )
        if estimate.covered:
            covered = ", ".join(labels.get(a, a) for a in estimate.covered)
            detail += self.tr(" Included in a larger area: {covered}.").format(covered=covered)
        if prices.placeholder and prices.note:
            detail += f" {prices.note}"
        total = prices.format(estimate.total)
        self.price.setText(
            self.tr("Placeholder: {total}").format(total=total) if prices.placeholder else total
        )
        self.price.setToolTip(
            self.tr("The price list is marked as placeholders: not this clinic's prices.")
            if prices.placeholder
            else ""
        )
        self.price_detail.setText(detail)
        self.price_detail.setToolTip(
            self.tr("Source: {source}").format(source=prices.source) if prices.source else ""
        )

    def _area_labels(self) -> dict[str, str]:
        question = self.content.rules.question(AREAS_QUESTION)
        return {c.value: c.label for c in question.choices} if question else {}

    # leaving -------------------------------------------------------------------------------
    def problems(self) -> list[Problem]:
        document: dict[str, Any] = {}
        self.store(document)
        document["screening"] = self.current_document().get("screening", {})
        errors = plan_errors(document, self.content.form, self.content.devices)
        targets = {
            "intensity": self.intensity,
            "sessions_planned": self.sessions,
            "interval_weeks": self.interval,
            "expected_downtime_days": self.downtime,
            "device_profile_id": self.device,
        }
        found = []
        for key, widget in targets.items():
            message = errors.get(f"plan.{key}")
            if message:
                found.append(Problem(widget, message, self.row_of[key]))
        if self.antiviral is not None:
            fields = {
                "drug": self.antiviral.drug,
                "start": self.antiviral.start,
                "days": self.antiviral.days,
            }
            for name, widget in fields.items():
                message = errors.get(f"plan.prescriptions.antiviral.{name}")
                if message:
                    found.append(Problem(widget, message, self.row_of["prescriptions"]))
        return found
