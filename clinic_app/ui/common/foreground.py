"""Work a person waits for goes first: the service loader steps aside while it runs.

Python runs one thread at a time, and a worker inside a long C call (compiling a dataclass's
methods, reading a module's bytecode) keeps the interpreter until it returns. With two
workers importing at once, the service loader and a handout's render clicked right after the
start, the UI thread waited for its turn behind both: the stall benchmark measured gaps of
45-75 ms there, with the UI thread's own work some 19 ms. Work started for a person (a
handout's render, a wait in a worker behind a busy cursor) runs inside :func:`foreground`;
the loader calls :func:`step_aside` between the modules it imports, and waits while any such
work runs (at most LONGEST_WAIT_S at a time, so that it is never held up for good). Whatever the
foreground work needs of what the loader would have imported, it imports itself.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

LONGEST_WAIT_S = 5.0

_changed = threading.Condition()
_running = 0


@contextmanager
def foreground() -> Iterator[None]:
    """Mark the block as work a person waits for (from any thread)."""
    global _running
    with _changed:
        _running += 1
    try:
        yield
    finally:
        with _changed:
            _running -= 1
            _changed.notify_all()


def foreground_running() -> bool:
    """Whether work a person waits for is running now."""
    with _changed:
        return _running > 0


def step_aside(longest_s: float = LONGEST_WAIT_S) -> None:
    """Between two steps of background work: wait while foreground work runs, at most
    ``longest_s``."""
    deadline = time.monotonic() + longest_s
    with _changed:
        while _running:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return
            _changed.wait(remaining)
