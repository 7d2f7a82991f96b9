"""The modules behind the patient page and its commands, named once for the two that need them:
the service loader imports them in its thread after the first screen, and the main window
imports them in a worker when a patient is opened before the loader has (its build then only
makes widgets). Named here as strings: nothing is imported by this module."""

from __future__ import annotations

PAGE_MODULES = (
    "clinic_app.ui.patients.page",
    "clinic_app.ui.consultation.controller",
    "clinic_app.ui.handouts.controller",
    "clinic_app.ui.sessions.controller",
    "clinic_app.ui.photos.controller",
    "clinic_app.ui.handouts.preview",  # with QtPdf: the first handout's import otherwise
)
