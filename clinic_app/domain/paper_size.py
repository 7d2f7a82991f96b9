"""Which paper a clinic's handouts are printed on by default: Letter in the United States and
Canada, A4 everywhere else (ISO 216 is the standard of nearly every other country; Canada uses
metric units but its printers, paper and forms are Letter, so a measurement-system rule such as
QLocale's says A4 for Montréal, wrongly).

The rule, first evidence wins:

1. the clinic's address names the United States or Canada: the country ("USA", "United
   States", "Canada"), a Canadian postal code ("H3G 1K4"), a Canadian province or territory
   (name or code: "Québec", "QC", "Ontario", "ON"), or a US state code before a ZIP code
   ("ME 04101"); another country's address is none of these, and goes on to the next rule;
2. otherwise the clinic's phone number: +1 (the North American numbering plan) is Letter, any
   other country code A4;
3. otherwise the country the computer is set to (its locale): US or CA is Letter;
4. otherwise A4.

It only proposes: the person chooses, and a stored choice is never changed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

A4, LETTER = "A4", "Letter"
LETTER_COUNTRIES = {"US": "the United States", "CA": "Canada"}

_PROVINCES = (
    "alberta|british columbia|colombie-britannique|manitoba|new brunswick|nouveau-brunswick|"
    "newfoundland|terre-neuve|nova scotia|nouvelle-ecosse|ontario|prince edward island|"
    "ile-du-prince-edouard|quebec|saskatchewan|yukon|nunavut|northwest territories|"
    "territoires du nord-ouest"
)
# Alone, only the codes no country shares: NL, PE and SK are also the Netherlands, Peru and
# Slovakia (a postal code still tells those provinces).
_PROVINCE_CODES = "AB|BC|MB|NB|NS|NT|NU|ON|QC|YT"
_STATE_CODES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|"
    "NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR"
)
_CANADA = (
    re.compile(r"\bcanada\b"),
    re.compile(rf"\b(?:{_PROVINCES})\b"),
    # A1A 1A1: the letters D, F, I, O, Q, U are never used, W and Z never first
    re.compile(r"\b[abceghj-nprstvxy]\d[abceghj-nprstv-z] ?\d[abceghj-nprstv-z]\d\b"),
)
_CANADA_CODES = re.compile(rf"(?:^|[\s,(])(?:{_PROVINCE_CODES})(?=$|[\s,).])")
_UNITED_STATES = (re.compile(r"\b(?:usa|u\.s\.a\.?|united states(?: of america)?)(?=$|[\s,.])"),)
_STATE_AND_ZIP = re.compile(rf"\b(?:{_STATE_CODES})\.?\s+\d{{5}}(?:-\d{{4}})?\b")


@dataclass(frozen=True)
class PaperSuggestion:
    """The paper size proposed, and why, in words for the form ("the address is in Canada")."""

    size: str
    reason: str


def _plain(text: str) -> str:
    """Lower case without accents: 'Montréal (Québec)' -> 'montreal (quebec)'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def country_of_address(address: str) -> str | None:
    """'US' or 'CA' when the address names the United States or Canada (rule 1), else None."""
    plain = _plain(address)
    if any(pattern.search(plain) for pattern in _CANADA) or _CANADA_CODES.search(address):
        return "CA"
    if any(pattern.search(plain) for pattern in _UNITED_STATES) or _STATE_AND_ZIP.search(address):
        return "US"
    return None


def _calling_code(phone: str) -> str | None:
    """The digits after + (or 00) at the start of an international number, else None."""
    compact = re.sub(r"[\s().-]", "", phone)
    match = re.match(r"^(?:\+|00)(\d+)$", compact)
    return match.group(1) if match else None


def suggested_paper_size(
    address: str, phone: str = "", locale_country: str = ""
) -> PaperSuggestion:
    """The paper size the rule above proposes for a clinic with this address and phone, on a
    computer set to ``locale_country`` (ISO 3166 code, e.g. "CA"; "" when unknown)."""
    country = country_of_address(address)
    if country is not None:
        return PaperSuggestion(LETTER, f"the address is in {LETTER_COUNTRIES[country]}")
    code = _calling_code(phone)
    if code is not None:
        if code.startswith("1"):
            return PaperSuggestion(LETTER, "the phone number is North American (+1)")
        return PaperSuggestion(A4, "the phone number is outside North America")
    if locale_country.upper() in LETTER_COUNTRIES:
        where = LETTER_COUNTRIES[locale_country.upper()]
        return PaperSuggestion(LETTER, f"this computer is set to {where}")
    return PaperSuggestion(A4, "nothing typed names the United States or Canada")
