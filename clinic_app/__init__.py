"""Consultation, treatment-session records and care handouts for fractional CO2 resurfacing."""

__version__ = "0.1.0"
