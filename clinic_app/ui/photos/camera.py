"""Taking a photo with a camera attached to the workstation (QtMultimedia), when there is one.

QtMultimedia is optional at run time: where it cannot load (no multimedia libraries, e.g. no
PulseAudio on a server image) or finds no camera, :func:`camera_available` says False and the
window hides its Camera button; nothing else changes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

JPEG_QUALITY = 95


def multimedia_loads() -> bool:
    """Whether QtMultimedia can be imported here (its libraries load: some 10 ms the first
    time). On the UI thread: a Qt module imported first in a worker while the UI thread runs Qt
    can crash the app (clinic_app.ui.common.page_modules)."""
    try:
        import PySide6.QtMultimedia  # noqa: F401
    except ImportError:
        return False
    return True


def camera_available() -> bool:
    """Whether a camera can be used here (QtMultimedia loads and lists at least one). Call it
    on the UI thread: the media backend it starts belongs to the thread that starts it."""
    if not multimedia_loads():
        return False
    from PySide6.QtMultimedia import QMediaDevices

    try:
        return bool(QMediaDevices.videoInputs())
    except RuntimeError:
        return False


def jpeg_bytes(image: QImage) -> bytes:
    """A captured frame as JPEG bytes (then prepared like any imported photo)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, b"JPEG", JPEG_QUALITY)
    buffer.close()
    return bytes(data.data())


class CameraDialog(QDialog):
    """A live view of the default camera and a Take button; ``captured`` carries JPEG bytes."""

    captured = Signal(bytes)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtMultimedia import QCamera, QImageCapture, QMediaCaptureSession
        from PySide6.QtMultimediaWidgets import QVideoWidget

        self.setWindowTitle(self.tr("Camera"))
        self.camera = QCamera(self)
        self.capture = QImageCapture(self)
        self.session = QMediaCaptureSession(self)
        self.session.setCamera(self.camera)
        self.session.setImageCapture(self.capture)
        self.preview = QVideoWidget()
        self.session.setVideoOutput(self.preview)
        self.message = QLabel()
        self.take_button = QPushButton(self.tr("&Take photo"))
        self.take_button.clicked.connect(self.take)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.take_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addLayout(buttons)
        self.capture.imageCaptured.connect(self._captured)
        self.capture.errorOccurred.connect(self._error)
        self.camera.errorOccurred.connect(self._error)
        self.resize(720, 560)
        self.camera.start()

    def take(self) -> None:
        if not self.capture.isReadyForCapture():
            self.message.setText(self.tr("The camera is not ready yet."))
            return
        self.capture.capture()

    def _captured(self, _request: int, image: QImage) -> None:
        self.message.setText(self.tr("Photo taken; it is being added."))
        self.captured.emit(jpeg_bytes(image))

    def _error(self, *details: Any) -> None:
        self.message.setText(self.tr("The camera reported a problem: %s") % (details[-1],))

    def done(self, result: int) -> None:
        self.camera.stop()
        super().done(result)
