"""What a person has typed into an open form, kept on disk until it is saved or discarded.

A form writes its raw values (text as typed, valid or not) here as they change; if the app is
killed or the computer loses power, opening the same form again offers them back. The drafts
live in DATA_DIR/drafts/ beside the database (they hold the same kind of information) and are
written atomically, so a draft is either the previous one or the new one, never half of each.
The folder is 0700 and each draft 0600, whatever the umask (clinic_app.storage). A draft that
cannot be read back (damaged, too large, nested too deep, numbers too long) is simply not
offered.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from clinic_app import storage
from clinic_app.services.safe_files import write_atomically

DRAFTS_DIRNAME = "drafts"
MAX_DRAFT_BYTES = 1024 * 1024  # a form's text is a few kilobytes
_SAFE_KEY = re.compile(r"^[a-z0-9-]{1,80}$")


def _path(data_dir: Path, key: str) -> Path:
    if not _SAFE_KEY.match(key):
        raise ValueError(f"a draft key is lower-case letters, digits and dashes, not {key!r}")
    return data_dir / DRAFTS_DIRNAME / f"{key}.json"


def save(data_dir: Path, key: str, values: dict[str, str]) -> None:
    """Keep ``values`` (field name -> text) as the draft of form ``key``."""
    path = _path(data_dir, key)
    storage.make_private_dir(path.parent, narrow=True)
    storage.remove_stale_partials(path.parent)
    data = json.dumps({"format": 1, "values": values}, ensure_ascii=False, sort_keys=True)
    write_atomically(path, data.encode("utf-8"), "keeping what you typed")


def load(data_dir: Path, key: str) -> dict[str, str] | None:
    """The draft of form ``key``, or None (also for a file that cannot be read back)."""
    try:
        with open(_path(data_dir, key), "rb") as handle:
            raw = handle.read(MAX_DRAFT_BYTES + 1)
        if len(raw) > MAX_DRAFT_BYTES:
            return None
        document = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        return None
    values = document.get("values") if isinstance(document, dict) else None
    if not isinstance(values, dict):
        return None
    return {str(name): str(text) for name, text in values.items()}


def discard(data_dir: Path, key: str) -> None:
    """Forget the draft of form ``key`` (after a save, or when the person throws it away)."""
    _path(data_dir, key).unlink(missing_ok=True)


def keys(data_dir: Path, prefix: str = "") -> list[str]:
    """The forms with a draft whose key begins with ``prefix``, the newest draft first (after
    a crash, the window offers them back at its start)."""
    folder = data_dir / DRAFTS_DIRNAME
    try:
        found = [
            (path.stat().st_mtime, path.stem)
            for path in folder.glob("*.json")
            if path.stem.startswith(prefix) and _SAFE_KEY.match(path.stem)
        ]
    except OSError:
        return []
    return [key for _mtime, key in sorted(found, reverse=True)]
