"""Inline validation messages: a red line of text under the field that caused it."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

ERROR_STYLE = "color: #b3261e;"
INVALID_PROPERTY = "invalid"
INVALID_FIELD_STYLE = (
    "QLineEdit[invalid='true'], QPlainTextEdit[invalid='true'], QComboBox[invalid='true'] "
    "{ border: 1px solid #b3261e; border-radius: 3px; }"
)


def error_label() -> QLabel:
    """A hidden, word-wrapped label for one field's message."""
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def _mark_by_property(widget: QWidget, invalid: bool) -> None:
    widget.setProperty(INVALID_PROPERTY, invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class FieldErrors:
    """Shows each field's message under it and marks the field; remembers the tab order."""

    def __init__(self, mark: Callable[[QWidget, bool], None] | None = None) -> None:
        """``mark`` shows or clears a field's mark; by default the ``invalid`` property, for
        the dialog's own style sheet (INVALID_FIELD_STYLE) to draw."""
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}
        self._mark = mark or _mark_by_property

    def add(self, name: str, widget: QWidget) -> QLabel:
        """Register ``widget`` as field ``name``; returns the label to place under it."""
        label = error_label()
        self._fields[name] = (widget, label)
        return label

    def add_row(
        self, form: QFormLayout, name: str, caption: str, widget: QWidget, *extra: QWidget
    ) -> QLabel:
        """Add ``widget`` to ``form`` under a caption (its mnemonic focuses the widget), with
        ``extra`` widgets (hints) and then the field's message below it; returns the caption."""
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addWidget(widget)
        for item in extra:
            column.addWidget(item)
        column.addWidget(self.add(name, widget))
        label = QLabel(caption)
        # A few pixels more than the text's advance: the last glyph of some captions overhangs
        # it (the final 'o' of 'Teléfono' was cut).
        label.setMinimumWidth(label.sizeHint().width() + 4)
        label.setBuddy(widget)
        form.addRow(label, column)
        return label

    def show(self, errors: Mapping[str, str], only: set[str] | None = None) -> None:
        """Show ``errors`` (limited to the ``only`` fields when given) and clear the others."""
        for name, (widget, label) in self._fields.items():
            if only is not None and name not in only:
                continue
            message = errors.get(name, "")
            label.setText(message)
            label.setVisible(bool(message))
            self._mark(widget, bool(message))
            widget.setAccessibleDescription(message)
        # Word-wrapped labels do not report their height to the layout's minimum size; resize
        # the window so that no message is clipped and no field overlaps the buttons.
        if self._fields:
            window = next(iter(self._fields.values()))[0].window()
            layout = window.layout()
            if layout is not None:
                layout.activate()
            window.resize(window.width(), max(window.height(), window.sizeHint().height()))

    def follow_edits(self, validate: Callable[[], Mapping[str, str]] | None = None) -> None:
        """Keep the messages shown true while the person fixes the fields: when a field that
        shows a message is edited, ``validate()`` (every problem of the form now) decides
        whether it stays, with its new wording, or goes; without ``validate`` the message goes
        at the first edit (it spoke of what was there before; the next save checks again).
        Fields without a message get none while they are typed in. Call once, after the
        fields are added; a form that checks its fields as they change itself needs none."""
        for name, (widget, _label) in self._fields.items():
            if isinstance(widget, QLineEdit):
                widget.textEdited.connect(lambda _text, n=name: self._edited(n, validate))
            elif isinstance(widget, QPlainTextEdit):
                widget.textChanged.connect(lambda n=name: self._edited(n, validate))
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(lambda _i, n=name: self._edited(n, validate))

    def _edited(self, name: str, validate: Callable[[], Mapping[str, str]] | None) -> None:
        if not self.message(name):
            return
        self.show(validate() if validate is not None else {}, only={name})

    def message(self, name: str) -> str:
        """The message shown for ``name`` now ('' when none)."""
        _widget, label = self._fields[name]
        return label.text() if not label.isHidden() else ""

    def focus_first(self, errors: Mapping[str, str]) -> None:
        """Put the cursor in the first field (in form order) that has a message."""
        for name, (widget, _label) in self._fields.items():
            if name in errors:
                widget.setFocus()
                return
