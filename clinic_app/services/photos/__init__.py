"""Clinical photographs of a visit: imported upright and without EXIF, stored by SHA-256,
allowed by the patient's photo consent, audited, compared. May import consent, patients,
security, the models and Pillow (inside the functions that decode images); never Qt."""
