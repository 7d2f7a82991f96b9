"""PySide6 for the window, with its import hook spared reading every later module's source.

Importing PySide6 installs an import hook for its ``__feature__`` switching (``from __feature__
import snake_case``, shibokensupport/feature.py): after every later import it asks whether the
module "uses PySide" by reading the module's whole source (``inspect.getsource``) and looking
for "PySide6", and records 0 ("no feature") when it does, -1 ("ignore") when not. That read
costs about 0.12 ms a module: some 12 ms for the window's modules at start, and more for the ORM
and the services that the service loader imports after it.

The answer changes nothing here: a module that selects a feature records its choice while it
runs (``from __feature__ import ...``), before the hook asks, and the hook never overwrites it;
for every other module 0 and -1 both mean "no feature" (-1 follows the module that selected one
last, and none does). So the hook is told "uses PySide" without the read. If a PySide6 release
no longer has this hook, nothing is changed (tests/ui/test_start_imports.py notices).
"""

from __future__ import annotations

import sys

import PySide6.QtCore  # noqa: F401  (installs the import hook)

_FEATURE_MODULE = "shibokensupport.feature"
_SOURCE_CHECK = "_mod_uses_pyside"


def _uses_pyside(module: object) -> bool:
    """The hook's question, answered without reading the source (see the module docstring)."""
    del module
    return True


def spare_source_reads() -> bool:
    """Replace the hook's source read; False when this PySide6 has no such hook."""
    feature = sys.modules.get(_FEATURE_MODULE)
    if feature is None or not callable(getattr(feature, _SOURCE_CHECK, None)):
        return False
    setattr(feature, _SOURCE_CHECK, _uses_pyside)  # a private name, checked above
    return True


SPARED = spare_source_reads()
