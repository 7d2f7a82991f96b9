"""follow-ups after a session

``followups`` holds the contacts due after a signed treatment session (a call, a review, the
end of strict sun protection, the next session of the series): the patient, the session, the
contact's id in the schedule file, the due day, the attempts not reached, and once it is
closed the outcome ("done"), the UTC instant, who closed it and the note.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _foreign_key(column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_followups_{column}_{target}")
    )


def upgrade() -> None:
    op.create_table(
        "followups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("done_by_id", sa.Integer(), nullable=True),
        sa.Column("done_by", sa.String(length=200), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        _foreign_key("patient_id", "patients"),
        _foreign_key("session_id", "treatment_sessions"),
        _foreign_key("done_by_id", "users"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_followups")),
    )
    for column in ("patient_id", "session_id", "due_on"):
        op.create_index(op.f(f"ix_followups_{column}"), "followups", [column])


def downgrade() -> None:
    for column in ("due_on", "session_id", "patient_id"):
        op.drop_index(op.f(f"ix_followups_{column}"), table_name="followups")
    op.drop_table("followups")
