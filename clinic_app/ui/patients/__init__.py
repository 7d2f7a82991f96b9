"""The patient list and its search field, the patient page, and the register/edit dialog.
Talks to clinic_app.services.patients with plain values and a session it opens per action.
May import Qt, ui.common, services and domain; other rooms only through their controllers.
"""
