"""Demo patients with realistic names, and their consultations and sessions, in bulk.
For newcomers and the benchmarks; writes through the same audited paths as real use.
May import models, db, domain and other service rooms; never Qt.
"""
