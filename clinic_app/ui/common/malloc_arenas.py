"""Fewer C heaps: glibc's malloc gives each thread that allocates under contention a heap
("arena") of its own, up to eight per core, and memory freed in one arena is reused only by
the threads of that arena. The window's worker threads (the service loader, handouts, saves,
backups, QtPdf's renderer) each grew one, holding memory another thread had freed.

Two arenas (``M_ARENA_MAX``, as the ``MALLOC_ARENA_MAX`` environment variable sets it) kept the
peak of a working day some 5 MB lower in the stall benchmark (docs/performance.md, "Peak
memory"); Python's own objects are not in these heaps, and the UI thread still never waits for
a worker's allocations longer than a lock. Nothing is done on another C library, or when the
environment already chose a value.
"""

from __future__ import annotations

import ctypes
import os
import sys

M_ARENA_MAX = -8  # glibc's malloc.h
ARENAS = 2


def limit_arenas(arenas: int = ARENAS) -> bool:
    """Limit glibc's malloc to ``arenas`` heaps; False where that is not glibc or not wanted."""
    if not sys.platform.startswith("linux") or "MALLOC_ARENA_MAX" in os.environ:
        return False
    try:
        libc = ctypes.CDLL(None)  # the process's own symbols: the C library it runs on
        mallopt = libc.mallopt
        libc.gnu_get_libc_version  # noqa: B018  (glibc only: musl has mallopt as a stub)
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_ARENA_MAX, arenas))
