"""Patients: register, edit, archive, find (Core-only search), CSV import, the page overview.
Every change is audited in the caller's transaction (services.security.audit).
May import models, db, domain and other service rooms; never Qt.
"""
