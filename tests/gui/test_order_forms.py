"""The Designer forms of the orders, production and after-sales tabs load and
name their inputs after the service fields the code reads (a renamed widget in
Designer would otherwise only fail when a user opens the form)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from gendan_desktop.gui.kit.forms import load_form

FORMS = {
    "order_form.ui": ["client", "client_po", "order_type", "order_date", "delivery_date", "channel", "currency",
                      "trade_terms", "deposit_pct", "payment_terms", "product_category", "merchandiser",
                      "client_requirements", "packing", "shipping_marks", "notes"],
    "review_form.ui": ["review_capability", "review_material", "review_colour", "review_quantity", "review_date",
                       "review_notes", "reviewed_info"],
    "reason_form.ui": ["prompt", "reason"],
    "complaint_form.ui": ["order", "card", "date", "qty_affected", "description", "cause", "countermeasure"],
    "disposition_form.ui": ["disposition", "cost", "credit_amount", "credit_date", "client_insists"],
    "progress_entry.ui": ["scan", "card_info", "step", "qty_in", "qty_good", "qty_defect", "operator", "date",
                          "record_button", "entry_error"],
    "exception_form.ui": ["kind", "severity", "card", "description", "date"],
    "shipment_form.ui": ["date", "booking_no", "container_no", "customs_no", "bl_no", "vessel", "port_of_loading",
                         "port_of_discharge", "notes"],
    "payment_form.ui": ["kind", "amount", "currency", "date", "reference", "notes"],
    "material_form.ui": ["name", "spec", "unit", "consumption_per_piece", "loss_rate_pct", "in_stock",
                         "supplied_by_client", "add_material_button"],
    "purchase_form.ui": ["supplier", "quantity", "ordered_date", "due_date", "notes"],
    "receive_form.ui": ["receive_info", "quantity", "received_date", "allow_excess"],
    "issue_cards_form.ui": ["remaining_info", "batch_size", "factory", "finish_by", "notes"],
    "remake_form.ui": ["remake_info", "delivery_date"],
    "quotation_order_form.ui": ["quotation_info", "delivery_date", "client_po", "channel"],
}


@pytest.mark.parametrize("name", sorted(FORMS))
def test_form_loads_with_named_inputs(qapp, name):
    form = load_form(name)
    missing = [n for n in FORMS[name] if form.findChild(QWidget, n) is None]
    assert not missing, f"{name} lacks {missing}"
