"""Anchors of the audit trail outside the database: the newest event's hash and the number of
events, noted where the database alone cannot rewrite them.

The hash chain (audit.py) finds an event edited, inserted or deleted in the middle; it cannot
find events deleted from the end together with the head row moved back, nor a trail wiped whole
with its head reset, because what is left is a valid chain. An anchor can: the event it names
must still be there with the same hash (its hash covers every event before it), and as many
events as it counted up to it.

Anchors are noted
- in ``DATA_DIR/audit-anchor.json`` (0600), one entry per database, moved forward only after
  the trail still matches it: by every backup, ``clinic-app audit verify`` and ``audit head``
  (and *Verify the chain* in the window), and when the window closes;
- beside every backup, ``FILE.audit-head``: the head the backup holds;
- on paper by the clinic: ``clinic-app audit head`` prints them.

A restore through the app notes the restored head afresh (the events after the backup are gone
on purpose, and the restore is in the trail); so does ``clinic-app audit head --accept`` after
a restore by other means, recorded in the trail with the anchor it replaced.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clinic_app import storage
from clinic_app.db import describe_url
from clinic_app.models import AuditEvent, utc_now
from clinic_app.services.security import audit
from clinic_app.services.security.identity import Actor, admin_use_case

ANCHOR_FILENAME = "audit-anchor.json"
BACKUP_SIDECAR = ".audit-head"
FORMAT = 1
MAX_ANCHOR_BYTES = 1024 * 1024


@dataclass(frozen=True)
class AuditHead:
    """The newest event of a trail and how many events it holds."""

    count: int
    last_event_id: int | None
    last_hash: str

    def describe(self) -> str:
        if self.last_event_id is None:
            return "no events yet"
        return f"{self.count} events; newest #{self.last_event_id}, SHA-256 {self.last_hash}"


@dataclass(frozen=True)
class Anchor:
    """A head noted outside the database: when, and where (the anchor file or a backup)."""

    head: AuditHead
    noted_at: dt.datetime
    where: str


@dataclass(frozen=True)
class AnchorCheck:
    """The trail against its anchors: the newest one checked, and what does not match."""

    anchor: Anchor | None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem

    @property
    def message(self) -> str:
        if self.problem:
            return f"The audit trail has been tampered with. {self.problem}"
        if self.anchor is None:
            return "No head of the audit trail was noted outside the database yet."
        return (
            f"It still holds the head noted {self.anchor.where} on "
            f"{self.anchor.noted_at.astimezone():%Y-%m-%d %H:%M} ({self.anchor.head.count} "
            "events)."
        )


def database_key(url: str) -> str:
    """Which database an anchor belongs to (the same folder may serve several)."""
    return describe_url(url)


def anchor_path(data_dir: Path) -> Path:
    return Path(data_dir) / ANCHOR_FILENAME


def head_of(session: Session) -> AuditHead:
    """The newest event in the trail (whatever the head row says) and the number of events."""
    newest = session.execute(
        select(AuditEvent.id, AuditEvent.event_hash).order_by(AuditEvent.id.desc()).limit(1)
    ).first()
    count = int(session.scalar(select(func.count()).select_from(AuditEvent)) or 0)
    if newest is None:
        return AuditHead(0, None, audit.GENESIS_HASH)
    return AuditHead(count, int(newest.id), str(newest.event_hash))


# Reading and writing anchors -----------------------------------------------------------------


def _load(path: Path) -> dict[str, object]:
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_ANCHOR_BYTES + 1)
        document = json.loads(raw.decode("utf-8")) if len(raw) <= MAX_ANCHOR_BYTES else None
    except (OSError, ValueError, RecursionError):
        return {}
    return document if isinstance(document, dict) else {}


def _head_from(entry: object) -> AuditHead | None:
    if not isinstance(entry, dict):
        return None
    count, last_id, last_hash = entry.get("count"), entry.get("last_event_id"), entry.get("hash")
    if not isinstance(count, int) or not isinstance(last_hash, str):
        return None
    if last_id is not None and not isinstance(last_id, int):
        return None
    return AuditHead(count, last_id, last_hash)


def _instant(entry: dict[str, object], key: str) -> dt.datetime | None:
    value = entry.get(key)
    try:
        instant = dt.datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
    return instant if instant is None or instant.tzinfo else None


def noted(data_dir: Path, key: str) -> tuple[Anchor | None, dt.datetime | None]:
    """The anchor noted in the anchor file for database ``key``, and since when its entry has
    been kept (the last restore or acceptance: backups noted before then do not count)."""
    databases = _load(anchor_path(data_dir)).get("databases")
    entry = databases.get(key) if isinstance(databases, dict) else None
    if not isinstance(entry, dict):
        return None, None
    head, noted_at = _head_from(entry), _instant(entry, "noted_at")
    anchor = Anchor(head, noted_at, "in " + ANCHOR_FILENAME) if head and noted_at else None
    return anchor, _instant(entry, "since")


def _write(data_dir: Path, key: str, head: AuditHead, since: dt.datetime) -> None:
    path = anchor_path(data_dir)
    document = _load(path)
    databases = document.get("databases")
    if not isinstance(databases, dict):
        databases = {}
    databases[key] = {
        "count": head.count,
        "last_event_id": head.last_event_id,
        "hash": head.last_hash,
        "noted_at": utc_now().isoformat(),
        "since": since.isoformat(),
    }
    storage.make_private_dir(path.parent)
    data = json.dumps({"format": FORMAT, "databases": databases}, indent=2, sort_keys=True)
    storage.write_private_atomically(path, data.encode("utf-8"))


def backup_sidecar(backup_file: Path) -> Path:
    return backup_file.with_name(backup_file.name + BACKUP_SIDECAR)


def note_beside_backup(backup_file: Path, head: AuditHead) -> None:
    """Keep the head a backup holds beside it (``FILE.audit-head``, 0600)."""
    data = {
        "format": FORMAT,
        "count": head.count,
        "last_event_id": head.last_event_id,
        "hash": head.last_hash,
        "noted_at": utc_now().isoformat(),
        "backup": backup_file.name,
    }
    storage.write_private_atomically(backup_sidecar(backup_file), json.dumps(data).encode())


def _backup_anchors(folder: Path) -> Iterable[Anchor]:
    for sidecar in Path(folder).glob(f"*.db{BACKUP_SIDECAR}"):
        entry = _load(sidecar)
        head, noted_at = _head_from(entry), _instant(entry, "noted_at")
        if head is not None and noted_at is not None:
            yield Anchor(head, noted_at, f"with the backup {sidecar.name[: -len(BACKUP_SIDECAR)]}")


# Checking ------------------------------------------------------------------------------------


def check_one(session: Session, anchor: Anchor) -> str:
    """What in the trail contradicts ``anchor`` ('' when it still holds it)."""
    head = anchor.head
    if head.last_event_id is None or head.count == 0:
        return ""
    stored = session.scalar(
        select(AuditEvent.event_hash).where(AuditEvent.id == head.last_event_id)
    )
    before = int(
        session.scalar(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.id <= head.last_event_id)
        )
        or 0
    )
    when = f"{anchor.noted_at.astimezone():%Y-%m-%d %H:%M}"
    noted_as = (
        f"On {when} the trail's newest event was #{head.last_event_id} "
        f"(SHA-256 {head.last_hash[:16]}…) of {head.count} events, as noted {anchor.where}"
    )
    if stored is None or before == 0:
        now = head_of(session)
        return (
            f"{noted_as}; that event is gone and the "
            f"trail now holds {now.count} events: events at its end were deleted, or the whole "
            "trail was wiped and its head reset. Compare with a backup, and if the database was "
            "restored from an older backup outside clinic-app, note its head afresh with "
            "'clinic-app audit head --accept'."
        )
    if stored != head.last_hash:
        return (
            f"{noted_as}; event #{head.last_event_id} "
            "now has another hash: the trail was cut back to an earlier event and written "
            "again from there."
        )
    if before != head.count:
        return f"{noted_as}; {before} events up to it are left: events before it were deleted."
    return ""


def check(session: Session, data_dir: Path, key: str) -> AnchorCheck:
    """The trail against the newest anchor noted outside it (the anchor file's, or a backup's
    noted since the anchor file's entry began)."""
    anchor, since = noted(data_dir, key)
    candidates = [anchor] if anchor else []
    backups = Path(data_dir) / "backups"
    if backups.is_dir() and key.startswith("SQLite:"):
        candidates.extend(
            a for a in _backup_anchors(backups) if since is None or a.noted_at > since
        )
    if not candidates:
        return AnchorCheck(None)
    newest = max(candidates, key=lambda a: (a.head.count, a.noted_at))
    return AnchorCheck(newest, check_one(session, newest))


def advance(session: Session, data_dir: Path, key: str) -> AnchorCheck:
    """Check the trail against its anchors and, when it matches, note its present head in the
    anchor file. A trail that does not match leaves the anchor as it was (the evidence)."""
    result = check(session, data_dir, key)
    if result.ok:
        _anchor, since = noted(data_dir, key)
        _write(data_dir, key, head_of(session), since or utc_now())
    return result


def reset(session: Session, data_dir: Path, key: str) -> AuditHead:
    """Note the present head afresh (after a restore through the app): earlier anchors of this
    database no longer count. Returns the head noted."""
    head = head_of(session)
    _write(data_dir, key, head, utc_now())
    return head


@admin_use_case("repair_audit")
def accept(
    session: Session, actor: Actor, data_dir: Path, key: str
) -> tuple[AnchorCheck, AuditHead]:
    """Note the present head as the anchor although it does not match the one noted (the
    database was restored from an older backup outside the app); recorded in the trail, with the
    anchor it replaces. Commit the session, then call :func:`reset` to write it down."""
    result = check(session, data_dir, key)
    replaced = result.anchor.head.describe() if result.anchor else "none"
    summary = f"audit head accepted as noted; the anchor replaced was: {replaced}"
    audit.record(session, actor, "audit_accept", "audit_trail", None, summary[:500])
    return result, head_of(session)
