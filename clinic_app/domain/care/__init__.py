"""Care handouts as data: the handout kinds and intensities, and the dated pre/post-care schedule.
Reads resources/care/<lang>/*.toml through clinic_app.content; computes dates, lays out nothing.
Standard library, clinic_app.content and domain's top-level modules only.
"""
