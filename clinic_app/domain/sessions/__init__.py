"""Treatment sessions as plain values: device profiles, per-area settings checks, the record,
its save checks, the day-of re-check and the session's place in its series.
Standard library, clinic_app.content and other domain rooms only.
"""
