"""Treatment sessions: record, sign, amend; what a session builds on; history, charts, CSV.
Checks go through domain.sessions and domain.screening; the caller owns the session.
May import models, db, domain and other service rooms; never Qt.
"""
