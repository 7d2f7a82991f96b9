"""Treatment sessions: the session editor (form, area rows, re-check), its controller, history.
Checks values through domain.sessions and saves through services.sessions.
May import Qt, ui.common, services and domain; no other ui room.
"""
