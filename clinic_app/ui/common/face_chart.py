"""The face chart widget: the drawing of resources/face_chart/face.svg, its areas clickable.

QtSvg draws the SVG (with each marked area filled in its shade); the regions' outlines, read by
clinic_app.domain.sessions.face_chart, become QPainterPaths for hit testing and the hover
outline; the areas' names are written beside the drawing with leader lines. The widget only
says which area was clicked (``area_clicked``): what a click does is its owner's business (the
session editor adds or removes an area row, the consultation ticks the plan's area). Shared by
the session editor and the consultation wizard, so it lives in ui.common. Loaded with them,
never at start-up (it imports QtSvg).
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QByteArray, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTransform,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from clinic_app.domain.face_chart import (
    HOVER_STROKE,
    SHADE_COLOURS,
    FaceChart,
    FaceChartTexts,
    Shape,
    svg_with_fills,
)

LABEL_COLOUR = "#2b3640"
LEADER_COLOUR = "#9aa7b4"
CAPTION_COLOUR = "#5b6b7a"


def shape_path(shape: Shape) -> QPainterPath:
    """The QPainterPath of one outline of the drawing (in the drawing's coordinates)."""
    path = QPainterPath()
    for command, values in shape.segments:
        if command == "M":
            path.moveTo(values[0], values[1])
        elif command == "L":
            path.lineTo(values[0], values[1])
        elif command == "C":
            path.cubicTo(*values)
        elif command == "Z":
            path.closeSubpath()
    return path


class FaceChartWidget(QWidget):
    """The chart; ``set_shades`` fills areas, a click on an area emits ``area_clicked``."""

    area_clicked = Signal(str)

    def __init__(
        self, chart: FaceChart, texts: FaceChartTexts, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("face_chart")
        self.chart = chart
        self.texts = texts
        self.shades: dict[str, str] = {}  # area -> shade key (SHADE_COLOURS)
        self.read_only = False
        self.hovered: str | None = None
        self._renderer = QSvgRenderer(self)
        self._renderer.load(QByteArray(chart.svg.encode("utf-8")))
        self._paths: list[tuple[str, QPainterPath]] = [
            (shape.area, shape_path(shape)) for shape in chart.shapes if shape.area
        ]
        self.setMouseTracking(True)
        self.setMinimumSize(420, 170)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Face chart"))

    def sizeHint(self) -> QSize:
        return QSize(640, int(640 * self.chart.height / self.chart.width))

    # ---- state -----------------------------------------------------------------------------
    def set_shades(self, shades: Mapping[str, str]) -> None:
        """Fill each area of ``shades`` (area -> shade key); the others show unfilled."""
        shades = {a: s for a, s in shades.items() if a in self.chart.areas}
        if shades == self.shades:
            return
        self.shades = dict(shades)
        fills = {
            area: SHADE_COLOURS.get(key, SHADE_COLOURS["treated"]) for area, key in shades.items()
        }
        self._renderer.load(QByteArray(svg_with_fills(self.chart, fills)))
        self.update()

    def set_read_only(self, read_only: bool) -> None:
        """A read-only chart shows its shades but does not take clicks."""
        self.read_only = read_only
        self.setCursor(Qt.CursorShape.ArrowCursor)
        self.hovered = None
        self.update()

    # ---- geometry --------------------------------------------------------------------------
    def drawing_transform(self) -> QTransform:
        """Drawing coordinates -> widget pixels (the drawing kept whole, centred)."""
        scale = min(self.width() / self.chart.width, self.height() / self.chart.height)
        dx = (self.width() - self.chart.width * scale) / 2
        dy = (self.height() - self.chart.height * scale) / 2
        return QTransform(scale, 0, 0, scale, dx, dy)

    def area_at(self, position: QPointF) -> str | None:
        """The area under ``position`` (widget pixels); the topmost region wins."""
        inverted, ok = self.drawing_transform().inverted()
        if not ok:
            return None
        point = inverted.map(position)
        for area, path in reversed(self._paths):
            if path.contains(point):
                return area
        return None

    def area_point(self, area: str) -> QPointF:
        """A point inside ``area``'s first region, in widget pixels (for tests and tools)."""
        for name, path in self._paths:
            if name == area:
                box = path.boundingRect()
                centre = box.center()
                if not path.contains(centre):  # a ring or a crescent: walk down its middle
                    for step in range(1, 40):
                        candidate = QPointF(centre.x(), box.top() + box.height() * step / 40)
                        if path.contains(candidate):
                            centre = candidate
                            break
                return self.drawing_transform().map(centre)
        raise KeyError(area)

    # ---- events ----------------------------------------------------------------------------
    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        area = self.area_at(event.position())
        if area != self.hovered:
            self.hovered = area
            clickable = area is not None and not self.read_only
            self.setCursor(
                Qt.CursorShape.PointingHandCursor if clickable else Qt.CursorShape.ArrowCursor
            )
            self.update()
        if area is not None:
            QToolTip.showText(event.globalPosition().toPoint(), self.texts.label(area), self)
        else:
            QToolTip.hideText()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: object) -> None:
        self.hovered = None
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and not self.read_only:
            area = self.area_at(event.position())
            if area is not None:
                self.area_clicked.emit(area)
                event.accept()
                return
        super().mouseReleaseEvent(event)

    # ---- painting --------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        transform = self.drawing_transform()
        target = transform.mapRect(QRectF(0, 0, self.chart.width, self.chart.height))
        self._renderer.render(painter, target)
        if self.hovered is not None and not self.read_only:
            painter.save()
            painter.setTransform(transform)
            pen = QPen(QColor(HOVER_STROKE), 2.4 / max(transform.m11(), 0.01))
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for area, path in self._paths:
                if area == self.hovered:
                    painter.drawPath(path)
            painter.restore()
        self._paint_labels(painter, transform)
        painter.end()

    def _paint_labels(self, painter: QPainter, transform: QTransform) -> None:
        """Each area's name beside the drawing, a leader line to its region; the captions."""
        font = painter.font()
        font.setPointSizeF(max(7.5, min(10.0, 9.0 * transform.m11() / 0.65)))
        metrics = QFontMetricsF(font)
        gap = 5.0
        for area, spot in self.chart.labels.items():
            text = self.texts.label(area)
            start = transform.map(QPointF(spot.x, spot.y))
            width = metrics.horizontalAdvance(text)
            if spot.align == "end":
                x = start.x() - gap - width
            elif spot.align == "start":
                x = start.x() + gap
            else:
                x = start.x() - width / 2
            if spot.align != "middle":
                end = transform.map(QPointF(spot.to_x, spot.to_y))
                painter.setPen(QPen(QColor(LEADER_COLOUR), 1))
                painter.drawLine(start, end)
                painter.setBrush(QColor(LEADER_COLOUR))
                painter.drawEllipse(end, 1.8, 1.8)
            font.setBold(area in self.shades)  # a marked area's name stands out
            painter.setFont(font)
            painter.setPen(QColor(LABEL_COLOUR))
            painter.drawText(QPointF(x, start.y() + metrics.capHeight() / 2), text)
        font.setBold(False)
        painter.setFont(font)
        painter.setPen(QColor(CAPTION_COLOUR))
        for view, spot in self.chart.captions.items():
            text = self.texts.views.get(view, "")
            point = transform.map(QPointF(spot.x, spot.y))
            width = metrics.horizontalAdvance(text)
            painter.drawText(
                QPointF(point.x() - width / 2, point.y() + metrics.capHeight() / 2), text
            )
