"""The render process: real PDFs laid out by a real child, read back; its death; its imports."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from fresh_python import run_python
from pypdf import PdfReader
from test_handouts_pdf import CREATED, LETTERHEAD, TRICKY, TRICKY_NAME, post_content, pre_content

from clinic_app.domain.care import care_handout
from clinic_app.reports import render_process
from clinic_app.reports.handouts.handouts import render_handout
from clinic_app.reports.inputs import UnsupportedCharacterError
from clinic_app.reports.render_process import RenderProcess, RenderProcessError, read_frame

# A child that reads one request and dies without answering (SIGKILL on itself, as the
# system's out-of-memory killer or a crash would end it), for the death in the middle of a render.
DIES_MID_RENDER = (
    "import os, signal, sys\n"
    "from clinic_app.reports.render_process import read_frame\n"
    "read_frame(sys.stdin.buffer)\n"
    "os.kill(os.getpid(), signal.SIGKILL)\n"
)


def _text(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


@pytest.fixture
def renderer():
    process = RenderProcess()
    yield process
    process.close()


def test_the_child_lays_out_the_same_bytes_as_this_process(renderer) -> None:
    content = pre_content()
    pdf = renderer.render_handout(LETTERHEAD, content, created=CREATED)
    assert pdf == render_handout(LETTERHEAD, content, created=CREATED)
    text = _text(pdf)
    assert TRICKY_NAME in text and LETTERHEAD.phone in text
    post = renderer.render_handout(LETTERHEAD, post_content(), created=CREATED)
    assert "Day 1" in _text(post)
    assert renderer.starts == 1, "one long-lived child"
    assert renderer.peak_kb > 0 or not Path("/proc/self/status").exists()


def test_a_patient_s_handout_never_touches_the_disk(tmp_path, monkeypatch) -> None:
    """The PDF comes back in the child's answer: neither side writes a file, not even one
    removed at once (the durable copy is the database's)."""
    import tempfile

    monkeypatch.setenv("TMPDIR", str(tmp_path))  # the child's temporary folder
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # and this process's
    renderer = RenderProcess()
    try:
        pdf = renderer.render_handout(LETTERHEAD, pre_content(), created=CREATED)
        assert TRICKY_NAME in _text(pdf)
        assert list(tmp_path.iterdir()) == []
    finally:
        renderer.close()
    assert list(tmp_path.iterdir()) == []


def test_nothing_in_the_current_folder_shadows_the_child_s_modules(tmp_path, monkeypatch) -> None:
    """A ``clinic_app`` folder wherever the window was started from is not what the child
    imports (its command line keeps the current folder off ``sys.path``)."""
    (tmp_path / "clinic_app").mkdir()
    (tmp_path / "clinic_app" / "__init__.py").write_text("raise SystemExit(3)\n")
    monkeypatch.chdir(tmp_path)
    renderer = RenderProcess()
    try:
        pdf = renderer.render_handout(LETTERHEAD, pre_content(), created=CREATED)
    finally:
        renderer.close()
    assert TRICKY_NAME in _text(pdf)


def test_a_refusal_in_the_child_is_raised_here_as_it_is(renderer) -> None:
    person = care_handout.Person("Mei", "Li 漢", TRICKY.date_of_birth)
    with pytest.raises(UnsupportedCharacterError) as raised:
        renderer.render_handout(LETTERHEAD, pre_content(person), created=CREATED)
    assert raised.value.character == "漢" and "last name" in str(raised.value)
    assert renderer.running, "a refusal is an answer, not a death"


def test_the_child_imports_neither_qt_nor_sqlalchemy(renderer) -> None:
    renderer.render_handout(LETTERHEAD, post_content(), created=CREATED)
    status = renderer.status()
    assert status.pid != os.getpid()
    assert "reportlab" in status.modules
    heavy = ("PySide6", "shiboken6", "sqlalchemy", "clinic_app.models", "clinic_app.db")
    loaded = [m for m in status.modules if any(m == h or m.startswith(h + ".") for h in heavy)]
    assert loaded == []


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_child_killed_between_renders_is_an_error_then_a_new_child(renderer) -> None:
    renderer.start()
    child = renderer._child
    assert child is not None
    child.process.send_signal(signal.SIGKILL)
    child.process.wait()
    # The death is noticed before the request is sent: a new child answers at once.
    pdf = renderer.render_handout(LETTERHEAD, pre_content(), created=CREATED)
    assert TRICKY_NAME in _text(pdf) and renderer.starts == 2


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_child_dying_mid_render_is_an_error_and_the_next_render_works(renderer) -> None:
    renderer.command = [sys.executable, "-c", DIES_MID_RENDER]
    with pytest.raises(RenderProcessError) as raised:
        renderer.render_handout(LETTERHEAD, pre_content(), created=CREATED)
    assert raised.value.status == -signal.SIGKILL
    assert "stopped unexpectedly" in str(raised.value) and not renderer.running
    renderer.command = RenderProcess().command
    pdf = renderer.render_handout(LETTERHEAD, pre_content(), created=CREATED)
    assert TRICKY_NAME in _text(pdf) and renderer.starts == 2


# A child that takes the request and never answers (a hang in a C library, say).
HANGS = (
    "import sys, time\n"
    "from clinic_app.reports.render_process import read_frame\n"
    "read_frame(sys.stdin.buffer)\n"
    "time.sleep(3600)\n"
)


def test_a_hung_child_is_killed_and_said(renderer, monkeypatch) -> None:
    monkeypatch.setattr(render_process, "ANSWER_TIMEOUT_S", 0.5)
    renderer.command = [sys.executable, "-c", HANGS]
    with pytest.raises(RenderProcessError):
        renderer.render_handout(LETTERHEAD, pre_content(), created=CREATED)
    assert not renderer.running


def test_closing_cuts_a_hung_render_short(renderer, monkeypatch) -> None:
    """Quitting the window never waits on a hung child: close() kills it."""
    monkeypatch.setattr(render_process, "STOP_TIMEOUT_S", 0.2)
    renderer.command = [sys.executable, "-c", HANGS]
    renderer.start()
    errors: list[BaseException] = []

    def render() -> None:
        try:
            renderer.render_handout(LETTERHEAD, pre_content(), created=CREATED)
        except RenderProcessError as exc:
            errors.append(exc)

    thread = threading.Thread(target=render)
    thread.start()
    while not renderer._lock.locked():  # the render has the child
        thread.join(0.01)
    renderer.close()
    thread.join()
    assert len(errors) == 1 and not renderer.running


def test_the_child_ends_when_its_stdin_closes(tmp_path) -> None:
    """No orphan: the child ends when its parent's pipe closes, whatever the parent did."""
    process = subprocess.Popen(
        RenderProcess().command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=tmp_path,
    )
    assert process.stdin is not None and process.stdout is not None
    process.stdin.close()
    assert process.wait(60) == 0
    assert read_frame(process.stdout) is None
    process.stdout.close()


def test_a_parent_that_dies_leaves_no_child(tmp_path) -> None:
    """A parent killed outright (no clean-up runs) takes its child with it: the pipe closes."""
    parent = (
        "import os, signal, sys\n"
        "from clinic_app.reports.render_process import RenderProcess\n"
        "renderer = RenderProcess()\n"
        "print(renderer.status().pid, flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", parent], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    _wait_gone(int(done.stdout))


def _wait_gone(pid: int) -> None:
    import time

    for _ in range(600):  # the child reads EOF and exits; give a loaded machine a minute
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        if (
            Path(f"/proc/{pid}/stat").exists()
            and Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"
        ):
            return  # a zombie: ended, waiting for init to reap it
        time.sleep(0.1)
    raise AssertionError(f"the render child {pid} outlived its parent")


def test_the_window_s_side_never_imports_reportlab(tmp_path) -> None:
    """A fresh interpreter has a handout laid out by the child: ReportLab stays out of it."""
    import pickle

    job = tmp_path / "job.pickle"
    job.write_bytes(pickle.dumps((LETTERHEAD, post_content(), CREATED)))
    script = (
        "import pickle, sys\n"
        "from clinic_app.reports.render_process import RenderProcess\n"
        f"letterhead, content, created = pickle.loads(open({str(job)!r}, 'rb').read())\n"
        "renderer = RenderProcess()\n"
        "pdf = renderer.render_handout(letterhead, content, created=created)\n"
        "renderer.close()\n"
        "print(pdf[:5].decode(), 'reportlab' in sys.modules, 'PySide6' in sys.modules)\n"
    )
    assert run_python(script, tmp_path).split() == ["%PDF-", "False", "False"]


def test_a_child_that_cannot_start_is_the_same_error(tmp_path) -> None:
    renderer = RenderProcess([str(tmp_path / "no-such-python")])
    with pytest.raises(RenderProcessError):
        renderer.render_handout(LETTERHEAD, pre_content(), created=CREATED)
    assert renderer.starts == 0 and not renderer.running


def test_what_the_window_prepares_pdfs_with_imports_no_reportlab(tmp_path) -> None:
    """The services that prepare a handout, a consent's copy and a photo comparison (the
    window imports them to show and prepare) leave ReportLab to the render process."""
    code = (
        "import sys\n"
        "import clinic_app.services.consent.consent_print\n"
        "import clinic_app.services.handouts.handouts\n"
        "import clinic_app.services.photos.photo_compare\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'reportlab'))\n"
    )
    assert run_python(code, tmp_path).strip() == "[]"
