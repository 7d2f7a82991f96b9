"""informed consents

``consents`` keeps each signed informed consent frozen: the exact text the patient read, the
content file's id and version, the plan and findings it was given for (as fingerprints), both
signatures as vector strokes (JSON) and as PNG, the signers' names, the photo ticks, the
signing instant and the SHA-256 over all of it. A withdrawal is a new row (kind "withdrawal")
naming the consent it withdraws and the reason; no row is ever updated.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _foreign_key(column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_consents_{column}_{target}")
    )


def upgrade() -> None:
    op.create_table(
        "consents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=True),
        sa.Column("withdraws_id", sa.Integer(), nullable=True),
        sa.Column("content_id", sa.String(length=60), nullable=False),
        sa.Column("content_version", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("plan_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("findings_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("patient_name", sa.String(length=200), nullable=False),
        sa.Column("witness_name", sa.String(length=200), nullable=False),
        sa.Column("patient_strokes", sa.JSON(), nullable=False),
        sa.Column("witness_strokes", sa.JSON(), nullable=False),
        sa.Column("patient_png", sa.LargeBinary(), nullable=False),
        sa.Column("witness_png", sa.LargeBinary(), nullable=False),
        sa.Column("photo_clinical", sa.Boolean(), nullable=False),
        sa.Column("photo_marketing", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("signed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        _foreign_key("patient_id", "patients"),
        _foreign_key("consultation_id", "consultations"),
        _foreign_key("withdraws_id", "consents"),
        _foreign_key("recorded_by_id", "users"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consents")),
    )
    op.create_index(op.f("ix_consents_patient_id"), "consents", ["patient_id"])
    op.create_index(op.f("ix_consents_consultation_id"), "consents", ["consultation_id"])
    op.create_index(op.f("ix_consents_withdraws_id"), "consents", ["withdraws_id"])


def downgrade() -> None:
    for column in ("withdraws_id", "consultation_id", "patient_id"):
        op.drop_index(op.f(f"ix_consents_{column}"), table_name="consents")
    op.drop_table("consents")
