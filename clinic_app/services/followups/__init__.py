"""Follow-ups after a signed session: planned when it is signed, listed when due, closed with
an outcome and a note, exported as a calendar file. Every change is audited.
May import models, domain, services.settings/patients/security; never Qt.
"""
