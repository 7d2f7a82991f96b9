"""Informed consent: prepared from the clinical picture, signed, frozen, withdrawn, checked."""
