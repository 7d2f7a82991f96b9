"""The process that lays out the window's handouts, signed consents and photo comparisons.

``python -m clinic_app.reports.render_child``, started by
:class:`~clinic_app.reports.render_process.RenderProcess`; it loads ReportLab, the
handout modules and the fonts at once, then answers one frame at a time on stdin/stdout (see
that module) until its stdin closes, which is also how it ends when the window ends. It writes
no file: each PDF goes back in its answer. It imports neither Qt nor SQLAlchemy
(tests/reports/test_render_process.py checks it): only the standard library, ReportLab and the
plain dataclasses it is given. Anything it prints goes to stderr, so that nothing but frames
reaches stdout.
"""

from __future__ import annotations

import gc
import os
import pickle
import sys
import traceback
from typing import IO

from clinic_app.reports.inputs import HandoutRenderError
from clinic_app.reports.render_process import (
    ChildStatus,
    CompareJob,
    ConsentJob,
    Failed,
    HandoutJob,
    Rendered,
    StatusQuery,
    peak_kb,
    private_kb,
    read_frame,
    write_frame,
)


def _answer(message: object) -> object:
    if isinstance(message, StatusQuery):
        return ChildStatus(os.getpid(), peak_kb(), private_kb(), tuple(sorted(sys.modules)))
    try:
        if isinstance(message, HandoutJob):
            from clinic_app.reports.handouts.handouts import render_handout

            pdf = render_handout(message.letterhead, message.content, created=message.created)
        elif isinstance(message, ConsentJob):
            from clinic_app.reports.consent_pdf import render_consent  # its first: on demand

            pdf = render_consent(message.letterhead, message.content, created=message.created)
        elif isinstance(message, CompareJob):
            from clinic_app.reports.photo_compare import render_compare  # on demand too

            pdf = render_compare(message.page)
        else:
            raise HandoutRenderError(f"Unknown request to the render process: {message!r}")
    except Exception as exc:  # every failure is answered: the window must not wait forever
        return Failed(_picklable(exc))
    return Rendered(pdf, peak_kb())


def _picklable(exc: Exception) -> BaseException:
    """``exc`` when it survives pickling, else a HandoutRenderError with its traceback."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        text = "".join(traceback.format_exception(exc)).strip()
        return HandoutRenderError(f"The handout could not be laid out: {text}")
    return exc


def serve(requests: IO[bytes], answers: IO[bytes]) -> int:
    """Answer every request until ``requests`` ends; the exit status."""
    while True:
        message = read_frame(requests)
        if message is None:
            return 0
        try:
            write_frame(answers, _answer(message))
        except BrokenPipeError:  # the window is gone
            return 0


def main() -> int:
    # At the window's own priority, not below it: a person waits for every render (a niceness
    # of 5 made a handout 0.4-1.8 ms slower with one other busy process on two cores, and
    # gained the window nothing measurable; git log of this line).
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    # A stray print cannot break a frame: stdout becomes stderr (nothing, where there is none).
    errors = sys.stderr.fileno() if sys.stderr is not None else os.open(os.devnull, os.O_WRONLY)
    os.dup2(errors, sys.stdout.fileno())
    # Loaded before the first request: the warm-up of the window's first handout.
    from clinic_app.reports.fonts import register_fonts
    from clinic_app.reports.handouts import handouts as _handouts  # noqa: F401

    register_fonts()
    # What was just loaded lives as long as the child: out of the cyclic collector's sight,
    # its collections during a render stay short (some 3 % of a render).
    gc.freeze()
    with answers:
        return serve(sys.stdin.buffer, answers)


if __name__ == "__main__":
    sys.exit(main())
