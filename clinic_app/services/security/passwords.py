"""Password hashing with argon2id (argon2-cffi, its recommended parameters)."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# argon2id with the RFC 9106 "second recommended" (low-memory) profile: 64 MiB, 3 passes, 4 lanes.
PRODUCTION_PARAMETERS = {"time_cost": 3, "memory_cost": 65536, "parallelism": 4}
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
    """Whether the hash was made with weaker parameters than today's (rehash at sign-in)."""
    try:
        return _hasher.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True
