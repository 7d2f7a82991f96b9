"""Write resources/face_chart/face.svg: the face chart's drawing (docs/face-chart.md).

The chart is plain SVG that both Qt (QtSvg) and the handouts (ReportLab, through
clinic_app.domain.sessions.face_chart) read, so it keeps to what that reader understands:
``<g>`` and ``<path>`` only, absolute M/L/C/Z commands, presentation attributes (no CSS, no
transforms). The profiles are one outline mirrored here, so both sides match.

    python docs/make_face_chart_svg.py
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "resources" / "face_chart" / "face.svg"
WIDTH, HEIGHT = 1100, 400
FRONT_DX = 50  # the front view is drawn at x 330-670 and moved to the middle
HANDS_DX = 25  # the hands, drawn at x 224-290, sit halfway between a profile and the shoulders
K = 0.5523  # a quarter ellipse as one cubic curve

Point = tuple[float, float]
Transform = Callable[[Point], Point]

OUTLINE = 'fill="#f7f1ec" stroke="#4f5b66" stroke-width="2" stroke-linejoin="round"'
FEATURE = 'fill="none" stroke="#6b5a50" stroke-width="1.6" stroke-linecap="round"'
REGION = 'fill="#ffffff" fill-opacity="0.9" stroke="#8795a3" stroke-width="1.2"'


def fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def pt(p: Point) -> str:
    return f"{fmt(p[0])},{fmt(p[1])}"


def path(start: Point, *curves: Sequence[Point], close: bool = True, t: Transform) -> str:
    """M start, then each curve: one point (L) or three (C)."""
    parts = [f"M{pt(t(start))}"]
    for curve in curves:
        if len(curve) == 1:
            parts.append(f"L{pt(t(curve[0]))}")
        else:
            parts.append("C" + " ".join(pt(t(p)) for p in curve))
    if close:
        parts.append("Z")
    return " ".join(parts)


def ellipse(cx: float, cy: float, rx: float, ry: float, t: Transform) -> str:
    kx, ky = rx * K, ry * K
    return path(
        (cx + rx, cy),
        ((cx + rx, cy + ky), (cx + kx, cy + ry), (cx, cy + ry)),
        ((cx - kx, cy + ry), (cx - rx, cy + ky), (cx - rx, cy)),
        ((cx - rx, cy - ky), (cx - kx, cy - ry), (cx, cy - ry)),
        ((cx + kx, cy - ry), (cx + rx, cy - ky), (cx + rx, cy)),
        t=t,
    )


def same(p: Point) -> Point:
    return p


def mirror_and_shift(x: float, dx: float) -> Transform:
    return lambda p: (2 * x - p[0] + dx, p[1])


def mirror_at(x: float) -> Transform:
    return lambda p: (2 * x - p[0], p[1])


def shift(dx: float, flip: bool = False) -> Transform:
    """The profile drawn facing right at x 0-200, moved by ``dx`` (and mirrored)."""
    if flip:
        return lambda p: (dx + 200 - p[0], p[1])
    return lambda p: (dx + p[0], p[1])


# ---- the front view ----------------------------------------------------------------------
CX = 500  # its middle


def front() -> tuple[list[str], dict[str, list[str]], list[str]]:
    t = shift(FRONT_DX)
    m = mirror_and_shift(CX, FRONT_DX)
    outline = [
        # shoulders and chest, then the neck, then the head over them
        path(
            (330, 380),
            ((332, 350), (350, 334), (392, 326)),
            ((420, 321), (446, 318), (458, 306)),
            ((464, 290), (462, 268), (460, 244)),
            ((540, 244),),
            ((538, 268), (536, 290), (542, 306)),
            ((554, 318), (580, 321), (608, 326)),
            ((650, 334), (668, 350), (670, 380)),
            t=t,
        ),
        # ears, behind the head
        path(
            (408, 132),
            ((394, 122), (386, 138), (390, 156)),
            ((393, 172), (402, 182), (412, 180)),
            t=t,
        ),
        path(
            (408, 132),
            ((394, 122), (386, 138), (390, 156)),
            ((393, 172), (402, 182), (412, 180)),
            t=m,
        ),
        path(
            (500, 30),
            ((556, 30), (592, 62), (594, 120)),
            ((596, 166), (588, 202), (566, 230)),
            ((546, 254), (524, 266), (500, 266)),
            ((476, 266), (454, 254), (434, 230)),
            ((412, 202), (404, 166), (406, 120)),
            ((408, 62), (444, 30), (500, 30)),
            t=t,
        ),
    ]
    regions: dict[str, list[str]] = {
        "chest": [
            path(
                (346, 376),
                ((352, 352), (372, 340), (404, 334)),
                ((430, 330), (452, 326), (466, 318)),
                ((488, 330), (512, 330), (534, 318)),
                ((548, 326), (570, 330), (596, 334)),
                ((628, 340), (648, 352), (654, 376)),
                t=t,
            )
        ],
        "neck": [
            path(
                (466, 262),
                ((478, 270), (522, 270), (534, 262)),
                ((533, 280), (532, 296), (538, 310)),
                ((512, 322), (488, 322), (462, 310)),
                ((468, 296), (467, 280), (466, 262)),
                t=t,
            )
        ],
        "forehead": [
            path(
                (420, 104),
                ((422, 74), (452, 46), (500, 44)),
                ((548, 46), (578, 74), (580, 104)),
                ((556, 96), (528, 98), (506, 104)),
                ((502, 106), (498, 106), (494, 104)),
                ((472, 98), (444, 96), (420, 104)),
                t=t,
            )
        ],
        "periorbital": [ellipse(464, 133, 29, 19, t), ellipse(464, 133, 29, 19, m)],
        "nose": [
            path(
                (492, 122),
                ((490, 146), (482, 166), (476, 182)),
                ((486, 192), (514, 192), (524, 182)),
                ((518, 166), (510, 146), (508, 122)),
                ((502, 119), (498, 119), (492, 122)),
                t=t,
            )
        ],
        "cheeks": [
            path(
                (416, 160),
                ((434, 156), (456, 158), (472, 162)),
                ((474, 176), (472, 188), (468, 196)),
                ((458, 202), (452, 210), (450, 222)),
                ((440, 222), (430, 220), (424, 216)),
                ((414, 200), (410, 180), (416, 160)),
                t=c,
            )
            for c in (t, m)
        ],
        "perioral": [ellipse(500, 218, 38, 21, t)],
        "chin": [
            path(
                (428, 222),
                ((442, 230), (454, 236), (466, 240)),
                ((478, 245), (490, 246), (500, 246)),
                ((510, 246), (522, 245), (534, 240)),
                ((546, 236), (558, 230), (572, 222)),
                ((564, 240), (548, 254), (530, 259)),
                ((520, 262), (510, 263), (500, 263)),
                ((490, 263), (480, 262), (470, 259)),
                ((452, 254), (436, 240), (428, 222)),
                t=t,
            )
        ],
    }
    features = []
    for tr in (t, m):
        features += [
            # brow, eye, iris
            path((436, 112), ((448, 104), (468, 103), (484, 108)), close=False, t=tr),
            path(
                (444, 134),
                ((452, 126), (474, 126), (482, 134)),
                ((474, 140), (452, 140), (444, 134)),
                t=tr,
            ),
            ellipse(463, 133.5, 4.5, 4.5, tr),
            # nostril
            path((482, 178), ((486, 184), (492, 184), (495, 181)), close=False, t=tr),
            # jaw shadow under the ear
        ]
    features += [
        # lips
        path(
            (476, 220),
            ((486, 214), (494, 212), (500, 215)),
            ((506, 212), (514, 214), (524, 220)),
            ((514, 230), (486, 230), (476, 220)),
            t=t,
        ),
        path((476, 220), ((492, 222), (508, 222), (524, 220)), close=False, t=t),
        # collarbones
        path((420, 340), ((440, 336), (458, 336), (476, 342)), close=False, t=t),
        path((420, 340), ((440, 336), (458, 336), (476, 342)), close=False, t=m),
    ]
    return outline, regions, features


def profile(t: Transform) -> tuple[list[str], dict[str, list[str]], list[str]]:
    """A head facing right (nose at x≈190) with its neck, in the profile's own frame."""
    outline = [
        path(
            (34, 380),
            ((40, 350), (52, 330), (56, 300)),
            ((58, 276), (56, 250), (50, 226)),
            ((28, 200), (14, 160), (16, 120)),
            ((20, 62), (62, 30), (106, 30)),
            ((146, 30), (170, 58), (170, 96)),
            ((170, 106), (168, 112), (174, 118)),
            ((178, 124), (178, 130), (176, 136)),
            ((186, 170),),
            ((190, 176), (186, 182), (176, 182)),
            ((174, 188), (178, 192), (180, 196)),
            ((182, 202), (176, 205), (174, 207)),
            ((178, 211), (180, 217), (174, 222)),
            ((168, 228), (170, 236), (172, 242)),
            ((172, 258), (160, 266), (144, 266)),
            ((132, 266), (128, 268), (128, 276)),
            ((126, 300), (128, 330), (150, 350)),
            ((166, 362), (180, 370), (196, 380)),
            t=t,
        ),
    ]
    regions = {
        "forehead": [
            path(
                (112, 46),
                ((140, 46), (158, 66), (162, 96)),
                ((162, 104), (162, 110), (164, 116)),
                ((150, 114), (136, 112), (126, 110)),
                ((122, 92), (118, 68), (112, 46)),
                t=t,
            )
        ],
        "periorbital": [ellipse(152, 132, 15, 14, t)],
        "nose": [
            path(
                (168, 124),
                ((182, 168),),
                ((184, 174), (180, 177), (172, 177)),
                ((166, 170), (164, 160), (164, 146)),
                ((165, 138), (166, 130), (168, 124)),
                t=t,
            )
        ],
        "cheeks": [
            path(
                (102, 152),
                ((120, 150), (140, 150), (156, 152)),
                ((160, 166), (162, 178), (158, 190)),
                ((148, 198), (132, 208), (112, 212)),
                ((100, 196), (98, 172), (102, 152)),
                t=t,
            )
        ],
        "perioral": [
            path(
                (166, 186),
                ((172, 192), (172, 220), (166, 228)),
                ((158, 228), (154, 220), (154, 207)),
                ((154, 194), (158, 186), (166, 186)),
                t=t,
            )
        ],
        "chin": [
            path(
                (84, 232),
                ((106, 236), (128, 236), (150, 232)),
                ((158, 232), (164, 236), (166, 240)),
                ((166, 254), (156, 260), (142, 261)),
                ((126, 261), (104, 252), (84, 232)),
                t=t,
            )
        ],
        "neck": [
            path(
                (62, 238),
                ((84, 254), (104, 264), (122, 268)),
                ((120, 292), (122, 316), (132, 334)),
                ((106, 340), (82, 336), (62, 326)),
                ((66, 298), (66, 266), (62, 238)),
                t=t,
            )
        ],
    }
    features = [
        # ear, brow, eye, nostril, lips
        path(
            (74, 128),
            ((60, 122), (52, 140), (56, 160)),
            ((60, 180), (72, 188), (84, 180)),
            ((88, 160), (86, 140), (74, 128)),
            t=t,
        ),
        path((68, 140), ((64, 152), (66, 164), (74, 170)), close=False, t=t),
        path((140, 114), ((150, 110), (160, 110), (166, 114)), close=False, t=t),
        path(
            (150, 132),
            ((156, 128), (162, 130), (164, 134)),
            ((158, 136), (154, 136), (150, 132)),
            t=t,
        ),
        path((168, 176), ((172, 172), (176, 172), (178, 176)), close=False, t=t),
        path((170, 206), ((166, 207), (162, 207), (160, 206)), close=False, t=t),
    ]
    return outline, regions, features


def labels() -> list[str]:
    """Where the widget and the handout write each area's name (``x``, ``y``: the text's
    baseline start, ``data-align``: start or end) and the point its leader line goes to."""
    spots = [
        ("forehead", 392, 70, "end", 438, 78),
        ("periorbital", 372, 120, "end", 432, 130),
        ("cheeks", 372, 190, "end", 428, 190),
        ("perioral", 372, 240, "end", 464, 232),
        ("nose", 628, 160, "start", 504, 164),
        ("chin", 628, 234, "start", 550, 244),
        ("neck", 628, 292, "start", 534, 292),
        ("chest", 500, 362, "middle", 500, 362),
        ("hands", 255, 391, "middle", 255, 391),
    ]
    out = []
    for area, x, y, align, to_x, to_y in spots:
        dx = HANDS_DX if area == "hands" else FRONT_DX
        x, to_x = x + dx, to_x + dx
        out.append(f'<path id="label-{area}" d="M{x},{y} L{to_x},{to_y}" data-align="{align}"/>')
    for view, x in (("right", 100), ("front", 500 + FRONT_DX), ("left", WIDTH - 100)):
        out.append(f'<path id="caption-{view}" d="M{x},18 L{x},18" data-align="middle"/>')
    return out


def hands() -> tuple[list[str], list[str]]:
    """Two backs of hands, fingers up, in the gaps beside the chest."""
    shapes = []
    features = []
    # between a profile and the front view's shoulders, the same distance from each
    dx = HANDS_DX
    for t in (shift(dx), lambda p: (WIDTH - dx - p[0], p[1])):
        shapes.append(
            path(
                (232, 376),
                ((228, 350), (226, 330), (230, 312)),
                ((226, 300), (224, 290), (226, 282)),
                ((228, 276), (234, 278), (236, 286)),
                ((240, 298),),
                ((240, 270),),
                ((240, 262), (248, 262), (248, 270)),
                ((250, 294),),
                ((252, 262),),
                ((252, 254), (261, 254), (261, 262)),
                ((262, 294),),
                ((265, 266),),
                ((266, 258), (275, 258), (274, 266)),
                ((274, 298),),
                ((278, 278),),
                ((280, 272), (288, 274), (286, 282)),
                ((284, 300), (284, 312), (280, 326)),
                ((276, 346), (278, 362), (280, 376)),
                t=t,
            )
        )
        features.append(path((236, 336), ((246, 340), (262, 340), (274, 334)), close=False, t=t))
    return shapes, features


def main() -> None:
    outline, regions, features = front()
    sides = [profile(shift(0)), profile(shift(WIDTH - 200, flip=True))]
    hand_shapes, hand_features = hands()
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<!-- The face chart: front view, right and left profiles, backs of the hands.",
        '     Each area is the group id="area-<area id>" (the session editor\'s area ids);',
        "     generated by docs/make_face_chart_svg.py, see docs/face-chart.md. -->",
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}">',
        f'<g id="outline" {OUTLINE}>',
    ]
    for side_outline, _regions, _features in sides:
        lines += [f'<path d="{d}"/>' for d in side_outline]
    lines += [f'<path d="{d}"/>' for d in outline]
    lines.append("</g>")
    lines.append(f'<g id="regions" {REGION}>')
    areas = [
        "chest",
        "neck",
        "hands",
        "forehead",
        "cheeks",
        "chin",
        "perioral",
        "periorbital",
        "nose",
    ]
    for area in areas:
        paths = list(regions.get(area, []))
        for _outline, side_regions, _features in sides:
            paths += side_regions.get(area, [])
        if area == "hands":
            paths = hand_shapes
        lines.append(f'<g id="area-{area}">')
        lines += [f'<path d="{d}"/>' for d in paths]
        lines.append("</g>")
    lines.append("</g>")
    lines.append(f'<g id="features" {FEATURE}>')
    all_features = features + hand_features
    for _outline, _regions, side_features in sides:
        all_features += side_features
    lines += [f'<path d="{d}"/>' for d in all_features]
    lines.append("</g>")
    lines.append('<g id="labels" display="none">')
    lines += labels()
    lines.append("</g>")
    lines.append("</svg>")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
