"""The consultation as plain values: the wizard's texts, the typed document, the price estimate.
The document's answers are what domain.screening judges.
Standard library, clinic_app.content and other domain rooms only.
"""
