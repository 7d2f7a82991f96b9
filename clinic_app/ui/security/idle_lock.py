"""Automatic lock after a period without input, without losing anything typed.

Locking covers every open window (the main window and any open form) with an opaque curtain
and asks for the signed-in user's password in an application-modal dialog. Nothing is closed
or hidden: forms, their text and their own dialogs stay exactly as they were underneath.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinic_app.domain.clock import minutes_text
from clinic_app.services.security.identity import LoginResult, SignedInUser
from clinic_app.ui.common.background import run_in_background
from clinic_app.ui.common.form_draft_keeper import close_keeping_drafts
from clinic_app.ui.common.widget_names import named

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
    }
)


class IdleWatcher(QObject):
    """Emits ``idle`` when no key, mouse or touch input reached the application for a while.

    Input from the window system reaches a top-level window (QWindow) before the widget it is
    for, so the watcher filters the events of the app's top-level windows only: the windows
    there are when it starts and whenever the focus moves to another window (a window newly
    shown takes the focus). It is not an application-wide event filter, which would pass every
    event of every widget through Python (and, at start-up, make PySide build the Python types
    of every widget class that receives one, some 50 ms). Input the watcher misses can only make
    the lock come sooner, never later.
    """

    idle = Signal()

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)
        self.set_minutes(minutes)
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        app.focusWindowChanged.connect(self.watch_windows)
        self._watching = True
        self.watch_windows()
        QTimer.singleShot(0, self, self.watch_windows)  # the windows being shown now
        self.timer.start()

    def watch_windows(self) -> None:
        """Filter the input of every top-level window (installing twice is harmless)."""
        if not self._watching:
            return
        for window in QGuiApplication.topLevelWindows():
            window.installEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        self.minutes = minutes
        self.timer.setInterval(minutes * 60_000)

    def pause(self) -> None:
        self.timer.stop()

    def restart(self) -> None:
        self.watch_windows()
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS and self.timer.isActive():
            self.timer.start()
        return False

    def stop(self) -> None:
        """Stop watching (the window is closing)."""
        self.timer.stop()
        app = QGuiApplication.instance()
        if self._watching and isinstance(app, QGuiApplication):
            self._watching = False
            app.focusWindowChanged.disconnect(self.watch_windows)
            for window in QGuiApplication.topLevelWindows():
                window.removeEventFilter(self)


class Curtain(QWidget):
    """An opaque cover over one window while the app is locked."""

    def __init__(self, window: QWidget, text: str) -> None:
        super().__init__(window)
        self.setObjectName("lock_curtain")
        self.setAutoFillBackground(True)
        self.setAttribute(QtCore.Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("#lock_curtain { background: #3b4252; } QLabel { color: white; }")
        label = QLabel(text)
        label.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        label.setFont(font)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        window.installEventFilter(self)
        self.setGeometry(window.rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
            self.raise_()
        elif event.type() == QEvent.Type.ChildAdded:
            QTimer.singleShot(0, self.raise_)
        return False


class UnlockDialog(QDialog):
    """Asks for the signed-in user's password; cannot be dismissed any other way.

    Enter in the password field presses the default button, Unlock: that is the one way a
    password is checked, so one Enter is one attempt (a field's returnPressed connected as well
    would check it twice, the second time with the field already cleared). The check runs in a
    worker (argon2id takes some 0.1 s); ``checked`` is emitted once its answer is shown."""

    checked = Signal()
    quit_requested = Signal()

    def __init__(
        self,
        user: SignedInUser,
        check_password: Callable[[str], LoginResult],
        reason: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._check = check_password
        self.checking = False
        self.setObjectName("unlock_dialog")
        self.setWindowTitle(self.tr("Locked — CO2 Resurfacing Consultation"))
        self.setWindowModality(QtCore.Qt.WindowModality.ApplicationModal)
        self.setWindowFlag(QtCore.Qt.WindowType.WindowCloseButtonHint, False)
        self.setMinimumWidth(440)
        self.explanation = named(
            QLabel(
                self.tr(
                    "{reason}\n\nSigned in as {display_name} ({username}). Enter your password "
                    "to continue; open forms are kept exactly as you left them."
                ).format(reason=reason, display_name=user.display_name, username=user.username)
            ),
            "unlock_explanation",
        )
        self.explanation.setWordWrap(True)
        self.password = named(QLineEdit(), "unlock_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = named(QLabel(), "unlock_message")
        from clinic_app.ui.common.field_errors import ERROR_STYLE  # the forms' (not at start)

        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.quit_button = named(
            QPushButton(self.tr("&Quit, keeping open forms as drafts")), "lock_quit"
        )
        self.quit_button.setAutoDefault(False)
        self.quit_button.setToolTip(
            self.tr(
                "Closes the app without the password. What is typed in open forms is "
                "kept and offered back when they are next opened."
            )
        )
        self.quit_button.clicked.connect(self.quit_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.quit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.password)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def try_unlock(self) -> None:
        """Check the password typed, in a worker (an empty field is not an attempt, nor is a
        second Enter while the first is being checked)."""
        if self.checking:
            return
        password = self.password.text()
        if not password:
            self._say(self.tr("Type your password, then press Enter."))
            return
        check = self._check
        self._set_checking(True)
        run_in_background(lambda: check(password), self._answered, self._failed)

    def _set_checking(self, checking: bool) -> None:
        self.checking = checking
        self.password.setEnabled(not checking)
        self.unlock_button.setEnabled(not checking)
        if checking:
            self.setCursor(QtCore.Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def _answered(self, result: object) -> None:
        self._set_checking(False)
        assert isinstance(result, LoginResult)
        self.password.clear()
        if result.ok:
            self.accept()
        else:
            self._say(result.message)
        self.checked.emit()

    def _failed(self, exc: BaseException) -> None:
        self._set_checking(False)
        self._say(self.tr("The password could not be checked: {exc}. Try again.").format(exc=exc))
        self.checked.emit()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(True)
        self._fit_height()
        self.password.setFocus()

    def _fit_height(self) -> None:
        """Grow to the height the wrapped texts need at the current width: a layout does not
        count a word-wrapped label's height in its minimum size, so the message would
        otherwise squeeze the explanation above it."""
        layout = self.layout()
        assert layout is not None
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == QtCore.Qt.Key.Key_Escape:
            event.ignore()  # Esc must not dismiss the lock
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        """The lock is only lifted by the password."""

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.result() != QDialog.DialogCode.Accepted:
            event.ignore()


class ScreenLock(QObject):
    """Locks the app after ``minutes`` idle (or on demand) until the user's password is given."""

    locked = Signal()
    unlocked = Signal()

    def __init__(
        self,
        window: QWidget,
        user: SignedInUser,
        check_password: Callable[[str], LoginResult],
        minutes: int,
        on_lock: Callable[[int | None], None] | None = None,
    ) -> None:
        """``on_lock(idle_minutes)`` is told of every lock: after ``idle_minutes`` without
        input, or None when the user locked at once (:meth:`lock_now`)."""
        super().__init__(window)
        self._window = window
        self._user = user
        self._check = check_password
        self._on_lock = on_lock
        self.curtains: list[Curtain] = []
        self.dialog: UnlockDialog | None = None
        self.watcher = IdleWatcher(minutes, self)
        self.watcher.idle.connect(self._lock_when_idle)

    @property
    def is_locked(self) -> bool:
        return self.dialog is not None

    def _lock_when_idle(self) -> None:
        minutes = self.watcher.minutes
        self.lock(
            self.tr("The app locked itself after {minutes_text} without input.").format(
                minutes_text=minutes_text(minutes)
            ),
            idle_minutes=minutes,
        )

    def lock_now(self) -> None:
        """Lock at the user's request (Account › Lock now, Ctrl+L)."""
        self.lock(self.tr("You locked the app (Account › Lock now, Ctrl+L)."))

    def lock(self, reason: str | None = None, idle_minutes: int | None = None) -> None:
        """Cover every window and ask for the password (does nothing when already locked);
        ``idle_minutes`` says the lock came after so long without input."""
        reason = reason or self.tr("The app is locked.")
        if self.is_locked:
            return
        self.watcher.pause()
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()  # an open menu would stay above the curtain
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible():
                self._cover(widget)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)  # windows shown while locked are covered too
        self.dialog = UnlockDialog(self._user, self._check, reason, self._window)
        self.dialog.accepted.connect(self._unlocked)
        self.dialog.quit_requested.connect(self.quit_keeping_drafts)
        self.dialog.show()  # application-modal (open() would make it window-modal only)
        self.dialog.password.setFocus()
        if self._on_lock is not None:
            self._on_lock(idle_minutes)
        self.locked.emit()

    def _cover(self, widget: QWidget) -> None:
        if not widget.isWindow() or isinstance(widget, (UnlockDialog, Curtain)):
            return
        if any(shiboken6.isValid(c) and c.parentWidget() is widget for c in self.curtains):
            return
        if widget.windowType() in (QtCore.Qt.WindowType.ToolTip, QtCore.Qt.WindowType.Popup):
            widget.hide()
            return
        self.curtains.append(
            Curtain(
                widget,
                self.tr("Locked — {display_name}").format(display_name=self._user.display_name),
            )
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and self.is_locked:
            self._cover(watched)
        return False

    def _unlocked(self) -> None:
        self._uncover()
        self.watcher.restart()
        self.unlocked.emit()

    def _uncover(self) -> None:
        """Take the curtains and the unlock dialog away."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        for curtain in self.curtains:
            if shiboken6.isValid(curtain):
                curtain.hide()  # at once; the object itself goes with the next event loop turn
                curtain.deleteLater()
        self.curtains.clear()
        if self.dialog is not None:
            if self.dialog.isVisible():  # Quit: the dialog's own reject() refuses to close
                QDialog.done(self.dialog, QDialog.DialogCode.Rejected)
            self.dialog.deleteLater()
            self.dialog = None

    def quit_keeping_drafts(self) -> None:
        """Quit from the lock screen: every open form's draft is written and the form closed
        without asking, then the window closes as at any quit (nothing saved is touched)."""
        if self.dialog is None or self.dialog.checking:
            return
        close_keeping_drafts()
        self.watcher.stop()
        self._uncover()  # so the window's own close runs as at any quit
        self._window.close()

    def stop(self) -> None:
        self.watcher.stop()
