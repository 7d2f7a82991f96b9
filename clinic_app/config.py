"""Where the data lives and which database to open.

Precedence for each setting: command-line option, then environment variable, then default.
The default is an embedded SQLite file in the per-user data directory (platformdirs).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "clinic-app"
ENV_DATA_DIR = "CLINIC_APP_DATA_DIR"
ENV_DB_URL = "CLINIC_APP_DB_URL"
SQLITE_FILENAME = "clinic.db"
PHOTOS_DIRNAME = "photos"  # photo files by SHA-256 on SQLite (services/photos/photo_store.py)


@dataclass(frozen=True)
class AppConfig:
    """Resolved locations: the data directory (drafts, backups, overrides) and the database URL."""

    data_dir: Path
    db_url: str

    @property
    def is_sqlite(self) -> bool:
        return self.db_url.startswith("sqlite")

    @property
    def photos_dir(self) -> Path:
        return photos_dir(self.data_dir)


def photos_dir(data_dir: Path) -> Path:
    """DATA_DIR/photos: where an SQLite clinic keeps its photos, one file per SHA-256."""
    return Path(data_dir) / PHOTOS_DIRNAME


def default_data_dir() -> Path:
    """The per-user data directory, e.g. ~/.local/share/clinic-app on Linux."""
    import platformdirs  # only when no folder was given (a few ms of every start otherwise)

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def sqlite_url(path: Path) -> str:
    """SQLAlchemy URL of an SQLite file."""
    return f"sqlite:///{path}"


def normalise_db_url(url: str) -> str:
    """Pick the psycopg 3 driver for plain ``postgresql://`` URLs."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def resolve_config(
    data_dir: str | os.PathLike[str] | None = None,
    db_url: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> AppConfig:
    """Resolve the data directory and database URL from options, environment and defaults."""
    env = os.environ if environ is None else environ
    chosen_dir = data_dir or env.get(ENV_DATA_DIR) or default_data_dir()
    resolved_dir = Path(chosen_dir).expanduser().resolve()
    url = db_url or env.get(ENV_DB_URL) or sqlite_url(resolved_dir / SQLITE_FILENAME)
    return AppConfig(data_dir=resolved_dir, db_url=normalise_db_url(url))
