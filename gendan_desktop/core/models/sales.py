"""Quotations and PIs (报价单), samples (样品) and their dispatches, factories (工厂)."""

from __future__ import annotations

from peewee import (
    SQL,
    BooleanField,
    CharField,
    DateField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from ..fields import MoneyField, RateField
from .base import BaseModel, VersionedModel
from .clients import Client


class Quotation(VersionedModel):
    """报价单, and once turned into a document, 形式发票 (PI)."""

    number = CharField(max_length=40, unique=True)
    client = ForeignKeyField(Client, backref="quotations", on_delete="RESTRICT")
    date = DateField()
    currency = CharField(max_length=3, default="USD")
    exchange_rate = RateField(default=7)  # CNY per 1 unit of currency
    margin_pct = RateField(default=20)  # percent over total cost
    valid_until = DateField(null=True, index=True)
    status = CharField(max_length=20, default="draft", index=True)  # enums.QUOTATION_STATUSES
    pi_number = CharField(max_length=40, null=True, unique=True)
    pi_date = DateField(null=True)
    payment_terms = CharField(max_length=200, default="")
    trade_terms = CharField(max_length=40, default="FOB")  # FOB / CIF / EXW …
    notes = TextField(default="")
    # who looks after it (跟单员); a hand-over moves it (core/handover.py)
    merchandiser = CharField(max_length=100, default="", index=True, constraints=[SQL("DEFAULT ''")])


class QuotationItem(BaseModel):
    """One product of a quotation, with its cost lines in CNY per piece."""

    quotation = ForeignKeyField(Quotation, backref="items", on_delete="CASCADE")
    line_no = IntegerField(default=1)
    style = CharField(max_length=80, default="")
    product = CharField(max_length=200)
    description = TextField(default="")
    quantity = IntegerField(default=0)
    unit = CharField(max_length=20, default="pcs")
    cost_material = MoneyField()
    cost_processing = MoneyField()
    cost_accessories = MoneyField()
    cost_packing = MoneyField()
    cost_freight = MoneyField()
    cost_other = MoneyField()
    unit_price = MoneyField()  # in the quotation's currency


# ---------------------------------------------------------------- samples ---
class Sample(VersionedModel):
    """小样/打样: requested → made → sent → approved / rejected (批板)."""

    number = CharField(max_length=40, unique=True)
    client = ForeignKeyField(Client, backref="samples", on_delete="RESTRICT")
    quotation = ForeignKeyField(Quotation, null=True, backref="samples", on_delete="SET NULL")
    style = CharField(max_length=80, default="")
    product = CharField(max_length=200, default="")
    colour = CharField(max_length=80, default="")
    size = CharField(max_length=40, default="")
    quantity = IntegerField(default=1)
    description = TextField(default="")
    status = CharField(max_length=20, default="requested", index=True)  # enums.SAMPLE_STATUSES
    requested_date = DateField()
    due_date = DateField(null=True)
    made_date = DateField(null=True)
    sent_date = DateField(null=True)
    courier = CharField(max_length=80, default="")
    tracking_no = CharField(max_length=80, default="")
    decided_date = DateField(null=True)
    client_comments = TextField(default="")
    # who looks after it (跟单员); a hand-over moves it (core/handover.py)
    merchandiser = CharField(max_length=100, default="", index=True, constraints=[SQL("DEFAULT ''")])


class Dispatch(BaseModel):
    """目录/样品寄送登记: catalogues and samples sent to a client."""

    client = ForeignKeyField(Client, backref="dispatches", on_delete="CASCADE")
    date = DateField()
    kind = CharField(max_length=20)  # catalogue / sample / other
    items = TextField()
    quantity = IntegerField(default=1)
    courier = CharField(max_length=80, default="")
    tracking_no = CharField(max_length=80, default="", index=True)
    sample = ForeignKeyField(Sample, null=True, backref="dispatches", on_delete="SET NULL")
    notes = TextField(default="")




# -------------------------------------------------------------- factories ---
class Factory(VersionedModel):
    """Our own workshop, a subcontract factory (外协厂) or a backup (备选工厂)."""

    name = CharField(max_length=200, unique=True)
    kind = CharField(max_length=20, default="subcontract")  # own / subcontract / backup
    contact = CharField(max_length=100, default="")
    phone = CharField(max_length=80, default="")
    address = TextField(default="")
    capabilities = TextField(default="")  # processes/products it can take
    capacity_per_day = IntegerField(default=0)
    notes = TextField(default="")
    active = BooleanField(default=True)
