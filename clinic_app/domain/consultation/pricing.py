"""The clinic's price list and the consultation's price estimate.

Prices are data: ``resources/pricing/price_list.toml`` (per session, per intensity and area, in
one currency), replaced by ``DATA_DIR/overrides/pricing/price_list.toml``. The shipped prices are
placeholders (see the file). Standard library only. Format: docs/consultation.md.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from clinic_app.content import ContentError, layered_files, loads_toml

PRICING_DIR = "pricing"
PRICE_LIST_FILE = "price_list.toml"
FORMAT_VERSION = 1
CENT = Decimal("0.01")


class PriceListError(ContentError):
    """The price list cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class PriceList:
    currency: str  # ISO 4217, e.g. "USD"
    symbol: str
    prices: Mapping[str, Mapping[str, Decimal]]  # intensity -> area -> price per session
    includes: Mapping[str, tuple[str, ...]]  # area -> areas it covers (full_face -> cheeks...)
    placeholder: bool = False
    note: str = ""
    source: str = ""
    origin: str = ""

    def format(self, amount: Decimal) -> str:
        """ "$4,800.00", or "4,800.00 EUR" without a symbol."""
        text = f"{amount.quantize(CENT):,.2f}"
        return f"{self.symbol}{text}" if self.symbol else f"{text} {self.currency}"


@dataclass(frozen=True)
class PriceLine:
    area: str
    price: Decimal  # per session


@dataclass(frozen=True)
class PriceEstimate:
    """The estimate for a plan; ``total`` is None when an area has no price for the intensity."""

    currency: str
    intensity: str
    sessions: int
    lines: tuple[PriceLine, ...]
    covered: tuple[str, ...]  # areas priced as part of a larger one (e.g. cheeks in full face)
    missing: tuple[str, ...]  # areas without a price for this intensity
    per_session: Decimal | None
    total: Decimal | None
    placeholder: bool

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready, as stored with the treatment plan."""
        return {
            "currency": self.currency,
            "intensity": self.intensity,
            "sessions": self.sessions,
            "lines": [{"area": line.area, "price": str(line.price)} for line in self.lines],
            "covered": list(self.covered),
            "missing": list(self.missing),
            "per_session": None if self.per_session is None else str(self.per_session),
            "total": None if self.total is None else str(self.total),
            "placeholder": self.placeholder,
        }


def estimate(
    price_list: PriceList, intensity: str, areas: Iterable[str], sessions: int
) -> PriceEstimate:
    """Sum of the areas' prices per session, times ``sessions``."""
    chosen = list(dict.fromkeys(areas))
    covered = tuple(
        area
        for area in chosen
        if any(area in price_list.includes.get(other, ()) for other in chosen if other != area)
    )
    table = price_list.prices.get(intensity, {})
    lines = []
    missing = []
    for area in chosen:
        if area in covered:
            continue
        if area in table:
            lines.append(PriceLine(area, table[area]))
        else:
            missing.append(area)
    per_session = None if missing or not lines else sum((ln.price for ln in lines), Decimal(0))
    total = None if per_session is None else (per_session * sessions).quantize(CENT)
    return PriceEstimate(
        currency=price_list.currency,
        intensity=intensity,
        sessions=sessions,
        lines=tuple(lines),
        covered=covered,
        missing=tuple(missing),
        per_session=per_session,
        total=total,
        placeholder=price_list.placeholder,
    )


def load_price_list(data_dir: Path | None = None) -> PriceList:
    """The clinic's price list if it has one, else the shipped placeholder list."""
    files = [f for f in layered_files(PRICING_DIR, data_dir) if f.name == PRICE_LIST_FILE]
    if not files:
        raise PriceListError(f"{PRICING_DIR}/{PRICE_LIST_FILE}: not found")
    entry = files[0]
    try:
        data = loads_toml(entry.read_bytes().decode("utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        raise PriceListError(f"{entry}: cannot be read: {exc}") from None
    return parse_price_list(data, str(entry))


def parse_price_list(data: Mapping[str, Any], origin: str = "price list") -> PriceList:
    """Check and convert the TOML data of a price list."""

    def fail(key: str, problem: str) -> PriceListError:
        return PriceListError(f"{origin}: {key}: {problem}")

    if data.get("format_version") != FORMAT_VERSION:
        raise fail("format_version", f"must be {FORMAT_VERSION}")
    currency = data.get("currency")
    if not isinstance(currency, str) or len(currency) != 3 or not currency.isalpha():
        raise fail("currency", 'must be a three-letter code, e.g. "USD"')
    raw_prices = data.get("prices")
    if not isinstance(raw_prices, dict) or not raw_prices:
        raise fail("prices", "needs a [prices.<intensity>] table of area = price")
    prices: dict[str, dict[str, Decimal]] = {}
    for intensity, table in raw_prices.items():
        if not isinstance(table, dict):
            raise fail(f"prices.{intensity}", "must be a table of area = price")
        prices[intensity] = {}
        for area, value in table.items():
            try:
                if isinstance(value, bool) or not isinstance(value, int | float | str):
                    raise InvalidOperation
                amount = Decimal(str(value))
            except InvalidOperation:
                raise fail(f"prices.{intensity}.{area}", "must be a number") from None
            if not amount.is_finite() or amount < 0:
                raise fail(f"prices.{intensity}.{area}", "must be 0 or more")
            prices[intensity][area] = amount.quantize(CENT)
    includes: dict[str, tuple[str, ...]] = {}
    for area, covered in dict(data.get("includes", {})).items():
        if not isinstance(covered, list) or not all(isinstance(a, str) for a in covered):
            raise fail(f"includes.{area}", 'must be a list of areas, e.g. ["cheeks"]')
        includes[area] = tuple(covered)
    return PriceList(
        currency=currency.upper(),
        symbol=str(data.get("symbol", "")),
        prices=prices,
        includes=includes,
        placeholder=bool(data.get("placeholder", False)),
        note=str(data.get("note", "")),
        source=str(data.get("source", "")),
        origin=origin,
    )
