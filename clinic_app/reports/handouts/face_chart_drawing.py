"""The face chart on the post-care handout: "Areas treated today", the treated areas shaded.

Drawn with ReportLab's graphics from the same region data the window draws with QtSvg
(clinic_app.domain.face_chart reads resources/face_chart/face.svg); no SVG library, no Qt.
Only the treated areas are named, with a leader line to their region; the views are captioned.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Path, String
from reportlab.lib.colors import Color, HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether

from clinic_app.domain.care.care_handout import PostCareContent
from clinic_app.domain.face_chart import SHADE_COLOURS, Shape, TreatedAreas
from clinic_app.reports import styles as look
from clinic_app.reports.fonts import BOLD, REGULAR
from clinic_app.reports.handouts.content_builders import heading
from clinic_app.reports.styles import Styles

LABEL_SIZE = 7.5
CAPTION_SIZE = 7.0
MAX_HEIGHT = 190.0  # points: the chart stays a summary, not a page
LEADER = HexColor("#9AA7B4")


def _colour(value: str | None, opacity: float = 1.0) -> Color | None:
    if value is None:
        return None
    colour = HexColor(value)
    return Color(colour.red, colour.green, colour.blue, alpha=opacity) if opacity < 1 else colour


def _path(shape: Shape, fill: str | None, opacity: float) -> Path:
    path = Path(
        fillColor=_colour(fill, opacity),
        strokeColor=_colour(shape.stroke),
        strokeWidth=shape.stroke_width,
        strokeLineJoin=1,
        strokeLineCap=1,
    )
    for command, values in shape.segments:
        if command == "M":
            path.moveTo(*values)
        elif command == "L":
            path.lineTo(*values)
        elif command == "C":
            path.curveTo(*values)
        elif command == "Z":
            path.closePath()
    return path


def chart_drawing(treated: TreatedAreas, width: float) -> Drawing:
    """The chart scaled to ``width`` (or to MAX_HEIGHT), the treated areas filled."""
    chart = treated.chart
    scale = min(width / chart.width, MAX_HEIGHT / chart.height)
    drawing = Drawing(width, chart.height * scale)
    offset = (width - chart.width * scale) / 2
    shades = treated.shades
    # SVG's y runs down, PDF's up: the shapes are flipped inside one group.
    group = Group(transform=(scale, 0, 0, -scale, offset, chart.height * scale))
    for shape in chart.shapes:
        fill, opacity = shape.fill, shape.fill_opacity
        if shape.area in shades:
            fill, opacity = SHADE_COLOURS.get(shades[shape.area], SHADE_COLOURS["treated"]), 1.0
        group.add(_path(shape, fill, opacity))
    drawing.add(group)

    def at(x: float, y: float) -> tuple[float, float]:
        return offset + x * scale, (chart.height - y) * scale

    for area, name, _shade in treated.areas:
        spot = chart.labels.get(area)
        if spot is None:
            continue
        x, y = at(spot.x, spot.y)
        text_width = stringWidth(name, BOLD, LABEL_SIZE)
        if spot.align != "middle":
            drawing.add(Line(x, y, *at(spot.to_x, spot.to_y), strokeColor=LEADER, strokeWidth=0.6))
            drawing.add(Circle(*at(spot.to_x, spot.to_y), 1.2, fillColor=LEADER, strokeColor=None))
        start = {"end": x - 3 - text_width, "middle": x - text_width / 2}.get(spot.align, x + 3)
        drawing.add(
            String(
                start,
                y - LABEL_SIZE * 0.35,
                name,
                fontName=BOLD,
                fontSize=LABEL_SIZE,
                fillColor=look.INK,
            )
        )
    for view, caption in treated.captions:
        spot = chart.captions.get(view)
        if spot is None or not caption:
            continue
        x, y = at(spot.x, spot.y)
        drawing.add(
            String(
                x,
                y - CAPTION_SIZE * 0.35,
                caption,
                fontName=REGULAR,
                fontSize=CAPTION_SIZE,
                fillColor=look.MUTED,
                textAnchor="middle",
            )
        )
    return drawing


def face_chart_section(content: PostCareContent, styles: Styles, width: float) -> list[Flowable]:
    """The heading and the chart, kept on one page; nothing when no chart is given."""
    treated = content.face_chart
    if treated is None or not treated.areas:
        return []
    return [KeepTogether([heading(treated.heading, styles), chart_drawing(treated, width)])]
