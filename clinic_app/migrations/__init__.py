"""Alembic environment and versions, shipped inside the package.

:data:`HEAD_REVISION` names the newest migration in ``versions/``: the everyday start compares
it with the database's ``alembic_version`` row and imports Alembic only when they differ
(clinic_app.db.migrate_if_needed). Whoever adds a migration sets it to the new revision;
tests/test_db.py fails until it matches Alembic's own reading of the scripts.
"""

HEAD_REVISION = "0010"
VERSION_TABLE = "alembic_version"  # Alembic's default, which env.py keeps
