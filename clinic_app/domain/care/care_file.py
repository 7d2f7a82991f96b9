"""One care content file opened: its TOML parsed, its [meta] checked, and its keys read with
messages that name the file and the entry (:class:`CareContentError`).

The sections of the pre-care and post-care files are read with it in
:mod:`clinic_app.domain.care.care_loader`. Standard library only.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Iterable, Mapping
from typing import Any

from clinic_app.content import ContentError, loads_toml
from clinic_app.domain.care.care_text import PLACEHOLDER, placeholders

VERSION_MAX = 16


class CareContentError(ContentError):
    """A care content file cannot be used; the message names the file and the entry."""


class ContentReader:
    """Typed access to parsed TOML with messages that name the file and the key."""

    def __init__(self, origin: str) -> None:
        self.origin = origin

    def fail(self, where: str, problem: str) -> CareContentError:
        return CareContentError(f"{self.origin}: {where}: {problem}")

    def table(self, data: Mapping[str, Any], key: str, where: str) -> Mapping[str, Any]:
        value = data.get(key)
        if not isinstance(value, dict):
            raise self.fail(where, f"a table [{key}] is required")
        return value

    def text(self, data: Mapping[str, Any], key: str, where: str) -> str:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, f"'{key}' must be a non-empty text")
        return value.strip()

    def integer(self, data: Mapping[str, Any], key: str, where: str) -> int:
        value = data.get(key)
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.fail(where, f"'{key}' must be a whole number")
        return value

    def texts(self, data: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
        value = data.get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(where, f"'{key}' must be a list of non-empty texts")
        return tuple(v.strip() for v in value)

    def check_placeholders(self, text: str, allowed: Iterable[str], where: str) -> None:
        stray = PLACEHOLDER.sub("", text)
        if "{" in stray or "}" in stray:
            raise self.fail(
                where,
                "braces are only for placeholders such as {treatment_date} (a name of letters, "
                f"digits and _): check '{text}'",
            )
        unknown = placeholders(text) - set(allowed)
        if unknown:
            names = ", ".join("{" + name + "}" for name in sorted(unknown))
            known = ", ".join("{" + name + "}" for name in sorted(allowed))
            raise self.fail(where, f"unknown placeholder {names}; known here: {known}")


def open_content(
    text: str, origin: str, kind: str, *, shared: Iterable[str] = ()
) -> tuple[ContentReader, dict[str, Any], str, str, str]:
    """Parse a care file of ``kind``: its reader, data, language, version and checksum.

    The checksum covers ``text`` and the ``shared`` texts it is printed with (common.toml)."""
    reader = ContentReader(origin)
    try:
        data = loads_toml(text)
    except tomllib.TOMLDecodeError as exc:
        raise CareContentError(f"{origin}: not valid TOML: {exc}") from None
    meta = reader.table(data, "meta", "[meta]")
    if meta.get("kind") != kind:
        raise reader.fail("[meta]", f"kind must be '{kind}', found {meta.get('kind')!r}")
    version = reader.text(meta, "version", "[meta]")
    if len(version) > VERSION_MAX or " " in version:
        raise reader.fail("[meta]", f"version must be one word of at most {VERSION_MAX} characters")
    language = reader.text(meta, "language", "[meta]")
    if not re.fullmatch(r"[a-z]{2,3}", language):
        raise reader.fail("[meta]", "language must be a language code such as 'en'")
    digest = hashlib.sha256(text.encode("utf-8"))
    for other in shared:
        digest.update(b"\0" + other.encode("utf-8"))
    checksum = digest.hexdigest()[:8]
    return reader, data, language, version, checksum
