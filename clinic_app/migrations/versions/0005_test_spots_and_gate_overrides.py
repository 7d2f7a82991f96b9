"""test spots and gate overrides

``test_spots`` records a test spot as its own step (date, area, settings, the day to check it,
the result); ``gate_overrides`` records a practitioner's reason to go on despite a safety gate
(a patient found not a candidate, an absolute question unanswered, a test spot missing).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _foreign_key(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}")
    )


def upgrade() -> None:
    op.create_table(
        "test_spots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=True),
        sa.Column("performed_on", sa.Date(), nullable=False),
        sa.Column("area", sa.String(length=40), nullable=False),
        sa.Column("device_profile_id", sa.String(length=60), nullable=False),
        sa.Column("settings", sa.JSON(), nullable=False),
        sa.Column("check_on", sa.Date(), nullable=False),
        sa.Column("result", sa.String(length=20), nullable=True),
        sa.Column("result_notes", sa.Text(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("checked_by_id", sa.Integer(), nullable=True),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        _foreign_key("test_spots", "patient_id", "patients"),
        _foreign_key("test_spots", "consultation_id", "consultations"),
        _foreign_key("test_spots", "recorded_by_id", "users"),
        _foreign_key("test_spots", "checked_by_id", "users"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_test_spots")),
    )
    op.create_index(op.f("ix_test_spots_patient_id"), "test_spots", ["patient_id"])
    op.create_index(op.f("ix_test_spots_consultation_id"), "test_spots", ["consultation_id"])
    op.create_table(
        "gate_overrides",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=True),
        sa.Column("gate", sa.String(length=40), nullable=False),
        sa.Column("purpose", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _foreign_key("gate_overrides", "patient_id", "patients"),
        _foreign_key("gate_overrides", "consultation_id", "consultations"),
        _foreign_key("gate_overrides", "user_id", "users"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gate_overrides")),
    )
    op.create_index(op.f("ix_gate_overrides_patient_id"), "gate_overrides", ["patient_id"])
    op.create_index(
        op.f("ix_gate_overrides_consultation_id"), "gate_overrides", ["consultation_id"]
    )


def downgrade() -> None:
    for table in ("gate_overrides", "test_spots"):
        op.drop_index(op.f(f"ix_{table}_consultation_id"), table_name=table)
        op.drop_index(op.f(f"ix_{table}_patient_id"), table_name=table)
        op.drop_table(table)
