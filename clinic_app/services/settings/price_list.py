"""The clinic's price list: read it, and save the administrator's prices as the clinic's own
(DATA_DIR/overrides/pricing/price_list.toml), checked before it is written, audited."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path

from sqlalchemy.orm import Session

from clinic_app.content import loads_toml, override_dir
from clinic_app.domain.consultation.price_list_file import price_list_toml
from clinic_app.domain.consultation.pricing import (
    PRICE_LIST_FILE,
    PRICING_DIR,
    PriceList,
    PriceListError,
    load_price_list,
    parse_price_list,
)
from clinic_app.services.errors import ValidationError
from clinic_app.services.safe_files import write_atomically
from clinic_app.services.security import audit
from clinic_app.services.security.identity import SignedInUser, admin_use_case


def current(data_dir: Path | None) -> PriceList:
    """The price list the estimates use now (the clinic's, else the shipped placeholders)."""
    return load_price_list(data_dir)


@admin_use_case("manage_settings")
def save(
    session: Session,
    user: SignedInUser,
    data_dir: Path,
    currency: str,
    symbol: str,
    prices: Mapping[str, Mapping[str, str]],
) -> PriceList:
    """Write the typed prices as the clinic's price list; ValidationError by field
    (``currency``, ``prices.<intensity>.<area>``) and nothing written when one is wrong."""
    errors: dict[str, str] = {}
    code = currency.strip().upper()
    if len(code) != 3 or not code.isalpha():
        errors["currency"] = 'Currency: a three-letter code, e.g. "USD" or "EUR".'
    amounts: dict[str, dict[str, Decimal]] = {}
    for intensity, table in prices.items():
        amounts[intensity] = {}
        for area, typed in table.items():
            text = typed.strip().replace(",", "")
            try:
                amount = Decimal(text)
            except InvalidOperation:
                errors[f"prices.{intensity}.{area}"] = (
                    f"{area.replace('_', ' ').capitalize()}, {intensity}: '{typed}' is not a "
                    "price; write a number such as 1300 or 1300.50."
                )
                continue
            if not amount.is_finite() or amount < 0:
                errors[f"prices.{intensity}.{area}"] = (
                    f"{area.replace('_', ' ').capitalize()}, {intensity}: 0 or more."
                )
                continue
            amounts[intensity][area] = amount
    if errors:
        raise ValidationError(errors)
    shipped = load_price_list(None)
    text = price_list_toml(shipped, code, symbol.strip(), amounts)
    target = override_dir(data_dir, PRICING_DIR) / PRICE_LIST_FILE
    try:
        checked = parse_price_list(loads_toml(text), str(target))
    except (tomllib.TOMLDecodeError, PriceListError) as exc:  # a bug here, never the user's
        raise ValidationError({"prices": f"The price list could not be written: {exc}"}) from exc
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, text.encode("utf-8"), "saving the price list")
    audit.record(session, user.actor, "update", "price_list", None, f"price list saved ({code})")
    return checked
