"""The pre-care and post-care handouts as PDF: plain frozen dataclasses in, PDF bytes out.

The content is computed beforehand (``clinic_app.domain.care.care_schedule``); this module lays
it out with ReportLab platypus and never touches the database. It says which sections each
handout holds, in which order; their flowables come from
:mod:`~clinic_app.reports.handouts.content_builders`, the pages they are laid out on from
:mod:`~clinic_app.reports.handouts.page_templates`. Every text is escaped before it reaches a
Paragraph, so "<b>" or "&" in a name print as typed. Text the embedded font cannot draw is
refused up front (:class:`~clinic_app.reports.fonts.UnsupportedCharacterError`). The same input
gives byte-identical output (ReportLab's invariant mode: a fixed document id; the creation date
is the instant given as ``created``, the real time when none is), so a stored handout can be
checked against its SHA-256; a reprint returns the stored bytes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from typing import Any

from reportlab.platypus import Flowable, Spacer

from clinic_app.domain.care.care_handout import PostCareContent, PreCareContent
from clinic_app.reports.fonts import check_all
from clinic_app.reports.handouts.content_builders import (
    Content,
    facts_table,
    title_block,
)
from clinic_app.reports.handouts.face_chart_drawing import face_chart_section
from clinic_app.reports.handouts.page_templates import (
    PageFill,
    PageFurniture,
    build_pdf,
    content_width,
    letterhead_table,
    page_size_of,
)
from clinic_app.reports.handouts.post_care_builders import (
    calendar_section,
    followups_section,
    personal_section,
    warning_box,
)
from clinic_app.reports.handouts.pre_care_builders import checklists, closing_sections
from clinic_app.reports.inputs import HandoutRenderError as HandoutRenderError
from clinic_app.reports.inputs import Letterhead as Letterhead
from clinic_app.reports.styles import Styles, make_styles

# ---------------------------------------------------------------------------------------------
# What is printed


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _strings(getattr(value, field.name), f"{path}.{field.name}".lstrip("."))
    elif isinstance(value, tuple | list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}[{index}]")


def printed_fields(letterhead: Letterhead, content: Content) -> list[tuple[str, str]]:
    """Every text of a handout with a description of where it comes from, people's first."""
    kind = "pre-care" if isinstance(content, PreCareContent) else "post-care"
    fields = [
        ("patient's first name", content.person.first_name),
        ("patient's last name", content.person.last_name),
        ("clinic's name", letterhead.name),
        ("clinic's address", letterhead.address),
        ("clinic's phone number", letterhead.phone),
        ("clinic's email address", letterhead.email),
    ]
    fields += [(f"'{fact.label}' line", fact.value) for fact in content.facts]
    fields += [
        (f"text of the {kind} instructions ({content.template_version}, {path})", text)
        for path, text in _strings(content, "")
        if not path.startswith(("person.", "facts[", "face_chart.chart."))  # the drawing's data
    ]
    return fields


# ---------------------------------------------------------------------------------------------
# Documents: which sections, in which order


def _pre_care_story(
    letterhead: Letterhead, content: PreCareContent, styles: Styles, width: float
) -> list[Flowable]:
    story: list[Flowable] = [
        letterhead_table(letterhead, styles, width),
        *title_block(content, styles),
    ]
    story.append(facts_table(content, styles, width))
    story += checklists(content, styles, width)
    story.append(closing_sections(content, letterhead.phone, styles, width))
    return story


def _post_care_story(
    letterhead: Letterhead, content: PostCareContent, styles: Styles, width: float
) -> list[Flowable]:
    story: list[Flowable] = [
        letterhead_table(letterhead, styles, width),
        *title_block(content, styles),
    ]
    story.append(facts_table(content, styles, width))
    story.append(Spacer(0, 12))
    story.append(warning_box(content, styles, width))
    story += personal_section(content, styles, width)
    story += face_chart_section(content, styles, width)  # "Areas treated today"
    story += calendar_section(content, styles, width)
    story += followups_section(content, styles, width)
    return story


def render_handout(
    letterhead: Letterhead, content: Content, *, created: dt.datetime | None = None
) -> bytes:
    """The PDF of a pre-care or post-care handout, dated ``created`` (default: now); identical
    input gives identical bytes."""
    return lay_out_handout(letterhead, content, created=created)[0]


def lay_out_handout(
    letterhead: Letterhead, content: Content, *, created: dt.datetime | None = None
) -> tuple[bytes, tuple[PageFill, ...]]:
    """The PDF of a handout and how full each of its pages is (for the layout checks)."""
    page_size = page_size_of(letterhead)
    check_all(printed_fields(letterhead, content))
    styles = make_styles()
    width = content_width(page_size)
    if isinstance(content, PreCareContent):
        story = _pre_care_story(letterhead, content, styles, width)
    else:
        story = _post_care_story(letterhead, content, styles, width)
    furniture = PageFurniture(
        footer=content.footer,
        clinic_name=letterhead.name,
        clinic_phone=letterhead.phone,
        page_size=page_size,
        created=created or dt.datetime.now(dt.UTC),
    )
    return build_pdf(
        story,
        furniture,
        title=f"{content.title}: {content.person.full_name}",
        author=letterhead.name,
        subject=content.template_version,
    )


def render_pre_care(
    letterhead: Letterhead, content: PreCareContent, *, created: dt.datetime | None = None
) -> bytes:
    """The pre-care handout as PDF bytes."""
    return render_handout(letterhead, content, created=created)


def render_post_care(
    letterhead: Letterhead, content: PostCareContent, *, created: dt.datetime | None = None
) -> bytes:
    """The post-care handout as PDF bytes."""
    return render_handout(letterhead, content, created=created)
