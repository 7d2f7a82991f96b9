"""Folding of names for accent- and case-insensitive search and sorting ("nunez" finds "Núñez"),
the search terms of a patient and the prefixes a query looks for (docs/search.md)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

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
_LOOSE = re.compile(r"[\W_]+")  # spaces and punctuation, left out when comparing names


def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced: "  Núñez-Ølsen " -> "nunez-olsen"."""
    if text.isascii():  # the same result, several times faster (most names, every e-mail)
        return _SPACES.sub(" ", text.lower().translate(_SPECIAL_LETTERS)).strip()
    folded = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.translate(_SPECIAL_LETTERS)).strip()


def digits(text: str) -> str:
    """Only the digits of ``text`` ("+1 (555) 123-4567" -> "15551234567")."""
    return "".join(filter(str.isdigit, text))


def sort_key(first_name: str, last_name: str) -> str:
    """Order of the patient list: family name, then given name, folded."""
    return f"{fold(last_name)} {fold(first_name)}"[:SORT_KEY_MAX]


def same_name_key(first_name: str, last_name: str) -> tuple[str, str]:
    """Family and given name folded, without spaces or punctuation: two registrations of one
    person typed differently ("Núñez-O'Brien", "Nunez OBrien") have the same key."""
    return (_LOOSE.sub("", fold(last_name)), _LOOSE.sub("", fold(first_name)))


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
    """Split a query into words; each word is a list of alternatives, any of which may match.

    Every word must match: begin one of the patient's terms (:func:`patient_terms`). Dates
    typed as 14/03/1980, 14.03.1980 or 1980-03-14 match the ISO date of birth (both day-first
    and month-first readings when both are valid); phone numbers typed with spaces or dashes
    match the stored digits.
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


# --- the search index: terms of a patient, prefixes of a query ------------------------------------

TERM_MAX = 64  # the column's size; longer words are cut (a query word is cut the same way)
PHONE_SUFFIX_MIN = 3  # "the last 3+ digits of the phone" find the patient
_PUNCTUATION = re.compile(r"[\W_]+")
_WORD_PART = re.compile(r"[^\W_]+")
_LAST_CHAR = chr(0x10FFFF)
_SURROGATES = (0xD800, 0xDFFF)


def word_terms(folded: str) -> list[str]:
    """Terms of folded free text: each word, and for a word with punctuation every ending of
    it that begins a part, as written and without punctuation ("nunez-o'brien" ->
    nunez-o'brien, o'brien, brien, nunezobrien, obrien; and the parts nunez and o, which begin
    them). A person types any part of a compound name first: "o'brien", "obrien", "o'b"."""
    terms: list[str] = []
    for word in folded.split(" "):
        if not word:
            continue
        terms.append(word)
        if _PUNCTUATION.search(word) is None:
            continue  # a plain word
        for start in (part.start() for part in _WORD_PART.finditer(word)):
            ending = word[start:]
            terms.append(ending)
            terms.append(_PUNCTUATION.sub("", ending))
            end = _PUNCTUATION.search(ending)
            terms.append(ending[: end.start()] if end else ending)  # the part itself
    return terms


def phone_terms(phone: str) -> list[str]:
    """The digits of a phone number and each of their endings of 3 or more digits, so that a
    prefix search finds any run of digits ("555 0100" -> 5550100, 550100, 50100, 0100, 100)."""
    number = digits(phone)
    if len(number) <= PHONE_SUFFIX_MIN:
        return [number] if number else []
    return [number[start:] for start in range(len(number) - PHONE_SUFFIX_MIN + 1)]


def email_terms(email: str) -> list[str]:
    """A folded e-mail address whole, its local part and its domain."""
    address = fold(email)
    if not address:
        return []
    local, _, domain = address.rpartition("@")
    return [address, local, domain]


def minimal_terms(terms: list[str]) -> list[str]:
    """Sorted distinct terms cut to TERM_MAX, without those that begin another term (every
    prefix of "nunez" is a prefix of "nunez-olsen" too)."""
    ordered = sorted({term[:TERM_MAX] for term in terms if term})
    following = [*ordered[1:], ""]
    return [
        term for term, after in zip(ordered, following, strict=True) if not after.startswith(term)
    ]


@lru_cache(maxsize=8192)  # a clinic's patients share first and family names
def _name_terms(name: str) -> tuple[str, ...]:
    return tuple(word_terms(fold(name)))


def patient_terms(
    first_name: str, last_name: str, date_of_birth: dt.date, phone: str = "", email: str = ""
) -> list[str]:
    """The search terms of a patient: a query finds the patient when each of its words begins
    one of these (folded names and their parts, ISO date of birth, phone digit runs, e-mail)."""
    return minimal_terms(
        [
            *_name_terms(first_name),
            *_name_terms(last_name),
            date_of_birth.isoformat(),
            *phone_terms(phone),
            *email_terms(email),
        ]
    )


def search_key(
    first_name: str, last_name: str, date_of_birth: dt.date, phone: str = "", email: str = ""
) -> str:
    """The patient's search terms separated by spaces: a query word matches where it follows a
    space in ``" " + search_key``, just as it begins one of the indexed terms."""
    return " ".join(patient_terms(first_name, last_name, date_of_birth, phone, email))


def query_prefixes(text: str) -> list[list[str]]:
    """``search_terms`` cut to the stored terms' size: each word's alternative prefixes."""
    found: list[list[str]] = []
    for alternatives in search_terms(text.replace("\x00", "")):
        cut = list(dict.fromkeys(alt[:TERM_MAX] for alt in alternatives))
        found.append(cut)
    return found


def prefix_upper_bound(prefix: str) -> str | None:
    """The least string above every string that begins with ``prefix`` (code point order, the
    order of SQLite's BINARY and PostgreSQL's "C" collation); None when there is none."""
    stripped = prefix.rstrip(_LAST_CHAR)
    if not stripped:
        return None
    code = ord(stripped[-1]) + 1
    if _SURROGATES[0] <= code <= _SURROGATES[1]:
        code = _SURROGATES[1] + 1  # not text: no stored string holds a lone surrogate
    return stripped[:-1] + chr(code)
