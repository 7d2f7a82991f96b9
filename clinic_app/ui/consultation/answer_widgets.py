"""One widget per kind of screening question, each with an explicit answer and no default.

Nothing is checked until the person answers: "No" is an answer (``False``), nothing chosen is
"not asked" (``None``). Each widget is one Tab stop (arrows move inside a group, Space chooses)
and understands letter keys: Y/N for yes and no, C for "currently", D for a date, digits for the
n-th choice. The JSON shapes follow docs/screening.md.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from clinic_app.domain.screening.screening import (
    CURRENT,
    Question,
    QuestionKind,
    format_date,
    parse_date,
)
from clinic_app.ui.common.i18n import QT_TRANSLATE_NOOP

NOT_ANSWERED = None
_TYPED = "\u0000typed"  # the answer of the radio whose value is typed beside it


class AnswerWidget(QWidget):
    """Base: ``value()`` is the JSON answer or None; ``problem()`` says what is missing."""

    changed = Signal()

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.setObjectName(f"answer_{question.id}")
        self.keys: dict[str, QAbstractButton | QWidget] = {}

    def value(self) -> object:
        raise NotImplementedError

    def set_value(self, value: object) -> None:
        raise NotImplementedError

    def problem(self) -> str | None:
        """Why the answer cannot be kept as it is (None when it can)."""
        if self.value() is NOT_ANSWERED:
            return self.tr("{label}: not answered yet.").format(label=self.question.label)
        return None

    def focus_target(self) -> QWidget:
        return self.focusProxy() or self

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """A letter or digit that names a choice answers with it."""
        target = self.keys.get(event.text().lower()) if event.text() else None
        if target is None or event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier:
            super().keyPressEvent(event)
            return
        if isinstance(target, QAbstractButton):
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)
            target.click()
        else:
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        event.accept()


class _RadioAnswer(AnswerWidget):
    """Radio buttons in an exclusive group, none checked at first."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.group.buttonToggled.connect(self._toggled)

    def _toggled(self, _button: QAbstractButton, checked: bool) -> None:
        if checked:
            self.changed.emit()

    def add_radio(self, text: str, value: object, key: str = "", name: str = "") -> QRadioButton:
        button = QRadioButton(text)
        button.setProperty("answer", value)
        button.setObjectName(f"{self.question.id}_{name or str(value).lower()}")
        self.group.addButton(button)
        if key:
            self.keys[key] = button
        if self.focusProxy() is None:
            self.setFocusProxy(button)
        return button

    def checked_value(self) -> object:
        button = self.group.checkedButton()
        return NOT_ANSWERED if button is None else button.property("answer")

    def check_value(self, value: object) -> bool:
        """Check the button whose answer is ``value``; unknown or None clears the group."""
        for button in self.group.buttons():
            if value is not None and button.property("answer") == value:
                button.setChecked(True)
                return True
        self.group.setExclusive(False)
        for button in self.group.buttons():
            button.setChecked(False)
        self.group.setExclusive(True)
        return False


class YesNoAnswer(_RadioAnswer):
    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.setToolTip(self.tr("Y = yes, N = no"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.yes = self.add_radio(self.tr("Yes"), True, "y")
        self.no = self.add_radio(self.tr("No"), False, "n")
        layout.addWidget(self.yes)
        layout.addWidget(self.no)

    def value(self) -> object:
        return self.checked_value()

    def set_value(self, value: object) -> None:
        self.check_value(value if isinstance(value, bool) else None)


class ChoiceAnswer(_RadioAnswer):
    """One of the question's choices, listed with their descriptions (e.g. Fitzpatrick)."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.setToolTip(self.tr("Arrows move, Space chooses; or type the number of a choice"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        for index, choice in enumerate(question.choices, start=1):
            key = str(index) if index < 10 else ""
            layout.addWidget(self.add_radio(choice.label, choice.value, key))

    def value(self) -> object:
        return self.checked_value()

    def set_value(self, value: object) -> None:
        self.check_value(value if isinstance(value, str) else None)


class MultiChoiceAnswer(AnswerWidget):
    """Tick every choice that applies; "None of these" is the explicit empty answer."""

    NONE_TEXT = QT_TRANSLATE_NOOP("MultiChoiceAnswer", "None of these")

    def __init__(self, question: Question, parent: QWidget | None = None, columns: int = 3):
        super().__init__(question, parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(18)
        self.boxes: dict[str, QCheckBox] = {}
        for index, choice in enumerate(question.choices):
            box = QCheckBox(choice.label)
            box.setObjectName(f"{question.id}_{choice.value}")
            box.toggled.connect(lambda checked, b=box: self._toggled(b, checked))
            self.boxes[choice.value] = box
            grid.addWidget(box, index // columns, index % columns)
        self.none_box: QCheckBox | None = None
        if question.min_selected == 0:
            self.none_box = QCheckBox(self.tr(self.NONE_TEXT))
            self.none_box.setObjectName(f"{question.id}_none")
            self.none_box.setToolTip(self.tr("N = none of these"))
            self.none_box.toggled.connect(lambda checked: self._toggled(self.none_box, checked))
            self.keys["n"] = self.none_box
            rows = (len(question.choices) + columns - 1) // columns
            grid.addWidget(self.none_box, rows, 0, 1, columns)
        grid.setColumnStretch(columns, 1)
        first = next(iter(self.boxes.values()), None) or self.none_box
        if first is not None:
            self.setFocusProxy(first)

    def _toggled(self, box: QCheckBox | None, checked: bool) -> None:
        if checked and box is self.none_box:
            for other in self.boxes.values():
                other.setChecked(False)
        elif checked and self.none_box is not None:
            self.none_box.setChecked(False)
        self.changed.emit()

    def value(self) -> object:
        chosen = [value for value, box in self.boxes.items() if box.isChecked()]
        if chosen:
            return chosen
        if self.none_box is not None and self.none_box.isChecked():
            return []
        return NOT_ANSWERED

    def set_value(self, value: object) -> None:
        chosen = set(value) if isinstance(value, list) else set()
        for name, box in self.boxes.items():
            box.setChecked(name in chosen)
        if self.none_box is not None:
            self.none_box.setChecked(isinstance(value, list) and not value)

    def problem(self) -> str | None:
        if self.value() is NOT_ANSWERED:
            if self.none_box is None:
                return self.tr("{label}: tick at least one.").format(label=self.question.label)
            return self.tr('{label}: tick what applies, or "{none}".').format(
                label=self.question.label, none=self.tr(self.NONE_TEXT)
            )
        return None


class _TextChoiceAnswer(_RadioAnswer):
    """Radios where the last one takes a typed value (a date, or a description)."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.layout_ = QHBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit()
        self.edit.setObjectName(f"{question.id}_text")
        self.edit.textEdited.connect(self._typed)
        self.typed_radio: QRadioButton | None = None

    def _typed(self, text: str) -> None:
        if text.strip() and self.typed_radio is not None and not self.typed_radio.isChecked():
            self.typed_radio.setChecked(True)
        self.changed.emit()

    def value(self) -> object:
        value = self.checked_value()
        if value == _TYPED:
            return self.edit.text().strip()
        return value

    def set_value(self, value: object) -> None:
        self.edit.clear()
        if not isinstance(value, str) or not value.strip():
            self.check_value(value if value is False else None)
        elif not self.check_value(value):
            self.edit.setText(value)
            if self.typed_radio is not None:
                self.typed_radio.setChecked(True)


class ExposureAnswer(_TextChoiceAnswer):
    """No, currently, or the date last used or done (YYYY-MM-DD)."""

    def __init__(
        self, question: Question, parent: QWidget | None = None, today: dt.date | None = None
    ) -> None:
        super().__init__(question, parent)
        self.today = today or dt.date.today()
        self.setToolTip(self.tr("N = no, C = currently, D = type the date last used or done"))
        self.no = self.add_radio(self.tr("No"), False, "n")
        self.current = self.add_radio(self.tr("Currently"), CURRENT, "c")
        self.typed_radio = self.add_radio(self.tr("Last on"), _TYPED, "", "date")
        self.keys["d"] = self.edit
        self.typed_radio.toggled.connect(self._date_chosen)
        self.edit.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.edit.setMaximumWidth(120)
        for widget in (self.no, self.current, self.typed_radio, self.edit):
            self.layout_.addWidget(widget)

    def _date_chosen(self, checked: bool) -> None:
        """Choosing "Last on" by keyboard puts the cursor in the date."""
        chosen_here = self.typed_radio is not None and self.typed_radio.hasFocus()
        if checked and chosen_here and not self.edit.text():
            self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def problem(self) -> str | None:
        value = self.value()
        label = self.question.label
        if value is NOT_ANSWERED:
            return self.tr("{label}: not answered yet.").format(label=label)
        if isinstance(value, str) and value != CURRENT:
            if not value:
                return self.tr("{label}: write the date as YYYY-MM-DD.").format(label=label)
            try:
                used = parse_date(value)
            except ValueError as exc:
                return f"{label}: {exc}."
            if used > self.today:
                return self.tr(
                    '{label}: {date} is after today; choose "Currently" if the patient still '
                    "uses it."
                ).format(label=label, date=format_date(used))
        return None


class DetailsAnswer(_TextChoiceAnswer):
    """None, or a description in words (allergies, other medications)."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.setToolTip(self.tr("N = none, Y = type them"))
        self.none = self.add_radio(self.tr("None"), False, "n")
        self.typed_radio = self.add_radio(self.tr("Yes:"), _TYPED, "", "text")
        self.keys["y"] = self.edit
        self.edit.setPlaceholderText(self.tr("which, in words"))
        self.edit.setMinimumWidth(220)
        for widget in (self.none, self.typed_radio, self.edit):
            self.layout_.addWidget(widget)
        self.layout_.setStretchFactor(self.edit, 1)

    def problem(self) -> str | None:
        value = self.value()
        if value is NOT_ANSWERED:
            return self.tr("{label}: not answered yet.").format(label=self.question.label)
        if value == "":
            return self.tr("{label}: write which, or choose None.").format(
                label=self.question.label
            )
        return None


def answer_widget(question: Question, today: dt.date | None = None) -> AnswerWidget:
    """The widget for ``question``'s kind."""
    if question.kind is QuestionKind.YES_NO:
        return YesNoAnswer(question)
    if question.kind is QuestionKind.CHOICE:
        return ChoiceAnswer(question)
    if question.kind is QuestionKind.MULTI_CHOICE:
        return MultiChoiceAnswer(question)
    if question.kind is QuestionKind.EXPOSURE:
        return ExposureAnswer(question, today=today)
    return DetailsAnswer(question)
