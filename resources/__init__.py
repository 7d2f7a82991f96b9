"""Clinical content and assets shipped with the app (data, not code).

Installed as the package ``clinic_app.resources``; read through ``clinic_app.content``.
"""
