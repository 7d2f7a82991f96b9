"""glibc's malloc set for a long-running window with worker threads (docs/performance.md, "Peak
memory"). Python's own small objects are not in these heaps; Qt's, SQLite's, ReportLab's
buffers and argon2's 19 MiB are.

- Two arenas (``M_ARENA_MAX``): glibc gives each thread that allocates under contention a heap
  of its own, up to eight per core, and memory freed in one heap is reused only by the threads
  of that heap. The service loader, handouts, saves, backups and QtPdf's renderer each grew
  one, holding memory another thread had freed.
- A fixed mmap threshold (``M_MMAP_THRESHOLD``, 1 MiB): a block that large is mapped on its own
  and given back when freed. glibc otherwise raises the threshold to the size of each such
  block freed (up to 32 MiB), so that later page images, PDFs and password checks were carved
  out of the heap and their memory stayed resident after them.

Some 9 MB off the stall benchmark's peak together. Nothing is done on another C library, or for
a setting the environment already chose (``MALLOC_ARENA_MAX``, ``MALLOC_MMAP_THRESHOLD_``).
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable
from typing import cast

M_MMAP_THRESHOLD = -3  # glibc's malloc.h
M_ARENA_MAX = -8
ARENAS = 2
MMAP_THRESHOLD_BYTES = 1 << 20


def tune_malloc() -> dict[str, bool]:
    """Apply the settings above (call before the first worker thread); which were applied."""
    wanted = {
        "MALLOC_ARENA_MAX": (M_ARENA_MAX, ARENAS),
        "MALLOC_MMAP_THRESHOLD_": (M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES),
    }
    applied = dict.fromkeys(wanted, False)
    mallopt = _glibc_mallopt()
    if mallopt is None:
        return applied
    for variable, (parameter, value) in wanted.items():
        if variable not in os.environ:
            applied[variable] = bool(mallopt(parameter, value))
    return applied


def _glibc_mallopt() -> Callable[[int, int], int] | None:
    """glibc's ``mallopt``; None on another platform or C library."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None)  # the process's own symbols: the C library it runs on
        mallopt = libc.mallopt
        libc.gnu_get_libc_version  # noqa: B018  (glibc only: musl's mallopt does nothing)
    except (OSError, AttributeError):
        return None
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return cast(Callable[[int, int], int], mallopt)
