"""Who acts and what they may do: identity and roles, passwords, sign-in, users, audit trail.
audit.record writes each change's event in the caller's transaction; audit_trail verifies it.
May import models, db, domain and services' shared modules; never Qt, no other service room.
"""
