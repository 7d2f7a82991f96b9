"""The kinds of handout and the treatment intensities, without the care content.

:mod:`clinic_app.domain.care.care_schedule` (which computes the content) re-exports them;
the command line and the window name them at start-up, before any handout is asked for.
Standard library only.
"""

from __future__ import annotations

INTENSITIES = ("light", "moderate", "deep")
PRE_CARE = "pre_care"
POST_CARE = "post_care"
KINDS = (PRE_CARE, POST_CARE)
