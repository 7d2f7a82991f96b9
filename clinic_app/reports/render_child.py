"""The process that lays out the window's handouts: ``python -m clinic_app.reports.render_child``.

Started by :class:`~clinic_app.reports.render_process.RenderProcess`; it loads ReportLab, the
handout modules and the fonts at once, then answers one frame at a time on stdin/stdout (see
that module) until its stdin closes, which is also how it ends when the window ends; then it
removes the folder its PDFs went to (its one argument), whatever became of the window. It imports
neither Qt nor SQLAlchemy (tests/reports/test_render_process.py checks it): only the standard
library, ReportLab and the plain dataclasses it is given. Anything it prints goes to stderr, so
that nothing but frames reaches stdout.
"""

from __future__ import annotations

import gc
import os
import pickle
import shutil
import sys
import traceback
from pathlib import Path
from typing import IO

from clinic_app.reports.inputs import HandoutRenderError
from clinic_app.reports.render_process import (
    ChildStatus,
    Failed,
    HandoutJob,
    Rendered,
    StatusQuery,
    peak_kb,
    private_kb,
    read_frame,
    write_frame,
)
from clinic_app.storage import create_private_file, partial_path


def _answer(message: object, counter: list[int]) -> object:
    if isinstance(message, StatusQuery):
        return ChildStatus(os.getpid(), peak_kb(), private_kb(), tuple(sorted(sys.modules)))
    if not isinstance(message, HandoutJob):
        return Failed(HandoutRenderError(f"Unknown request to the render process: {message!r}"))
    from clinic_app.reports.handouts.handouts import render_handout

    try:
        pdf = render_handout(message.letterhead, message.content, created=message.created)
        counter[0] += 1
        path = Path(message.folder) / f"handout-{os.getpid()}-{counter[0]}.pdf"
        _write(path, pdf)
    except Exception as exc:  # every failure is answered: the window must not wait forever
        return Failed(_picklable(exc))
    return Rendered(str(path), peak_kb())


def _write(path: Path, pdf: bytes) -> None:
    """``pdf`` at ``path`` (0600) through a partial file and a rename, so that the window never
    reads half a file. Not fsynced: the file lives until the window has read it, a moment later
    (from the page cache), and what must survive a power cut is the recorded copy in the
    database; an fsync would only add a disk flush to every handout."""
    partial = partial_path(path)
    try:
        with os.fdopen(create_private_file(partial), "wb") as handle:
            handle.write(pdf)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


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
    counter = [0]
    while True:
        message = read_frame(requests)
        if message is None:
            return 0
        try:
            write_frame(answers, _answer(message, counter))
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
    try:
        with answers:
            return serve(sys.stdin.buffer, answers)
    finally:
        if len(sys.argv) > 1:  # the window's folder for this child's PDFs (RenderProcess)
            shutil.rmtree(sys.argv[1], ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
