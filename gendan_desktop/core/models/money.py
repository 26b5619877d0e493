"""Shipments (出货), payments (收款) and complaints (客诉) with their credits."""

from __future__ import annotations

from peewee import (
    SQL,
    CharField,
    DateField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from ..fields import MoneyField
from .base import BaseModel, VersionedModel
from .clients import Client
from .orders import Order, OrderLine
from .production import FlowCard


class Shipment(VersionedModel):
    number = CharField(max_length=40, unique=True)
    order = ForeignKeyField(Order, backref="shipments", on_delete="RESTRICT")
    date = DateField(index=True)
    booking_no = CharField(max_length=80, default="")  # 订舱
    container_no = CharField(max_length=80, default="")  # 装柜
    customs_no = CharField(max_length=80, default="")  # 报关单号
    bl_no = CharField(max_length=80, default="")  # 提单号
    vessel = CharField(max_length=100, default="")
    port_of_loading = CharField(max_length=100, default="")
    port_of_discharge = CharField(max_length=100, default="")
    notes = TextField(default="")
    # why more left than production had finished (required then; core/shipments.py)
    excess_reason = TextField(default="")


class ShipmentLine(BaseModel):
    shipment = ForeignKeyField(Shipment, backref="lines", on_delete="CASCADE")
    order_line = ForeignKeyField(OrderLine, backref="shipment_lines", on_delete="RESTRICT")
    quantity = IntegerField()
    unit_price = MoneyField()  # frozen at shipment so statements never move


class Payment(VersionedModel):
    """Money received (amount > 0), or given back or moved to another order
    (kinds refund / transfer: negative on the order it leaves, positive on the
    order it goes to), so every sum over amounts is the net received."""

    client = ForeignKeyField(Client, backref="payments", on_delete="RESTRICT")
    order = ForeignKeyField(Order, null=True, backref="payments", on_delete="SET NULL")
    kind = CharField(max_length=20, default="balance")  # deposit / balance / other
    amount = MoneyField()
    currency = CharField(max_length=3, default="USD")
    date = DateField(index=True)
    reference = CharField(max_length=120, default="")
    notes = TextField(default="")
    # a refund or carry-over of another payment (kind refund/transfer, signed amount)
    source_payment = ForeignKeyField("self", null=True, backref="disposals", on_delete="RESTRICT")


# ------------------------------------------------------------- after-sales ---
class Complaint(VersionedModel):
    """售后/客诉 linked to an order and optionally the batch (flow card)."""

    number = CharField(max_length=40, unique=True)
    order = ForeignKeyField(Order, backref="complaints", on_delete="RESTRICT")
    card = ForeignKeyField(FlowCard, null=True, backref="complaints", on_delete="SET NULL")
    date = DateField(index=True)
    description = TextField()
    qty_affected = IntegerField(default=0)
    cause = TextField(default="")
    countermeasure = TextField(default="")
    disposition = CharField(max_length=20, default="")  # rework/remake/discount/return
    cost = MoneyField()  # our cost in CNY
    credit_amount = MoneyField()  # reduces what the client owes, in the order currency
    credit_date = DateField(null=True)
    currency = CharField(max_length=3, default="USD")
    status = CharField(max_length=20, default="open", index=True)  # open/processing/closed
    remake_order = ForeignKeyField(Order, null=True, backref="remake_complaints", on_delete="SET NULL")
    closed_at = DateField(null=True)
    # who looks after it (跟单员); a hand-over moves it (core/handover.py)
    merchandiser = CharField(max_length=100, default="", index=True, constraints=[SQL("DEFAULT ''")])


# The after-sales list's sorts on columns of the complaint, each with the id (its
# "ORDER BY column, id"): the first page walks the index and stops, instead of
# sorting every complaint (60–160 ms at 1M orders); migration 12 adds them.
COMPLAINT_LIST_INDEXES = tuple((f"complaint_list_by_{c}", (c, "id"))
                               for c in ("qty_affected", "disposition", "cost", "credit_amount"))
for _name, _cols in COMPLAINT_LIST_INDEXES:
    Complaint.add_index(*(Complaint._meta.columns[c] for c in _cols), name=_name)
