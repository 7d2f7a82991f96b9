"""One module per sub-command of ``clinic-app``.

Each module has ``add_parser(commands, common)``, which adds its sub-parser (with ``common`` as a
parent, for --data-dir/--db-url) and sets ``handler`` to a function ``(config, args) -> int``.
Modules import their services inside the handler, so ``clinic-app --version`` stays fast.
"""

from __future__ import annotations

import argparse

EXIT_OK, EXIT_FAILURE, EXIT_REJECTED = 0, 1, 2


def positive_int(text: str) -> int:
    """argparse type: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not at least 1")
    return value
