"""A signature pad: draw with a mouse, a pen tablet or a finger; smoothed strokes; undo, clear.

Points arrive from mouse events, QTabletEvent (pen) or QTouchEvent (touch screen); mouse events
that Qt synthesises from a pen or a touch are ignored, so nothing is drawn twice. Each point is
smoothed (a moving average of the pen's position, points closer than a pixel dropped) and
strokes are painted as quadratic curves through the midpoints.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent, QPointF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from clinic_app.domain.consent.consent_record import Signature

SMOOTHING = 0.45  # share of the new point in the smoothed position
MIN_STEP = 1.0  # pixels: closer points add nothing to the line
PAD_SIZE = QSize(420, 130)


class SignaturePad(QWidget):
    """Where a person signs; :meth:`signature` returns the strokes in the pad's pixels."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._strokes: list[list[QPointF]] = []
        self._drawing = False
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumSize(260, PAD_SIZE.height())
        self.setCursor(Qt.CursorShape.CrossCursor)

    def sizeHint(self) -> QSize:
        return PAD_SIZE

    # ---- the strokes -----------------------------------------------------------------------
    def signature(self) -> Signature:
        """The strokes drawn, in the pad's pixels (y down)."""
        return Signature(
            float(self.width()),
            float(self.height()),
            tuple(tuple((p.x(), p.y()) for p in stroke) for stroke in self._strokes if stroke),
        )

    @property
    def stroke_count(self) -> int:
        return len(self._strokes)

    def clear(self) -> None:
        """Remove every stroke."""
        self._strokes.clear()
        self._drawing = False
        self.update()
        self.changed.emit()

    def undo_stroke(self) -> None:
        """Remove the last stroke."""
        if self._strokes:
            self._strokes.pop()
            self._drawing = False
            self.update()
            self.changed.emit()

    def _begin(self, point: QPointF) -> None:
        self._strokes.append([QPointF(point)])
        self._drawing = True
        self.update()

    def _extend(self, point: QPointF) -> None:
        if not self._drawing or not self._strokes:
            return
        stroke = self._strokes[-1]
        last = stroke[-1]
        smoothed = QPointF(
            last.x() + (point.x() - last.x()) * SMOOTHING,
            last.y() + (point.y() - last.y()) * SMOOTHING,
        )
        if (smoothed - last).manhattanLength() >= MIN_STEP:
            stroke.append(smoothed)
            self.update()

    def _end(self, point: QPointF) -> None:
        if not self._drawing:
            return
        self._extend(point)
        stroke = self._strokes[-1]
        if (point - stroke[-1]).manhattanLength() >= MIN_STEP:
            stroke.append(QPointF(point))  # the pen's last position, not short of it
        self._drawing = False
        self.update()
        self.changed.emit()

    # ---- input -----------------------------------------------------------------------------
    @staticmethod
    def _synthesised(event: QMouseEvent) -> bool:
        return event.source() != Qt.MouseEventSource.MouseEventNotSynthesized

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and not self._synthesised(event):
            self._begin(event.position())
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if not self._synthesised(event):
            self._extend(event.position())
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and not self._synthesised(event):
            self._end(event.position())
        event.accept()

    def tabletEvent(self, event: QTabletEvent) -> None:
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind == QEvent.Type.TabletMove:
            self._extend(event.position())
        elif kind == QEvent.Type.TabletRelease:
            self._end(event.position())
        event.accept()

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            assert isinstance(event, QTouchEvent)
            points = event.points()
            if points:
                where = points[0].position()
                if kind == QEvent.Type.TouchBegin:
                    self._begin(where)
                elif kind == QEvent.Type.TouchUpdate:
                    self._extend(where)
                else:
                    self._end(where)
            event.accept()
            return True
        if kind == QEvent.Type.TouchCancel:
            self._drawing = False
            event.accept()
            return True
        return super().event(event)

    # ---- painting --------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        painter.setPen(QPen(QColor("#9aa5b1"), 1, Qt.PenStyle.DashLine))
        base = self.height() - 24
        painter.drawLine(12, base, self.width() - 12, base)
        if self.hasFocus():
            painter.setPen(QPen(QColor("#1f6f8b"), 2))
            painter.drawRect(self.rect().adjusted(1, 1, -1, -1))
        pen = QPen(QColor("#111111"), 2.2)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        for stroke in self._strokes:
            painter.drawPath(stroke_path(stroke))
        painter.end()


def stroke_path(points: list[QPointF]) -> QPainterPath:
    """A smooth path through ``points``: quadratic curves between midpoints."""
    path = QPainterPath(points[0])
    if len(points) == 1:
        path.lineTo(points[0] + QPointF(0.1, 0.1))  # a dot
        return path
    for current, following in itertools.pairwise(points[1:]):
        middle = (current + following) / 2
        path.quadTo(current, middle)
    path.lineTo(points[-1])
    return path
