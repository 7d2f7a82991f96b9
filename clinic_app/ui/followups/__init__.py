"""The "Follow-ups due" panel of the main window: today's and overdue contacts, loaded in a
worker, closed with a note; and the patient page's calendar export.
Qt and ui.common only; the services are imported inside the methods that use them.
"""
