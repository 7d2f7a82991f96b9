"""clinical photographs

``photos``: one row per photograph of a visit (a consultation or a treatment session): the
patient, the standard view (resources/photos/views.toml), who took it and when, whether it may
be used for publicity, its SHA-256 and a small JPEG thumbnail. The upright, metadata-free image
itself is content-addressed by that SHA-256: a file DATA_DIR/photos/<sha[:2]>/<sha> on SQLite, a
row of ``photo_blobs`` on PostgreSQL (every workstation reads it). A backup of an SQLite
database carries its photos in ``photo_blobs`` of the copy; a restore puts them back as files.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _foreign_key(column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_photos_{column}_{target}")
    )


def upgrade() -> None:
    op.create_table(
        "photo_blobs",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_photo_blobs")),
    )
    op.create_table(
        "photos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=True),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("consent_id", sa.Integer(), nullable=True),
        sa.Column("view", sa.String(length=20), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("media_type", sa.String(length=40), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("thumbnail", sa.LargeBinary(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("original_name", sa.String(length=255), nullable=False),
        sa.Column("for_marketing", sa.Boolean(), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("taken_by_id", sa.Integer(), nullable=True),
        sa.Column("taken_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _foreign_key("patient_id", "patients"),
        _foreign_key("consultation_id", "consultations"),
        _foreign_key("session_id", "treatment_sessions"),
        _foreign_key("consent_id", "consents"),
        _foreign_key("taken_by_id", "users"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_photos")),
        sa.UniqueConstraint("patient_id", "sha256", name=op.f("uq_photos_patient_id")),
    )
    for column in ("consultation_id", "session_id", "sha256"):
        op.create_index(op.f(f"ix_photos_{column}"), "photos", [column])


def downgrade() -> None:
    for column in ("sha256", "session_id", "consultation_id"):
        op.drop_index(op.f(f"ix_photos_{column}"), table_name="photos")
    op.drop_table("photos")
    op.drop_table("photo_blobs")
