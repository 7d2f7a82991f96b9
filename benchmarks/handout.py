"""``handout_ratio``: rendering a patient's post-care handout over bare ReportLab.

The app's figure is ``PreparedHandout.render()`` (the work the handout worker does: letterhead,
calendar with real dates, checklist, warning box, embedded fonts) for patients of the seeded
clinic. The baseline is ReportLab on its own: a SimpleDocTemplate of the same handout's text as
plain Normal paragraphs, cut to the same number of pages. Both are warmed up once (font files
read, modules imported) and the medians of the timed renders are compared.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import time
from typing import Any
from xml.sax.saxutils import escape

from benchmarks.context import BenchContext
from benchmarks.stats import median

_PAGE = re.compile(rb"/Type\s*/Page\b")


def page_count(pdf: bytes) -> int:
    """Pages of a PDF written by ReportLab (uncompressed page dictionaries)."""
    return len(_PAGE.findall(pdf))


def _prepared(ctx: BenchContext, count: int) -> list[Any]:
    from sqlalchemy import select

    from clinic_app.db import Database
    from clinic_app.models import Consultation
    from clinic_app.services.handouts import handouts

    rng = random.Random(ctx.seed)
    database = Database(ctx.db_url)
    try:
        with database.session() as session:
            patients = list(
                session.scalars(
                    select(Consultation.patient_id)
                    .where(Consultation.status == "completed")
                    .limit(5000)
                )
            )
            chosen = [rng.choice(patients) for _ in range(count)]
            today = dt.date.today()
            return [
                handouts.prepare_post_care(
                    session,
                    patient_id,
                    today + dt.timedelta(days=rng.randint(1, 30)),
                    data_dir=ctx.data_dir,
                )
                for patient_id in chosen
            ]
    finally:
        database.close()


def _bare_texts(texts: list[str], pages: int) -> list[str]:
    """The escaped ``texts`` (repeated, then cut) that fill exactly ``pages`` plain pages."""
    source = [escape(text) for text in texts if text.strip()] or ["text"]
    story = list(source)
    while page_count(_bare_render(story)) < pages:
        story += source
    while len(story) > 1 and page_count(_bare_render(story[:-1])) >= pages:
        story.pop()
    return story


def _bare_render(texts: list[str]) -> bytes:
    """Bare ReportLab: one Normal paragraph per text in a SimpleDocTemplate."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    normal = getSampleStyleSheet()["Normal"]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build([Paragraph(text, normal) for text in texts])
    return buffer.getvalue()


def _timed(render: Any) -> tuple[float, float, bytes]:
    """Wall and CPU milliseconds of ``render()``, and its PDF."""
    wall, cpu = time.perf_counter(), time.thread_time()
    pdf = render()
    return (time.perf_counter() - wall) * 1000, (time.thread_time() - cpu) * 1000, pdf


def run(ctx: BenchContext) -> dict[str, float]:
    """Median render times (ms) of the post-care handout and of bare ReportLab, and the ratio.

    The two renders alternate, so that both see the same load on a noisy machine; the CPU-time
    ratio (this thread only) is reported beside the wall-clock one."""
    from clinic_app.reports.handouts.handouts import printed_fields

    count = ctx.repetitions(30)
    prepared = _prepared(ctx, count)
    pages = page_count(prepared[0].render())  # also the warm-up: fonts read, modules imported
    texts = [text for _field, text in printed_fields(prepared[0].letterhead, prepared[0].content)]
    story = _bare_texts(texts, pages)
    baseline_pages = page_count(_bare_render(story))
    app_wall, app_cpu, bare_wall, bare_cpu = [], [], [], []
    for handout in prepared:
        wall, cpu, pdf = _timed(handout.render)
        app_wall.append(wall)
        app_cpu.append(cpu)
        pages = max(pages, page_count(pdf))
        wall, cpu, _ = _timed(lambda: _bare_render(story))
        bare_wall.append(wall)
        bare_cpu.append(cpu)
    app_ms, bare_ms = median(app_wall), median(bare_wall)
    return {
        "handout_ms": app_ms,
        "handout_baseline_ms": bare_ms,
        "handout_ratio": app_ms / bare_ms if bare_ms else 0.0,
        "handout_cpu_ratio": median(app_cpu) / median(bare_cpu) if median(bare_cpu) else 0.0,
        "handout_pages": float(pages),
        "handout_baseline_pages": float(baseline_pages),
        "handout_samples": float(count),
    }
