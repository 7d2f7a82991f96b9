"""The clinic's default paper: Letter in the United States and Canada, A4 elsewhere (issue 19:
a Montréal address got A4)."""

from __future__ import annotations

import pytest

from clinic_app.domain.paper_size import A4, LETTER, country_of_address, suggested_paper_size


@pytest.mark.parametrize(
    ("address", "country"),
    [
        ("1234 rue Sherbrooke Ouest\nMontréal (Québec) H3G 1K4", "CA"),
        ("1234 rue Sherbrooke O., Montréal, QC", "CA"),
        ("55 King St W\nToronto ON M5K 1E7", "CA"),
        ("200 Granville St, Vancouver, British Columbia", "CA"),
        ("h3g 1k4", "CA"),
        ("Calgary, Alberta, Canada", "CA"),
        ("12 Harbour Street, Suite 3\nPortland, ME 04101", "US"),
        ("350 Fifth Avenue, New York, NY 10118-0110", "US"),
        ("1 Main St, Springfield, U.S.A.", "US"),
        ("Austin, Texas, United States", "US"),
        ("Calle Mayor 1, 28013 Madrid, España", None),
        ("12 rue de la Paix, 75002 Paris, France", None),
        ("Keizersgracht 1, 1015 CJ Amsterdam, NL", None),
        ("Hlavná 1, 811 01 Bratislava, SK", None),
        ("Av. Larco 101, Lima, PE", None),
        ("Jerusalem Street 4, Tel Aviv", None),
        ("", None),
    ],
)
def test_the_address_tells_the_united_states_and_canada(address: str, country: str | None) -> None:
    assert country_of_address(address) == country


def test_a_montreal_address_prints_on_letter_whatever_the_computer_says() -> None:
    suggestion = suggested_paper_size(
        "1234 rue Sherbrooke Ouest\nMontréal (Québec) H3G 1K4", "514 555 0100", "FR"
    )
    assert suggestion.size == LETTER
    assert suggestion.reason == "the address is in Canada"


@pytest.mark.parametrize(
    ("address", "phone", "locale", "size", "reason"),
    [
        ("Calle Mayor 1, Madrid", "+34 910 000 000", "US", A4, "outside North America"),
        ("Calle Mayor 1, Madrid", "0034 910 000 000", "", A4, "outside North America"),
        ("", "+1 (514) 555-0100", "", LETTER, "North American (+1)"),
        ("", "514 555 0100", "CA", LETTER, "set to Canada"),
        ("", "514 555 0100", "us", LETTER, "set to the United States"),
        ("", "", "DE", A4, "nothing typed names the United States or Canada"),
        ("", "", "", A4, "nothing typed names"),
        ("12 rue de la Paix, Paris", "01 23 45 67 89", "FR", A4, "nothing typed names"),
    ],
)
def test_without_an_address_the_phone_then_the_computer_decide(
    address: str, phone: str, locale: str, size: str, reason: str
) -> None:
    suggestion = suggested_paper_size(address, phone, locale)
    assert suggestion.size == size
    assert reason in suggestion.reason
