"""The session editor's units of work: each opens one transaction, through the session services.

The editor owns no SQL and no session: it asks the store, which opens a database session for
the one action and lets the services' errors (validation, stale record, locked) reach the editor.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Protocol, TypeVar

from clinic_app.db import Database
from clinic_app.domain.sessions.session_record import SessionInput
from clinic_app.services.security.identity import Actor
from clinic_app.services.sessions import (
    session_amendments,
    session_drafts,
    session_signing,
    treatment_sessions,
)
from clinic_app.services.sessions.session_resources import SessionResources
from clinic_app.services.sessions.treatment_sessions import SessionRecord

T = TypeVar("T")


class Runner(Protocol):
    """Runs one unit of work and returns its result (in a worker, for the window)."""

    def __call__(self, function: Callable[[], T], /) -> T: ...


def run_here(function: Callable[[], T], /) -> T:
    """The plain runner: the work runs in the caller's thread (tests of the store alone)."""
    return function()


class EditorStore:
    """Saves, signs, amends and discards the sessions of one editor, as one ``actor``."""

    def __init__(
        self,
        database: Database,
        actor: Actor,
        resources: SessionResources,
        *,
        clock: Callable[[], dt.datetime],
        tz: dt.tzinfo | None,
        run: Runner = run_here,
    ) -> None:
        """``clock`` gives the instant of each change; ``tz`` the clinic's local time; ``run``
        where each unit of work runs (the editor passes a worker that keeps the window alive)."""
        self._database = database
        self._actor = actor
        self._resources = resources
        self._clock = clock
        self._tz = tz
        self._run = run

    def save(
        self, data: SessionInput, record: SessionRecord | None, *, sign: bool
    ) -> SessionRecord:
        """Save ``data`` as a new session or over ``record``; with ``sign``, sign it too."""
        return self._run(lambda: self._save(data, record, sign=sign))

    def _save(
        self, data: SessionInput, record: SessionRecord | None, *, sign: bool
    ) -> SessionRecord:
        with self._database.session() as session:
            saved = session_drafts.save(
                session,
                self._actor,
                data,
                self._resources,
                session_id=record.id if record else None,
                expected_version=record.version if record else None,
                now=self._clock(),
            )
            if sign:
                saved = session_signing.sign(
                    session,
                    self._actor,
                    saved.id,
                    self._resources,
                    expected_version=saved.version,
                    now=self._clock(),
                    tz=self._tz,
                )
        return saved

    def original(self, record: SessionRecord) -> SessionRecord | None:
        """The signed session that amendment ``record`` corrects."""
        amends_id = record.amends_id
        if amends_id is None:
            return None

        def load() -> SessionRecord | None:
            with self._database.session() as session:
                return treatment_sessions.get(session, amends_id, self._resources)

        return self._run(load)

    def amend(self, record: SessionRecord) -> SessionRecord:
        """Draft an amendment of the signed ``record``."""

        def amend() -> SessionRecord:
            with self._database.session() as session:
                return session_amendments.amend(session, self._actor, record.id, self._resources)

        return self._run(amend)

    def discard(self, record: SessionRecord) -> None:
        """Delete the unsigned ``record``."""

        def discard() -> None:
            with self._database.session() as session:
                session_drafts.discard(
                    session, self._actor, record.id, expected_version=record.version
                )

        self._run(discard)
