"""Help › Manual and Help › Keyboard shortcuts: text from resources/help/ (data, not code),
shown in a window of its own beside the main window; Close or Escape closes it.

``manual.toml`` holds a title and sections of Markdown; ``shortcuts.toml`` groups of
``{keys, does}``. Both are read when the window first opens.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from clinic_app.content import loads_toml, read_content, shipped

MANUAL = "help/manual.toml"
SHORTCUTS = "help/shortcuts.toml"


def _read(relative: str) -> dict[str, Any]:
    return loads_toml(read_content(shipped(relative), relative))


def _cell(text: str) -> str:
    """Text for a Markdown table cell: a '|' would end the cell."""
    return text.replace("|", "\\|")


def manual_markdown() -> str:
    """The manual as one Markdown document."""
    manual = _read(MANUAL)
    parts = [f"# {manual['title']}"]
    for section in manual["section"]:
        parts.append(f"## {section['title']}\n\n{section['text'].strip()}")
    return "\n\n".join(parts) + "\n"


def shortcuts_markdown() -> str:
    """The shortcut list as Markdown: a table per group."""
    parts = [QCoreApplication.translate("common.help_window", "# Keyboard shortcuts")]
    for group in _read(SHORTCUTS)["group"]:
        rows = "\n".join(
            f"| {_cell(item['keys'])} | {_cell(item['does'])} |" for item in group["shortcuts"]
        )
        parts.append(
            QCoreApplication.translate(
                "common.help_window", "## {group}\n\n| Keys | Does |\n|---|---|\n{rows}"
            ).format(group=group["title"], rows=rows)
        )
    return "\n\n".join(parts) + "\n"


class HelpWindow(QDialog):
    """Read-only help text; not modal, so that the window it explains can be used meanwhile."""

    def __init__(self, title: str, markdown: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(False)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.resize(640, 560)
        self.browser = QTextBrowser()
        self.browser.setObjectName("help_text")
        self.browser.setOpenExternalLinks(False)
        self.browser.setMarkdown(markdown)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)


def open_help(parent: QWidget, kind: str, windows: dict[str, HelpWindow]) -> HelpWindow:
    """Show the ``kind`` help ("manual" or "shortcuts"), reusing the window already made."""
    window = windows.get(kind)
    if window is None:
        if kind == "manual":
            window = HelpWindow(
                QCoreApplication.translate("common.help_window", "Manual"),
                manual_markdown(),
                parent,
            )
        else:
            window = HelpWindow(
                QCoreApplication.translate("common.help_window", "Keyboard shortcuts"),
                shortcuts_markdown(),
                parent,
            )
        windows[kind] = window
    if window.isVisible():  # already open, perhaps behind: bring it to the front
        window.raise_()
        window.activateWindow()
    window.show()
    return window
