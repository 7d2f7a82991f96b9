"""The clinical picture of a patient and the safety gates on it: what the latest consultation
established (findings, skin type, plan, prescriptions), test spots, and recorded overrides.
Below the consultation, session and handout rooms, which all read it; never Qt.
"""
