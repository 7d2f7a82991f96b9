"""What an administrator sets: idle lock and backup rotation, and the clinic's own details.
setting_specs holds defaults and ranges without the database; the rest reads and writes them.
May import models, db, domain and services.security; never Qt.
"""
