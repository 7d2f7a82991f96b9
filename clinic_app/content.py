"""Clinical content files: shipped in ``resources/``, overridable from the clinic's data dir.

A clinic changes wording, rules or device profiles without code by placing a file of the same
relative path under ``DATA_DIR/overrides/``: a file with the same name replaces the shipped
one, a new name adds to them. Standard library only, so domain code may use it.
"""

from __future__ import annotations

import json
import sys
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import tomllib

OVERRIDES_DIRNAME = "overrides"
BOM = "\ufeff"  # Windows Notepad's "UTF-8" starts a file with it


class ContentError(ValueError):
    """A content file (shipped or the clinic's own) cannot be used; the message names the file
    and the entry. Each kind has its own subclass (RulesFileError, ProfileError, ...)."""


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


# Reading content files safely ----------------------------------------------------------------
# tomllib and json let two kinds of input through as something other than their decode errors:
# nesting deeper than the interpreter's recursion limit (RecursionError) and integers of more
# than 4300 digits (ValueError). A clinic's own file, or a damaged one, must get a message
# naming it, never a traceback: the loaders parse with these and keep their own messages.

MAX_CONTENT_BYTES = 1024 * 1024  # the largest shipped content file is a few dozen kilobytes
TOO_DEEP = "it is nested too deeply (lists or tables inside each other hundreds of times)"


def _too_long(exc: ValueError) -> str:
    return f"a number in it is far too long ({exc})"


def _toml_error(message: str, text: str) -> tomllib.TOMLDecodeError:
    import tomllib

    if sys.version_info >= (3, 14):  # its (msg, doc, pos) signature; free-form is deprecated
        return tomllib.TOMLDecodeError(message, text, 0)  # type: ignore[call-arg,unused-ignore]
    return tomllib.TOMLDecodeError(message)


def loads_toml(text: str) -> dict[str, Any]:
    """``tomllib.loads(text)`` after a leading byte-order mark (every content reader goes
    through here); too deep a nesting or too long a number is a TOMLDecodeError too (a loader's
    ``except tomllib.TOMLDecodeError`` then names the file)."""
    import tomllib  # not at the window's start: content files are read later

    try:
        return tomllib.loads(text.removeprefix(BOM))
    except tomllib.TOMLDecodeError:
        raise
    except RecursionError:
        raise _toml_error(TOO_DEEP, text) from None
    except ValueError as exc:
        raise _toml_error(_too_long(exc), text) from None


def loads_json(text: str, **options: Any) -> Any:
    """``json.loads(text, **options)``; too deep a nesting or too long a number is a
    JSONDecodeError too."""
    try:
        return json.loads(text, **options)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        raise json.JSONDecodeError(TOO_DEEP, text, 0) from None
    except ValueError as exc:
        if type(exc) is not ValueError or "digits" not in str(exc):
            raise  # e.g. a hook's own ValueError
        raise json.JSONDecodeError(_too_long(exc), text, 0) from None


def decode_text(data: bytes, origin: str) -> str:
    """UTF-8 text (a BOM is allowed); ValueError naming ``origin`` and the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"{origin} is not UTF-8 text (byte {exc.start + 1} cannot be read); save it as UTF-8"
        ) from None


def read_content(file: Traversable | Path, origin: str) -> str:
    """The text of a content file: at most MAX_CONTENT_BYTES, UTF-8 (ValueError otherwise)."""
    with file.open("rb") as handle:
        data = handle.read(MAX_CONTENT_BYTES + 1)
    if len(data) > MAX_CONTENT_BYTES:
        raise ValueError(f"{origin} is larger than {MAX_CONTENT_BYTES // 1024} KB")
    return decode_text(data, origin)


def override_problems(data_dir: Path | None) -> list[str]:
    """Why each of the clinic's own content files (``DATA_DIR/overrides/``) cannot even be
    read as UTF-8 TOML or JSON; what the files say is for their loaders to judge."""
    if data_dir is None:
        return []
    root = Path(data_dir) / OVERRIDES_DIRNAME
    problems: list[str] = []
    try:
        files = sorted(p for p in root.rglob("*") if p.suffix in (".toml", ".json"))
    except OSError:
        return problems
    for path in files:
        try:
            if not path.is_file():
                continue
            text = read_content(path, str(path))
            if path.suffix == ".toml":
                loads_toml(text)
            else:
                loads_json(text)
        except (OSError, ValueError) as exc:
            reason = str(exc) if str(path) in str(exc) else f"{path}: {exc}"
            problems.append(reason)
    return problems


def unreadable_content(data_dir: Path | None) -> str:
    """What to tell a person when the clinic's own content files cannot be read ('' when they
    all can): each file, why, and what to do."""
    problems = override_problems(data_dir)
    if not problems:
        return ""
    listed = "\n".join(f"  {problem}" for problem in problems)
    return (
        "A file of the clinic's own content (rules, device profiles, care texts, session "
        f"settings) cannot be read:\n{listed}\nFix it, or remove it to use the shipped file "
        "of the same name."
    )
