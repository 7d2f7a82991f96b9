"""Handouts in the window: the request dialog, the render worker, preview, documents list.
Asks services.handouts for the handout and shows the PDF bytes that reports made.
May import Qt, ui.common, services and domain; no other ui room.
"""
