"""Handouts: from the database to a recorded, reprintable PDF; the defaults a request proposes.
Builds plain dataclasses from domain.care, renders them with clinic_app.reports, records bytes.
May import models, db, domain, reports and other service rooms; never Qt.
"""
