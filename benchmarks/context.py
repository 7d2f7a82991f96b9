"""What every benchmark is given: the seeded database and how thorough to be."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BenchContext:
    """A seeded clinic to measure against.

    ``data_dir`` is the app's data dir (the SQLite file ``db_path`` lives in it) and
    ``db_url`` its SQLAlchemy URL: the SQLite file, or ``server_url`` when the clinic was seeded
    on a PostgreSQL server (``python -m benchmarks --db-url``). ``samples`` scales how many
    repetitions each benchmark takes (the smoke run in CI uses very few); ``seed`` makes the
    random choices repeatable.
    """

    data_dir: Path
    db_path: Path
    scale: int
    samples: int = 200
    seed: int = 2026
    server_url: str | None = None
    photo_megapixels: float = 12.0  # benchmarks/photos.py: the size of each photo added

    @property
    def db_url(self) -> str:
        return self.server_url or f"sqlite:///{self.db_path}"

    @property
    def backend(self) -> str:
        """'postgresql' or 'sqlite': which database the figures are of."""
        return "postgresql" if self.server_url else "sqlite"

    def repetitions(self, wanted: int) -> int:
        """``wanted`` repetitions, fewer in a smoke run (never fewer than 3)."""
        return max(3, min(wanted, self.samples))
