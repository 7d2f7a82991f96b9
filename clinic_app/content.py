"""Clinical content files: shipped in ``resources/``, overridable from the clinic's data dir.

A clinic changes wording, rules or device profiles without code by placing a file of the same
relative path under ``DATA_DIR/overrides/``: a file with the same name replaces the shipped
one, a new name adds to them. Standard library only, so domain code may use it.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

OVERRIDES_DIRNAME = "overrides"


def shipped(relative: str) -> Traversable:
    """A file or folder shipped in resources/, e.g. ``shipped("fonts/DejaVuSans.ttf")``."""
    node = files("clinic_app.resources")
    for part in Path(relative).parts:
        node = node.joinpath(part)
    return node


def override_dir(data_dir: Path, relative_dir: str) -> Path:
    """Where a clinic puts its own versions of the files of ``relative_dir``."""
    return data_dir / OVERRIDES_DIRNAME / relative_dir


def layered_files(
    relative_dir: str, data_dir: Path | None = None, suffix: str = ".toml"
) -> list[Traversable]:
    """The shipped files of ``relative_dir`` overlaid by the clinic's, sorted by file name."""
    by_name: dict[str, Traversable] = {}
    folder = shipped(relative_dir)
    if folder.is_dir():
        for entry in folder.iterdir():
            if entry.is_file() and entry.name.endswith(suffix):
                by_name[entry.name] = entry
    if data_dir is not None:
        local = override_dir(data_dir, relative_dir)
        if local.is_dir():
            for path in local.iterdir():
                if path.is_file() and path.name.endswith(suffix):
                    by_name[path.name] = path
    return [by_name[name] for name in sorted(by_name)]
