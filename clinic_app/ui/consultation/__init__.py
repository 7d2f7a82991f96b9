"""The guided consultation: the wizard and its pages, the read-only view, amendments.
Turns what is typed into a ConsultationDocument (domain) and saves it through services.
May import Qt, ui.common, services and domain; no other ui room.
"""
