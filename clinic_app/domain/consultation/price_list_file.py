"""A clinic's own price list as TOML text (the format of resources/pricing/price_list.toml).

Written by the price editor into the clinic's overrides; read back by pricing.load_price_list,
which checks it. Standard library only.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal

from clinic_app.domain.consultation.pricing import FORMAT_VERSION, PriceList


def _text(value: str) -> str:
    """A TOML basic string (JSON's escaping is TOML's for these characters)."""
    return json.dumps(value, ensure_ascii=False)


def _key(name: str) -> str:
    return name if name.replace("_", "").isalnum() and name.isascii() else _text(name)


def price_list_toml(
    shipped: PriceList,
    currency: str,
    symbol: str,
    prices: Mapping[str, Mapping[str, Decimal]],
) -> str:
    """The clinic's price list: its currency, symbol and prices, the shipped "includes" kept,
    no longer marked as placeholder prices."""
    lines = [
        "# This clinic's price list, written by the price editor (Administration > Price list).",
        "# It replaces the shipped placeholder prices; edit it there rather than here.",
        f"format_version = {FORMAT_VERSION}",
        f"currency = {_text(currency.upper())}",
        f"symbol = {_text(symbol)}",
        "placeholder = false",
        'per = "session"',
        "",
        "[includes]",
    ]
    for area, covered in shipped.includes.items():
        listed = ", ".join(_text(a) for a in covered)
        lines.append(f"{_key(area)} = [{listed}]")
    for intensity, table in prices.items():
        lines += ["", f"[prices.{_key(intensity)}]"]
        lines += [f"{_key(area)} = {_text(str(amount))}" for area, amount in table.items()]
    return "\n".join(lines) + "\n"
