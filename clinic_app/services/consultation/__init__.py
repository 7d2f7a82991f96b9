"""Consultations: drafts saved at every page, completion or "not a candidate now", amendments.
Checks go through domain.consultation and domain.screening; the caller owns the session.
May import models, db, domain and other service rooms; never Qt.
"""
