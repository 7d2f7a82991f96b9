"""patient's preferred language

``patients.language`` holds the ISO 639-1 code of the language the patient reads their care
handouts and consent in ('en', 'es', ...). Every patient already stored reads English, the only
language the app printed until then ('en' is also the server default, so a row inserted by an
older app still gets it).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("patients", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("language", sa.String(length=8), nullable=False, server_default="en")
        )


def downgrade() -> None:
    # Not a batch rebuild on SQLite: dropping and renaming the patients table would leave the
    # deferred foreign key checks of the consents and sessions naming it unresolved. SQLite
    # drops a column itself since 3.35 (2021).
    op.drop_column("patients", "language")
