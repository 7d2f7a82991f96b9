"""Handouts, signed consents and photo comparisons laid out in a process of their own: the
window's side (no ReportLab here).

The window keeps ReportLab, the handout modules and the DejaVu faces (some 21 MB) out of its own
memory by asking a long-lived child, :mod:`clinic_app.reports.render_child`, started at the
first use (or :meth:`RenderProcess.start`, the handouts' warm-up). A render there neither holds
the window's interpreter lock nor, when it crashes, takes the window down.

The protocol, over the child's stdin and stdout: frames of a 4-byte big-endian length and a
pickle. The window sends a :class:`HandoutJob`, :class:`ConsentJob` or :class:`CompareJob`
(plain frozen dataclasses: the letterhead and the content, never ORM objects); the child
answers with the PDF's bytes in the frame (a patient's document never touches the disk on its
way: the durable copy is the database's), or with the exception the render raised
(UnsupportedCharacterError and the like, re-raised here as they are). When the child dies
(killed, out of memory, a crash in a C library) the caller gets :class:`RenderProcessError` and
the next render starts a new child. The child ends when this process closes its stdin
(:meth:`RenderProcess.close`, or this process ending for any reason: no orphan), and on Windows
it has no console window.

Thread-safe: one render at a time (the lock), from whichever thread asks.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import pickle
import struct
import subprocess
import sys
import threading
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from clinic_app.reports.inputs import HandoutRenderError, Letterhead

if TYPE_CHECKING:
    from clinic_app.domain.care.care_handout import PostCareContent, PreCareContent
    from clinic_app.reports.consent_inputs import ConsentPrint
    from clinic_app.reports.photo_compare_inputs import ComparePage

CHILD_MODULE = "clinic_app.reports.render_child"
_HEADER = struct.Struct(">I")
STOP_TIMEOUT_S = 5.0
# A render takes a fraction of a second (a new child's first, some 0.3 s more); one still going
# after this is taken for a hung child, which is killed: the person gets an error, not a wait.
ANSWER_TIMEOUT_S = 120.0


class RenderProcessError(HandoutRenderError):
    """The render process ended before answering; nothing was rendered. The message names no
    kind of document (the handouts' and the consent's windows say it in their own words)."""

    def __init__(self, status: int | None) -> None:
        self.status = status
        super().__init__(
            "The program that lays out the app's documents stopped unexpectedly"
            + (f" (exit status {status})" if status is not None else "")
            + ", so the document was not made. Try again: it starts afresh."
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.status,))


@dataclass(frozen=True)
class HandoutJob:
    """One handout to lay out: what ``render_handout`` takes."""

    letterhead: Letterhead
    content: PreCareContent | PostCareContent
    created: dt.datetime | None


@dataclass(frozen=True)
class ConsentJob:
    """One signed consent to lay out: what ``render_consent`` takes."""

    letterhead: Letterhead
    content: ConsentPrint
    created: dt.datetime | None


@dataclass(frozen=True)
class CompareJob:
    """One photo comparison page to lay out: what ``render_compare`` takes."""

    page: ComparePage


@dataclass(frozen=True)
class StatusQuery:
    """Asks the child how it is (:class:`ChildStatus`)."""


@dataclass(frozen=True)
class ChildStatus:
    """The child's process id, its peak resident set so far (VmHWM, kB), the part of its
    resident set now that no other process shares (private pages, kB: what the child costs the
    computer beyond the libraries already in memory; 0 where the system does not tell either)
    and the modules it has imported."""

    pid: int
    peak_kb: int
    private_kb: int
    modules: tuple[str, ...]


@dataclass(frozen=True)
class Rendered:
    """The child's answer to a job: the PDF and the child's peak so far (kB)."""

    pdf: bytes
    peak_kb: int


@dataclass(frozen=True)
class Failed:
    """The child's answer when the render raised: the exception, to raise here."""

    error: BaseException


def write_frame(stream: IO[bytes], message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def read_frame(stream: IO[bytes]) -> object | None:
    """The next message, or None when the other side closed the pipe (or died)."""
    header = _read_exactly(stream, _HEADER.size)
    if header is None:
        return None
    (size,) = _HEADER.unpack(header)
    data = _read_exactly(stream, size)
    return None if data is None else pickle.loads(data)


def _read_exactly(stream: IO[bytes], size: int) -> bytes | None:
    chunks = bytearray()
    while len(chunks) < size:
        chunk = stream.read(size - len(chunks))
        if not chunk:
            return None
        chunks += chunk
    return bytes(chunks)


def peak_kb() -> int:
    """This process's peak resident set (VmHWM, kB); 0 where the system does not tell."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    try:
        import resource
    except ImportError:  # Windows
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # bytes on macOS


def private_kb() -> int:
    """This process's private resident memory (kB, Linux's smaps_rollup); 0 elsewhere."""
    total = 0
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/smaps_rollup").read_text().splitlines():
            if line.startswith(("Private_Clean:", "Private_Dirty:")):
                total += int(line.split()[1])
    return total


def child_command() -> list[str]:
    """How the child is started: this interpreter and the child module (``-P``: the current
    folder is not put first on its ``sys.path``, so nothing there shadows the app's modules)."""
    return [sys.executable, "-P", "-m", CHILD_MODULE]


class _Child:
    """One running child."""

    def __init__(self, command: list[str]) -> None:
        flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # Windows: no console window
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            # The window's own, so a crash's traceback goes where the window's go (none under
            # pythonw on Windows: nowhere then).
            stderr=None if sys.stderr is not None else subprocess.DEVNULL,
            creationflags=flags,
        )
        # The child ends with this object, or with this process at the latest (atexit).
        self._finalizer = weakref.finalize(self, _stop, self.process)

    def exchange(self, message: object) -> object | None:
        """Send ``message`` and wait for the answer; None when the child died meanwhile (or
        hung, and was killed after ANSWER_TIMEOUT_S)."""
        process = self.process
        assert process.stdin is not None and process.stdout is not None
        watchdog = threading.Timer(ANSWER_TIMEOUT_S, process.kill)
        watchdog.daemon = True
        watchdog.start()
        try:
            write_frame(process.stdin, message)
            return read_frame(process.stdout)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError):
            return None
        finally:
            watchdog.cancel()

    def stop(self) -> int | None:
        """End the child (its stdin closed; killed if it does not end); its exit status."""
        self._finalizer()
        return self.process.returncode


def _stop(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(OSError, ValueError):
        if process.stdin is not None:
            process.stdin.close()  # the child's read ends: it exits
    try:
        process.wait(STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if process.stdout is not None:
        process.stdout.close()


class RenderProcess:
    """The window's handle on its render child (started lazily, restarted after a death)."""

    def __init__(self, command: list[str] | None = None) -> None:
        self.command = command if command is not None else child_command()
        self._lock = threading.Lock()
        self._child: _Child | None = None
        self.peak_kb = 0  # the highest peak (VmHWM, kB) a child has reported
        self.starts = 0  # how many children were started

    @property
    def running(self) -> bool:
        child = self._child
        return child is not None and child.process.poll() is None

    def start(self) -> None:
        """Start the child now (it loads ReportLab and the fonts at once), unless running."""
        with self._lock:
            self._running_child()

    def render_handout(
        self,
        letterhead: Letterhead,
        content: PreCareContent | PostCareContent,
        *,
        created: dt.datetime | None = None,
    ) -> bytes:
        """The PDF bytes of the handout, laid out by the child (``render_handout``'s errors
        raised here as they are; RenderProcessError when the child died)."""
        return self._render(HandoutJob(letterhead, content, created))

    def render_consent(
        self, letterhead: Letterhead, content: ConsentPrint, *, created: dt.datetime | None = None
    ) -> bytes:
        """The PDF bytes of a signed consent, laid out by the child (as ``render_handout``)."""
        return self._render(ConsentJob(letterhead, content, created))

    def render_compare(self, page: ComparePage) -> bytes:
        """The PDF bytes of a photo comparison page, laid out by the child (as
        ``render_handout``)."""
        return self._render(CompareJob(page))

    def _render(self, job: HandoutJob | ConsentJob | CompareJob) -> bytes:
        with self._lock:
            child = self._running_child()
            answer = child.exchange(job)
            if isinstance(answer, Failed):
                raise answer.error
            if not isinstance(answer, Rendered):
                raise RenderProcessError(self._discard(child))
            self.peak_kb = max(self.peak_kb, answer.peak_kb)
            return answer.pdf

    def status(self) -> ChildStatus:
        """The running child's status (started if need be)."""
        with self._lock:
            child = self._running_child()
            answer = child.exchange(StatusQuery())
            if not isinstance(answer, ChildStatus):
                raise RenderProcessError(self._discard(child))
            self.peak_kb = max(self.peak_kb, answer.peak_kb)
            return answer

    def close(self) -> None:
        """End the child, if one runs (waits up to a few seconds for it, then kills it); a
        render still going after STOP_TIMEOUT_S is cut short (its caller gets
        RenderProcessError), so that quitting never hangs on a hung child."""
        if not self._lock.acquire(timeout=STOP_TIMEOUT_S):
            child = self._child
            if child is not None:
                with contextlib.suppress(OSError):
                    child.process.kill()
            self._lock.acquire()
        try:
            if self._child is not None:
                self._discard(self._child)
        finally:
            self._lock.release()

    def _running_child(self) -> _Child:
        child = self._child
        if child is not None and child.process.poll() is not None:
            self._discard(child)
            child = None
        if child is None:
            try:
                child = _Child(self.command)
            except OSError as exc:  # no interpreter there, no process left to start, ...
                raise RenderProcessError(None) from exc
            self._child = child
            self.starts += 1
        return child

    def _discard(self, child: _Child) -> int | None:
        if self._child is child:
            self._child = None
        return child.stop()
