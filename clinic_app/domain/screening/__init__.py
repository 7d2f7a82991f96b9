"""Contraindication screening: its types, the rules read from resources/rules, the judging.
Every rule names its source; findings are absolute, relative or caution, judged on a date.
Standard library, clinic_app.content and domain's top-level modules only.
"""
