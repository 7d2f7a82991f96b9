"""Errors a service raises; each message tells a person what is wrong and what would be right."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

MAX_RECORD_ID = 2**31 - 1  # record ids are 32-bit integers on every backend


def is_record_id(value: int) -> bool:
    """Whether ``value`` could be the id of a stored record (a larger one fails in the driver)."""
    return 0 < value <= MAX_RECORD_ID


class ServiceError(Exception):
    """Base of every expected failure of a use case."""


class ValidationError(ServiceError):
    """Input that cannot be saved; ``errors`` maps each field to its message."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(self.errors.values()))


class NotFoundError(ServiceError):
    """The record asked for does not exist."""


class StaleRecordError(ServiceError):
    """The record was saved by someone else after it was opened; nothing was overwritten.

    ``current_version`` is None when the other save landed between reading and writing.
    """

    def __init__(
        self,
        what: str,
        opened_version: int,
        current_version: int | None,
        changed: Mapping[str, Any],
    ) -> None:
        self.opened_version = opened_version
        self.current_version = current_version
        self.changed = dict(changed)
        detail = ", ".join(f"{field} is now '{value}'" for field, value in self.changed.items())
        if current_version is None:
            now = "it has been saved since"
        else:
            now = f"it is now version {current_version}"
        super().__init__(
            f"{what} was changed by someone else while you were editing it "
            f"(you opened version {opened_version}, {now})"
            + (f": {detail}" if detail else "")
            + ". Your changes were not saved; reopen the record and apply them again."
        )


class PossibleDuplicateError(ServiceError):
    """A patient with the same name and date of birth exists; ask before creating another."""

    def __init__(self, existing: Sequence[Any]) -> None:
        self.existing = list(existing)
        ids = ", ".join(f"#{row.id}" for row in self.existing)
        super().__init__(
            f"A patient with this name and date of birth is already registered ({ids}). "
            "Open that record, or confirm that this is a different person."
        )
