"""Folding of names for accent- and case-insensitive search and sorting ("nunez" finds "Núñez")."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

# Letters that Unicode does not decompose into a base letter plus accents.
_SPECIAL_LETTERS = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i"}
    # Typographic apostrophes and dashes read as the ones on the keyboard: O’Brien = O'Brien.
    | {"’": "'", "‘": "'", "ʼ": "'", "`": "'", "‐": "-", "‑": "-", "–": "-", "—": "-"}
)
SORT_KEY_MAX = 220  # the column's size; folding can lengthen a name (ß -> ss)
_SPACES = re.compile(r"\s+")
_PHONE_LIKE = re.compile(r"^[+(]?[\d][\d\s().+-]*$")
_DATE_LIKE = re.compile(r"^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})$")


def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced: "  Núñez-Ølsen " -> "nunez-olsen"."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.translate(_SPECIAL_LETTERS)).strip()


def digits(text: str) -> str:
    """Only the digits of ``text`` ("+1 (555) 123-4567" -> "15551234567")."""
    return "".join(ch for ch in text if ch.isdigit())


def sort_key(first_name: str, last_name: str) -> str:
    """Order of the patient list: family name, then given name, folded."""
    return f"{fold(last_name)} {fold(first_name)}"[:SORT_KEY_MAX]


def search_key(
    first_name: str, last_name: str, date_of_birth: dt.date, phone: str = "", email: str = ""
) -> str:
    """The text that search terms are matched against."""
    parts = [
        fold(first_name),
        fold(last_name),
        date_of_birth.isoformat(),
        digits(phone),
        fold(email),
    ]
    return " ".join(part for part in parts if part)


def _date_alternatives(token: str) -> list[str]:
    match = _DATE_LIKE.match(token)
    if not match:
        return []
    a, b, c = (int(group) for group in match.groups())
    candidates = [(a, b, c)] if len(match.group(1)) == 4 else [(c, b, a), (c, a, b)]
    found: list[str] = []
    for year, month, day in candidates:
        try:
            iso = dt.date(year, month, day).isoformat()
        except ValueError:
            continue
        if iso not in found:
            found.append(iso)
    return found


def search_terms(text: str) -> list[list[str]]:
    """Split a query into terms; each term is a list of alternatives, any of which may match.

    Every term must match. Dates typed as 14/03/1980, 14.03.1980 or 1980-03-14 match the ISO
    date of birth (both day-first and month-first readings when both are valid); phone numbers
    typed with spaces or dashes match the stored digits.
    """
    terms: list[list[str]] = []
    for token in fold(text).split(" "):
        if not token:
            continue
        alternatives = _date_alternatives(token)
        if not alternatives:
            alternatives = [token]
            if _PHONE_LIKE.match(token) and len(digits(token)) >= 3 and digits(token) != token:
                alternatives.append(digits(token))
        terms.append(alternatives)
    return terms
