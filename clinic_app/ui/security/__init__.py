"""Signing in, the idle lock, and administration: users, audit trail, security and clinic settings.
Uses services.security and services.settings; permissions are checked there and shown here.
May import Qt, ui.common, services and domain; no other ui room.
"""
