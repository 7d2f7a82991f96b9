"""Widgets and helpers every room of the window shares: the dialog service, field errors,
form drafts, background workers, dates, PDF printing and saving, widget object names.
May import Qt, clinic_app.domain and clinic_app.services; never another ui room.
"""
