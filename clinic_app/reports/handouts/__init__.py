"""The pre-care and post-care handouts as PDF: page templates, content, typographic care.
Takes the frozen dataclasses of reports.inputs and returns PDF bytes.
ReportLab, the standard library and reports' shared modules only: no database, no Qt.
"""
