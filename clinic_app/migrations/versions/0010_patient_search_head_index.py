"""the head index of the patient search terms

``ix_patient_search_terms_head`` on ``patient_search_terms (substr(term, 1, 1), sort_key,
patient_id, term)``: the terms by their first character, then in list order. A common word
("m", "maria", "19") is read from it in list order, as far as one page needs, instead of
counting, reading and sorting every entry of its range or walking the patients until a page is
full (docs/search.md). It holds no new data: nothing to fill, only the index to build (about a
minute for a million patients on PostgreSQL).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAME = "ix_patient_search_terms_head"


def upgrade() -> None:
    op.create_index(
        NAME,
        "patient_search_terms",
        [sa.text("substr(term, 1, 1)"), "sort_key", "patient_id", "term"],
    )


def downgrade() -> None:
    op.drop_index(NAME, table_name="patient_search_terms")
