"""Where the windows were left: the main window's place, size and panels, the patient list's
columns, and the size of a few dialogs, kept per workstation.

The values live in ``DATA_DIR/workstation.ini`` beside the window's language
(clinic_app.ui.common.i18n), under ``[window]``: each PC of a clinic keeps its own, whatever
database it shares. They are read once as the window is built, before its first paint (a small
INI file, which the language choice has already read), and written when it closes, including by
Quit at the lock screen. A value that is damaged, of another kind, of another layout, or for a
screen that is no longer there is ignored: the window opens at its default size, within the
screen (clinic_app.ui.common.screen_fit).

The "Show archived patients" tick is not kept: it is a search filter, not a view, and an
archived record is promised to stay out of the list until someone asks for it.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QDataStream, QPoint, QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QHeaderView, QMainWindow, QWidget

from clinic_app.ui.common.i18n import SETTINGS_FILENAME
from clinic_app.ui.common.screen_fit import resize_within_screen

MAIN_GEOMETRY_KEY = "window/main_geometry"
MAIN_STATE_KEY = "window/main_state"  # the docks and the toolbar
PATIENT_COLUMNS_KEY = "window/patient_list_columns"
PATIENT_COLUMN_COUNT_KEY = "window/patient_list_column_count"  # what the columns were saved for
DIALOG_SIZE_KEY = "window/{name}_size"
# Raise when the docks or toolbars change so that an older arrangement is not applied.
MAIN_STATE_VERSION = 1
# The magic number that starts what QWidget.saveGeometry writes (Qt 4 to 6).
_GEOMETRY_MAGIC = 0x1D9D0CB
# How much of the window's top must show on some screen for the saved place to be used: enough
# of the title bar to grab it.
MIN_VISIBLE = QSize(120, 40)
MAX_DIALOG_SIDE = 20_000  # a saved size beyond any screen is not a size

log = logging.getLogger(__name__)


def _settings(data_dir: Path) -> QSettings:
    return QSettings(str(data_dir / SETTINGS_FILENAME), QSettings.Format.IniFormat)


def _bytes(settings: QSettings, key: str) -> QByteArray | None:
    value = settings.value(key)
    if isinstance(value, QByteArray) and not value.isEmpty():
        return value
    if isinstance(value, bytes) and value:
        return QByteArray(value)
    return None


@dataclass(frozen=True)
class SavedPlace:
    """What ``saveGeometry`` wrote, read back: the normal (not maximised) place and size, and
    whether the window was maximised."""

    normal: QRect
    maximized: bool


def saved_place(geometry: QByteArray) -> SavedPlace | None:
    """The place in what ``QWidget.saveGeometry`` wrote (its layout has been the same since
    Qt 4: magic, version, frame and normal rectangles, screen number, maximised flag), or None
    when the bytes are not a saved geometry."""
    stream = QDataStream(geometry)
    stream.setVersion(QDataStream.Version.Qt_4_0)
    if stream.readUInt32() != _GEOMETRY_MAGIC:
        return None
    stream.readUInt16()  # major version
    stream.readUInt16()  # minor version
    _read_rect(stream)  # the frame's
    normal = _read_rect(stream)
    stream.readInt32()  # the screen's number then
    maximized = stream.readUInt8() != 0
    if stream.status() != QDataStream.Status.Ok or not normal.isValid():
        return None
    return SavedPlace(normal, maximized)


def _read_rect(stream: QDataStream) -> QRect:
    """A QRect as QDataStream writes one (left, top, right, bottom, each a qint32), read
    without ``stream >> rect``: PySide6 resolves that operator's overloads by building the Python
    types of every class it could stream (QUrl, QUuid, QRegularExpression, ...: some 10 million
    instructions at start, docs/startup.md)."""
    left, top, right, bottom = (stream.readInt32() for _ in range(4))
    return QRect(QPoint(left, top), QPoint(right, bottom))


def on_some_screen(rect: QRect) -> bool:
    """Whether enough of the top of ``rect`` shows on one of the screens there are now."""
    top = QRect(rect.left(), rect.top(), rect.width(), MIN_VISIBLE.height())
    for screen in QGuiApplication.screens():
        seen = screen.availableGeometry().intersected(top)
        if seen.width() >= min(MIN_VISIBLE.width(), rect.width()) and seen.height() >= min(
            MIN_VISIBLE.height(), rect.height()
        ):
            return True
    return False


def restore_main_window(
    window: QMainWindow, header: QHeaderView, data_dir: Path | None, default: QSize
) -> bool:
    """Put ``window`` where it was left on this workstation (before it is shown): its place
    and size, maximised or not, its docks and toolbar, and the patient list's columns
    (``header``). Without a usable saved place: ``default``, within the screen. True when the
    saved place was used."""
    resize_within_screen(window, default.width(), default.height())
    if data_dir is None:
        return False
    settings = _settings(data_dir)
    placed = False
    geometry = _bytes(settings, MAIN_GEOMETRY_KEY)
    place = saved_place(geometry) if geometry is not None else None
    if geometry is not None and place is not None and on_some_screen(place.normal):
        placed = window.restoreGeometry(geometry)
        if not placed:
            resize_within_screen(window, default.width(), default.height())
    elif place is not None:
        log.info("The window's saved place is on no screen now: the default size instead")
        if place.maximized:  # maximised where it opens now
            from PySide6.QtCore import Qt  # not on every start (docs/startup.md, "Qt's enums")

            window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    state = _bytes(settings, MAIN_STATE_KEY)
    if state is not None:
        window.restoreState(state, MAIN_STATE_VERSION)  # False (nothing changed) if foreign
    columns = _bytes(settings, PATIENT_COLUMNS_KEY)
    if columns is not None:
        restore_header(header, columns, settings.value(PATIENT_COLUMN_COUNT_KEY))
    return placed


def restore_header(header: QHeaderView, state: QByteArray, saved_count: object) -> bool:
    """Apply a saved header ``state`` if it was saved for as many columns (``saved_count``) as
    the header shows now: Qt applies one of another layout too, and a column added by a later
    release would then start at a width meant for another. Else the header stays as it is."""
    model = header.model()
    expected = header.count() if model is None else model.columnCount()
    try:
        if int(str(saved_count)) != expected:
            return False
    except ValueError:
        return False
    return header.restoreState(state)


def save_main_window(window: QMainWindow, header: QHeaderView, data_dir: Path | None) -> None:
    """Remember ``window``'s place, size, docks and the list's columns (at its close). A file
    that cannot be written is logged: the next start opens at the default place."""
    if data_dir is None:
        return
    with contextlib.suppress(OSError):
        data_dir.mkdir(parents=True, exist_ok=True)
    settings = _settings(data_dir)
    settings.setValue(MAIN_GEOMETRY_KEY, window.saveGeometry())
    settings.setValue(MAIN_STATE_KEY, window.saveState(MAIN_STATE_VERSION))
    settings.setValue(PATIENT_COLUMNS_KEY, header.saveState())
    settings.setValue(PATIENT_COLUMN_COUNT_KEY, header.count())
    _sync(settings)


def _sync(settings: QSettings) -> None:
    settings.sync()
    if settings.status() != QSettings.Status.NoError:
        log.warning("Where the windows were could not be kept in %s", settings.fileName())


def _saved_size(settings: QSettings, key: str) -> QSize | None:
    value = settings.value(key)
    if isinstance(value, QSize):
        size = value
    elif isinstance(value, (list, tuple)) and len(value) == 2:  # an INI holding "900, 700"
        try:
            size = QSize(int(value[0]), int(value[1]))
        except (TypeError, ValueError):
            return None
    else:
        return None
    if not (0 < size.width() <= MAX_DIALOG_SIDE and 0 < size.height() <= MAX_DIALOG_SIDE):
        return None
    return size


def remember_size(dialog: QDialog, data_dir: Path | None, name: str) -> None:
    """Give ``dialog`` the size it had when last closed on this workstation (within the screen
    and never under its minimum), and keep its size when it closes. ``name``: a key."""
    if data_dir is None:
        return
    key = DIALOG_SIZE_KEY.format(name=name)
    size = _saved_size(_settings(data_dir), key)
    if size is not None:
        resize_within_screen(dialog, size.width(), size.height())

    def keep(_result: int) -> None:
        _save_size(dialog, data_dir, key)

    dialog.finished.connect(keep)


def _save_size(widget: QWidget, data_dir: Path, key: str) -> None:
    if widget.isMaximized() or widget.isFullScreen():
        return  # its normal size is the one to keep, and was kept before
    with contextlib.suppress(OSError):
        data_dir.mkdir(parents=True, exist_ok=True)
    settings = _settings(data_dir)
    settings.setValue(key, widget.size())
    _sync(settings)
