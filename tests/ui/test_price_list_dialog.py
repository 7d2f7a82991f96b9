"""The price editor: placeholder prices said so, a wrong cell named and marked with nothing
written, the clinic's prices saved and read by the next estimate."""

from __future__ import annotations

from decimal import Decimal

from clinic_app.domain.consultation.pricing import load_price_list
from clinic_app.services.security import users
from clinic_app.services.security.identity import SignedInUser
from clinic_app.ui.security.price_list_dialog import INVALID, PriceListDialog


def test_edit_and_save_the_clinic_prices(qtbot, clinic_database, actor, data_dir):
    with clinic_database.session() as session:
        info = users.add(session, actor, "ana", "administrator", "secret-pass-1", "Ana Ruiz")
    admin = SignedInUser(info.id, "ana", "Ana Ruiz", "administrator")
    dialog = PriceListDialog(clinic_database, admin, data_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    row, column = dialog.areas.index("cheeks"), dialog.intensities.index("moderate")
    assert dialog.table.item(row, column).text() == "1300"
    dialog.table.item(row, column).setText("thirteen hundred")
    assert not dialog.save()
    assert "'thirteen hundred' is not a price" in dialog.error.text()
    assert dialog.table.item(row, column).background() == INVALID
    assert load_price_list(data_dir).placeholder, "nothing written"
    dialog.table.item(row, column).setText("1450")
    assert dialog.save()
    prices = load_price_list(data_dir)
    assert not prices.placeholder and prices.prices["moderate"]["cheeks"] == Decimal("1450.00")
