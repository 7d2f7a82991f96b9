"""audit hash chain, chain head, app settings

Adds ``prev_hash`` and ``event_hash`` to every audit event, hashes the events already stored
(a data migration, so ``clinic-app audit verify`` passes on an upgraded database), records the
newest event in ``audit_chain_head``, and adds ``app_settings`` (idle lock, backups kept).

The hashing below is a frozen copy of ``clinic_app.services.security.audit.event_hash`` (format 1):
migrations must not change when the application code does.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GENESIS_HASH = "0" * 64
BATCH = 2000
BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _instant(value: dt.datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)  # SQLite stores UTC without an offset
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _event_hash(row: Any, prev_hash: str) -> str:
    content = {
        "format": 1,
        "occurred_at": _instant(row.occurred_at),
        "user_id": row.user_id,
        "actor": row.actor,
        "action": row.action,
        "entity_type": row.entity_type,
        "entity_id": row.entity_id,
        "summary": row.summary,
        "prev_hash": prev_hash,
    }
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _hash_existing_events() -> tuple[int | None, str]:
    """Chain the stored events in id order; returns the newest id and its hash."""
    events = sa.table(
        "audit_events",
        sa.column("id", sa.BigInteger()),
        sa.column("occurred_at", sa.DateTime(timezone=True)),
        sa.column("user_id", sa.Integer()),
        sa.column("actor", sa.String()),
        sa.column("action", sa.String()),
        sa.column("entity_type", sa.String()),
        sa.column("entity_id", sa.BigInteger()),
        sa.column("summary", sa.Text()),
        sa.column("prev_hash", sa.String()),
        sa.column("event_hash", sa.String()),
    )
    connection = op.get_bind()
    update = (
        sa.update(events)
        .where(events.c.id == sa.bindparam("b_id"))
        .values(prev_hash=sa.bindparam("b_prev"), event_hash=sa.bindparam("b_hash"))
    )
    prev, last_id = GENESIS_HASH, None
    while True:
        query = sa.select(events).order_by(events.c.id).limit(BATCH)
        if last_id is not None:
            query = query.where(events.c.id > last_id)
        rows = connection.execute(query).all()
        if not rows:
            return last_id, prev
        params = []
        for row in rows:
            digest = _event_hash(row, prev)
            params.append({"b_id": row.id, "b_prev": prev, "b_hash": digest})
            prev, last_id = digest, row.id
        connection.execute(update, params)


def upgrade() -> None:
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("event_hash", sa.String(length=64), nullable=True))
    last_id, last_hash = _hash_existing_events()
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column("event_hash", existing_type=sa.String(length=64), nullable=False)

    head = op.create_table(
        "audit_chain_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_event_id", BigId, nullable=True),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_chain_head")),
    )
    op.bulk_insert(head, [{"id": 1, "last_event_id": last_id, "last_hash": last_hash}])

    op.create_table(
        "app_settings",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_app_settings")),
    )


def downgrade() -> None:
    op.drop_table("app_settings")
    op.drop_table("audit_chain_head")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_column("event_hash")
        batch_op.drop_column("prev_hash")
