"""Orders (订单), their lines and revisions (改单), with the order list's covering indexes."""

from __future__ import annotations

from peewee import (
    SQL,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from ..fields import MoneyField, RateField
from .base import BaseModel, VersionedModel, _now
from .clients import Client
from .sales import Factory, Quotation, Sample


class Order(VersionedModel):
    number = CharField(max_length=40, unique=True)
    client = ForeignKeyField(Client, backref="orders", on_delete="RESTRICT")
    channel = CharField(max_length=20, default="email")  # fax/mail/verbal/email/online
    client_po = CharField(max_length=80, default="", index=True)
    order_type = CharField(max_length=20, default="normal")  # normal/processing/sample/remake
    currency = CharField(max_length=3, default="USD")
    order_date = DateField(index=True)
    delivery_date = DateField(index=True)
    status = CharField(max_length=20, default="draft", index=True)  # enums.ORDER_STATUSES
    revision = IntegerField(default=0)  # 0 = original, 1 = R1, …
    quotation = ForeignKeyField(Quotation, null=True, backref="orders", on_delete="SET NULL")
    sample = ForeignKeyField(Sample, null=True, backref="orders", on_delete="SET NULL")
    remake_of = ForeignKeyField("self", null=True, backref="remakes", on_delete="SET NULL")
    factory = ForeignKeyField(Factory, null=True, backref="orders", on_delete="SET NULL")
    product_category = CharField(max_length=80, default="")  # picks the route template
    payment_terms = CharField(max_length=200, default="")
    trade_terms = CharField(max_length=40, default="FOB")
    deposit_pct = RateField(default=30)
    merchandiser = CharField(max_length=100, default="")
    # 订单审查 checklist: each must be True before the order can be confirmed
    review_capability = BooleanField(default=False)
    review_material = BooleanField(default=False)
    review_colour = BooleanField(default=False)
    review_quantity = BooleanField(default=False)
    review_date = BooleanField(default=False)
    review_notes = TextField(default="")
    reviewed_by = CharField(max_length=100, default="")
    reviewed_at = DateTimeField(null=True)
    confirmed_at = DateTimeField(null=True)
    # production may start before materials are covered only with a reason
    material_override_reason = TextField(default="")
    production_started_at = DateTimeField(null=True)
    cancelled_at = DateTimeField(null=True)
    cancel_reason = TextField(default="")
    client_requirements = TextField(default="")
    packing = TextField(default="")
    shipping_marks = TextField(default="")
    notes = TextField(default="")
    # 0, or the order's own id when it shared its client PO with an earlier
    # order before the unique index on (client, PO) existed (migrations.py).
    po_dup_id = IntegerField(default=0, constraints=[SQL("DEFAULT 0")])


# Covering indexes for the order lists (migrations 3, 9 and 11 add them to older
# databases): walking one in its sort order answers the filters (delivery,
# status, client, merchandiser, number/PO prefix) without reading 100,000 table rows;
# the two led by the status find the orders of one status (or the open
# production orders due by a date) without walking the others.
ORDER_LIST_INDEXES = (
    ("order_list_by_order_date",
     ("order_date", "id", "delivery_date", "status", "client_id", "number", "client_po", "merchandiser")),
    ("order_list_by_delivery_date",
     ("delivery_date", "id", "status", "order_date", "client_id", "number", "client_po", "merchandiser")),
    ("order_list_by_number",
     ("number", "id", "delivery_date", "status", "order_date", "client_id", "client_po", "merchandiser")),
    ("order_list_by_client",
     ("client_id", "id", "delivery_date", "status", "order_date", "number", "client_po", "merchandiser")),
    ("order_list_by_status_order_date", ("status", "order_date", "id")),
    ("order_list_by_status_delivery_date", ("status", "delivery_date", "id")),
)
for _name, _cols in ORDER_LIST_INDEXES:
    Order.add_index(*(Order._meta.columns[c] for c in _cols), name=_name)


class OrderLine(BaseModel):
    order = ForeignKeyField(Order, backref="lines", on_delete="CASCADE")
    line_no = IntegerField(default=1)
    style = CharField(max_length=80, default="", index=True)
    product = CharField(max_length=200, default="")
    colour = CharField(max_length=80, default="")
    size = CharField(max_length=40, default="")
    quantity = IntegerField(default=0)
    unit = CharField(max_length=20, default="pcs")
    unit_price = MoneyField()
    remarks = TextField(default="")


class OrderRevision(BaseModel):
    """A frozen copy of an order as it stood before revision ``revision + 1``.

    ``snapshot`` is JSON of the order header and lines (core/revisions.py), so an
    old revision stays readable after the order is changed.
    """

    order = ForeignKeyField(Order, backref="revisions", on_delete="CASCADE")
    revision = IntegerField()
    reason = TextField(default="")
    snapshot = TextField()
    created_at = DateTimeField(default=_now)
    created_by = CharField(max_length=100, default="")

    class Meta:
        indexes = ((("order", "revision"), True),)
