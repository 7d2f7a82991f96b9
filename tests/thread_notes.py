"""Which threads call a function: for tests of work that must run off the UI thread."""

from __future__ import annotations

import threading


def note_threads(monkeypatch, module, name: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The threads that call ``module.name`` from now on (the real function still runs)."""
    threads: list[str] = []
    real = getattr(module, name)

    def noting_thread(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, noting_thread)
    return threads
