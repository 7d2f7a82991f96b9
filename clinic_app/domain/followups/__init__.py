"""Follow-ups as data: the contacts after a session (resources/followups/<lang>/schedule.toml)
and their dates, computed from the session's day, its intensity and the series.
Standard library, clinic_app.content and domain.care (texts, intensities) only.
"""
