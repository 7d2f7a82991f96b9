"""``handout_ratio``: a patient's post-care handout as the window makes it, over bare ReportLab.

The app's figure is ``PreparedHandout.render(renderer)`` with the window's render process
(``clinic_app.reports.render_process``: the content pickled to the child, laid out there with
letterhead, calendar with real dates, checklist, warning box and embedded fonts, its bytes
sent back on the pipe) for patients of the seeded clinic.
The baseline is ReportLab on its own, in this process: a SimpleDocTemplate of the same handout's
text as plain Normal paragraphs, cut to the same number of pages. Both are warmed up once (font
files read, modules imported; for the app, the child started) and the medians of the timed
renders are compared.

Beside it, with no target: ``handout_inprocess_ms`` (the same render in this process, what the
window did before the render process; ``handout_inprocess_ratio``), and
``handout_child_start_ms``, a new child from its start until its first PDF is back
(interpreter, ReportLab, fonts, one render): what a handout asked for before the window's
warm-up has started the child waits for at most (the warm-up starts it 1.5 s after the window
is up), and what the next handout after a crashed child waits for.
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
    """Median render times (ms) of the post-care handout (by the render process) and of bare
    ReportLab, and the ratio.

    The renders alternate (the child's, the bare one, this process's), so that all see the same
    load on a noisy machine; the CPU-time ratio (this thread only, so of the in-process render:
    the child's CPU is not this thread's) is reported beside the wall-clock one."""
    from clinic_app.reports.handouts.handouts import printed_fields
    from clinic_app.reports.render_process import RenderProcess

    count = ctx.repetitions(30)
    prepared = _prepared(ctx, count)
    pages = page_count(prepared[0].render())  # also the warm-up: fonts read, modules imported
    renderer = RenderProcess()
    try:
        start_ms, _cpu, first = _timed(lambda: prepared[0].render(renderer))  # a new child
        if first != prepared[0].render():
            raise RuntimeError("the render process laid out other bytes than this process")
        texts = [text for _f, text in printed_fields(prepared[0].letterhead, prepared[0].content)]
        story = _bare_texts(texts, pages)
        baseline_pages = page_count(_bare_render(story))
        app_wall, bare_wall, bare_cpu, here_wall, here_cpu = [], [], [], [], []
        for handout in prepared:
            wall, _cpu, pdf = _timed(lambda: handout.render(renderer))  # noqa: B023
            app_wall.append(wall)
            pages = max(pages, page_count(pdf))
            wall, cpu, _ = _timed(lambda: _bare_render(story))
            bare_wall.append(wall)
            bare_cpu.append(cpu)
            wall, cpu, _ = _timed(handout.render)
            here_wall.append(wall)
            here_cpu.append(cpu)
        child_peak_kb = renderer.status().peak_kb
    finally:
        renderer.close()
    app_ms, bare_ms, here_ms = median(app_wall), median(bare_wall), median(here_wall)
    return {
        "handout_ms": app_ms,
        "handout_baseline_ms": bare_ms,
        "handout_ratio": app_ms / bare_ms if bare_ms else 0.0,
        "handout_cpu_ratio": median(here_cpu) / median(bare_cpu) if median(bare_cpu) else 0.0,
        "handout_inprocess_ms": here_ms,
        "handout_inprocess_ratio": here_ms / bare_ms if bare_ms else 0.0,
        "handout_child_start_ms": start_ms,
        "handout_child_peak_mb": round(child_peak_kb / 1024, 1),
        "handout_pages": float(pages),
        "handout_baseline_pages": float(baseline_pages),
        "handout_samples": float(count),
    }
