"""The standard views a photo is filed under, read from ``photos/views.toml`` (content)."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path

from clinic_app.content import ContentError, layered_files, loads_toml, read_content

VIEWS_DIR = "photos"
VIEWS_FILE = "views.toml"
MAX_VIEWS = 40


class PhotoViewsError(ContentError):
    """The views file cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class PhotoView:
    """One standard view: its stored id, the label shown, how to take it."""

    id: str
    label: str
    guidance: str = ""


@dataclass(frozen=True)
class PhotoViews:
    """The views in the order they are offered, and the file's source line."""

    views: tuple[PhotoView, ...]
    source: str

    def label(self, view_id: str) -> str:
        """The label of ``view_id``; an id no longer in the file reads as itself."""
        for view in self.views:
            if view.id == view_id:
                return view.label
        return view_id

    def ids(self) -> tuple[str, ...]:
        return tuple(view.id for view in self.views)


def parse_views(text: str, origin: str) -> PhotoViews:
    """Parse the text of a views file; PhotoViewsError naming ``origin`` when it is unusable."""
    try:
        data = loads_toml(text)
    except tomllib.TOMLDecodeError as exc:
        raise PhotoViewsError(f"{origin} is not valid TOML: {exc}") from None
    entries = data.get("view")
    if not isinstance(entries, list) or not entries:
        raise PhotoViewsError(f"{origin} lists no [[view]]")
    if len(entries) > MAX_VIEWS:
        raise PhotoViewsError(f"{origin} lists more than {MAX_VIEWS} views")
    views: list[PhotoView] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, 1):
        where = f"{origin}, view {number}"
        if not isinstance(entry, dict):
            raise PhotoViewsError(f"{where} is not a table")
        view_id, label = entry.get("id"), entry.get("label")
        guidance = entry.get("guidance", "")
        if not isinstance(view_id, str) or not view_id.isidentifier() or len(view_id) > 20:
            raise PhotoViewsError(f"{where}: id must be a short name of letters, digits and _")
        if view_id in seen:
            raise PhotoViewsError(f"{where}: the id {view_id!r} is listed twice")
        if not isinstance(label, str) or not label.strip():
            raise PhotoViewsError(f"{where}: label is missing")
        if not isinstance(guidance, str):
            raise PhotoViewsError(f"{where}: guidance must be text")
        seen.add(view_id)
        views.append(PhotoView(view_id, label.strip(), guidance.strip()))
    source = data.get("source", "")
    return PhotoViews(tuple(views), source if isinstance(source, str) else "")


def load_views(data_dir: Path | None = None) -> PhotoViews:
    """The shipped views file, or the clinic's own from ``DATA_DIR/overrides/photos/``."""
    chosen = [f for f in layered_files(VIEWS_DIR, data_dir) if f.name == VIEWS_FILE]
    if not chosen:
        raise PhotoViewsError(f"{VIEWS_DIR}/{VIEWS_FILE} is missing")
    origin = f"{VIEWS_DIR}/{VIEWS_FILE}"
    try:
        text = read_content(chosen[0], origin)
    except ValueError as exc:
        raise PhotoViewsError(str(exc)) from None
    return parse_views(text, origin)


def days_since(treatment: dt.date | None, taken: dt.date) -> int | None:
    """Days from the treatment to the photo (0 on the day, negative before); None without one."""
    return None if treatment is None else (taken - treatment).days
