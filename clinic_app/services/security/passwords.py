"""Password hashing with argon2id (argon2-cffi), with parameters from OWASP's recommended set.

Hashes made with other parameters (earlier releases': 64 MiB, 3 passes, 4 lanes) are still
verified: argon2 reads them from the hash itself. After such a hash has let someone in,
:func:`needs_rehash` says so and the sign-in stores a hash with today's parameters
(clinic_app.services.security.auth.sign_in, audited). docs/security.md says why these.
"""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# argon2id with the first configuration of the OWASP Password Storage Cheat Sheet's recommended
# set (https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#argon2id,
# "m=19456 (19 MiB), t=2, p=1"), which the sheet rates as strong as its others (46 MiB t=1,
# 12 MiB t=3, 9 MiB t=4, 7 MiB t=5). The earlier 64 MiB profile (RFC 9106's second) took the
# window's peak memory at sign-in to some 92 MB over a bare window, above the 80 MB the app may
# grow (docs/performance.md); this one costs 19 MiB and some 0.1 s, in the sign-in worker.
PRODUCTION_PARAMETERS = {"time_cost": 2, "memory_cost": 19456, "parallelism": 1}
# What the app stored before (verified still; rehashed at the next sign-in).
EARLIER_PARAMETERS = {"time_cost": 3, "memory_cost": 65536, "parallelism": 4}
_hasher = PasswordHasher(
    time_cost=PRODUCTION_PARAMETERS["time_cost"],
    memory_cost=PRODUCTION_PARAMETERS["memory_cost"],
    parallelism=PRODUCTION_PARAMETERS["parallelism"],
)


def use_parameters(*, time_cost: int, memory_cost: int, parallelism: int) -> dict[str, int]:
    """Change the cost of new hashes (the test suite makes them cheap); returns the old ones."""
    global _hasher
    previous = {
        "time_cost": _hasher.time_cost,
        "memory_cost": _hasher.memory_cost,
        "parallelism": _hasher.parallelism,
    }
    _hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism)
    _dummy_hash.cache_clear()
    return previous


def hash_password(password: str) -> str:
    """An argon2id hash of ``password`` with a random salt (the only form ever stored)."""
    return _hasher.hash(password)


@cache
def _dummy_hash() -> str:
    return _hasher.hash("not a real password; equalises timing")


def password_matches(stored_hash: str | None, password: str) -> bool:
    """Whether ``password`` matches ``stored_hash``; takes as long when there is no hash."""
    try:
        return _hasher.verify(stored_hash or _dummy_hash(), password) and bool(stored_hash)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """Whether the hash was made with parameters other than today's (argon2-cffi's
    check_needs_rehash: stronger or weaker alike), so sign-in stores a new one."""
    try:
        return _hasher.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True
