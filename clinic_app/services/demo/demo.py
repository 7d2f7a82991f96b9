"""Realistic demo patients (names from several locales, with accents) for newcomers and benchmarks.

Names come from Faker's locale providers, drawn once into pools and then combined with a seeded
random generator, so 100 000 patients take seconds and the same seed gives the same clinic.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from clinic_app.domain.patient_rules import phone_problem
from clinic_app.domain.text import fold, patient_terms, sort_key
from clinic_app.models import Patient, utc_now
from clinic_app.services.patients.patients import write_search_terms
from clinic_app.services.security import audit
from clinic_app.services.security.identity import Actor

# Locale and its share of the demo clinic's patients.
LOCALES = {
    "en_US": 30,
    "es_ES": 15,
    "es_MX": 10,
    "fr_FR": 10,
    "de_DE": 8,
    "pt_BR": 8,
    "it_IT": 6,
    "pl_PL": 5,
    "sv_SE": 4,
    "vi_VN": 4,
}
POOL_SIZE = 250
BATCH_SIZE = 5000
BULK_CACHE_KIB = 64 * 1024
EMAIL_DOMAINS = ("example.com", "example.org", "example.net")


class _NamePools:
    def __init__(self, seed: int) -> None:
        from faker import Faker  # imported here: only demo seeding needs it

        self.locales = list(LOCALES)
        self.weights = list(LOCALES.values())
        self.pools: dict[str, tuple[list[str], list[str], list[str], list[str]]] = {}
        for index, locale in enumerate(self.locales):
            fake = Faker(locale)
            fake.seed_instance(seed + index)
            female = sorted({fake.first_name_female() for _ in range(POOL_SIZE)})
            male = sorted({fake.first_name_male() for _ in range(POOL_SIZE // 3)})
            last = sorted({fake.last_name() for _ in range(POOL_SIZE)})
            # Keep only numbers the registration form itself would accept (no extensions).
            phones = [
                number
                for number in (fake.phone_number() for _ in range(POOL_SIZE * 2))
                if phone_problem(number) is None
            ][:POOL_SIZE]
            self.pools[locale] = (female, male, last, phones)


def _patient_rows(count: int, seed: int, today: dt.date) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    pools = _NamePools(seed)
    now = utc_now()
    sort_keys: dict[tuple[str, str], str] = {}  # names repeat: fold each pair once
    for _ in range(count):
        locale = rng.choices(pools.locales, pools.weights)[0]
        female, male, last_names, phones = pools.pools[locale]
        # Most people seeking resurfacing in the clinics we serve are women aged 30-65.
        first = rng.choice(female if rng.random() < 0.8 else male)
        last = rng.choice(last_names)
        if locale.startswith("es") and rng.random() < 0.5:
            last = f"{last} {rng.choice(last_names)}"
        age_days = int(rng.triangular(22, 78, 45) * 365.25)
        dob = today - dt.timedelta(days=age_days)
        phone = rng.choice(phones)
        local = fold(f"{first}.{last}").replace(" ", "")
        email = f"{local}{rng.randint(1, 99)}@{rng.choice(EMAIL_DOMAINS)}"
        if rng.random() < 0.15:
            email = ""
        key = sort_keys.get((first, last))
        if key is None:
            key = sort_keys[first, last] = sort_key(first, last)
        yield {
            "first_name": first,
            "last_name": last,
            "date_of_birth": dob,
            "phone": phone,
            "email": email,
            "address": "",
            "emergency_contact_name": "",
            "emergency_contact_phone": "",
            "notes": "",
            "sort_key": key,
            "search_key": " ".join(patient_terms(first, last, dob, phone, email)),
            "created_at": now,
            "updated_at": now,
            "version": 1,
        }


def seed_patients(
    session: Session,
    actor: Actor,
    count: int,
    *,
    seed: int = 2026,
    today: dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Insert ``count`` demo patients (each audited as created) and return how many were added."""
    with _large_sqlite_cache(session):
        return _seed(session, actor, count, seed, today or dt.date.today(), progress)


@contextmanager
def _large_sqlite_cache(session: Session) -> Iterator[None]:
    """SQLite caches 2 MB of pages by default; inserting a million rows into the search index
    takes a third less time with 64 MB. The connection's own setting comes back afterwards."""
    raw = session.connection().connection.driver_connection
    if session.connection().dialect.name != "sqlite" or raw is None:
        yield
        return
    (previous,) = raw.execute("PRAGMA cache_size").fetchone()
    raw.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
    try:
        yield
    finally:
        raw.execute(f"PRAGMA cache_size = {int(previous)}")


def _seed(
    session: Session,
    actor: Actor,
    count: int,
    seed: int,
    today: dt.date,
    progress: Callable[[int, int], None] | None,
) -> int:
    rows = _patient_rows(count, seed, today)
    done = 0
    while done < count:
        batch = [row for _, row in zip(range(BATCH_SIZE), rows, strict=False)]
        if not batch:
            break
        ids = session.scalars(
            insert(Patient).returning(Patient.id, sort_by_parameter_order=True), batch
        ).all()
        write_search_terms(
            session,
            [
                (term, row["sort_key"], patient_id)
                for patient_id, row in zip(ids, batch, strict=True)
                for term in row["search_key"].split(" ")
            ],
        )
        audit.record_many(
            session,
            actor,
            [
                audit.Change("create", "patient", patient_id, "demo patient generated")
                for patient_id in ids
            ],
        )
        done += len(batch)
        if progress is not None:
            progress(done, count)
    return done
