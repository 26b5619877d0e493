"""Routes, production sheets (生产单), flow cards (流程卡) and progress, materials, exceptions."""

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

from ..fields import RateField
from .base import BaseModel, VersionedModel, _now
from .orders import Order, OrderLine
from .sales import Factory


class RouteTemplate(BaseModel):
    """A process route for a product category (工艺路线)."""

    category = CharField(max_length=80, unique=True)
    name = CharField(max_length=100, default="")


class RouteTemplateStep(BaseModel):
    template = ForeignKeyField(RouteTemplate, backref="steps", on_delete="CASCADE")
    seq = IntegerField()
    name = CharField(max_length=80)
    days = IntegerField(default=1)  # planned lead time of the step


class IssuedDocument(VersionedModel):
    """Paper that goes to the floor: issued under an order revision, may be recalled.

    ``recalled_at`` set means the paper is void; the merchandiser then has to
    collect the ``printed_copies`` that left the app, copy by copy
    (``returned_copies``); ``returned_at`` is set when the last one is back.
    """

    revision = IntegerField(default=0)
    issued_at = DateTimeField(default=_now)
    printed_copies = IntegerField(default=0)
    returned_copies = IntegerField(default=0)
    last_printed_at = DateTimeField(null=True)
    recalled_at = DateTimeField(null=True, index=True)
    recall_reason = TextField(default="")
    returned_at = DateTimeField(null=True)


class ProductionSheet(IssuedDocument):
    """生产单 for one order revision."""

    number = CharField(max_length=40, unique=True)
    order = ForeignKeyField(Order, backref="production_sheets", on_delete="CASCADE")
    client_requirements = TextField(default="")
    packing = TextField(default="")
    carton_count = IntegerField(default=0)
    shipping_marks = TextField(default="")
    remarks = TextField(default="")


class FlowCard(IssuedDocument):
    """流程卡 for one batch; ``number`` is what the barcode carries."""

    number = CharField(max_length=40, unique=True)
    order = ForeignKeyField(Order, backref="flow_cards", on_delete="CASCADE")
    sheet = ForeignKeyField(ProductionSheet, null=True, backref="flow_cards", on_delete="SET NULL")
    order_line = ForeignKeyField(OrderLine, null=True, backref="flow_cards", on_delete="SET NULL")
    batch_no = IntegerField(default=1)
    style = CharField(max_length=80, default="")
    colour = CharField(max_length=80, default="")
    size = CharField(max_length=40, default="")
    quantity = IntegerField()
    factory = ForeignKeyField(Factory, null=True, backref="flow_cards", on_delete="SET NULL")
    planned_start = DateField(null=True)
    planned_finish = DateField(null=True)
    notes = TextField(default="")


class FlowCardStep(BaseModel):
    """One process step of a card; the sums of its progress reports."""

    card = ForeignKeyField(FlowCard, backref="steps", on_delete="CASCADE")
    seq = IntegerField()
    name = CharField(max_length=80)
    planned_date = DateField(null=True, index=True)  # the workbench reads the steps due per day
    qty_in = IntegerField(default=0)
    qty_good = IntegerField(default=0)
    qty_defect = IntegerField(default=0)
    qty_lost = IntegerField(default=0)  # put in but neither good nor defect, confirmed as missing
    finished_at = DateField(null=True)

    class Meta:
        indexes = ((("card", "seq"), True),)


class ProgressReport(BaseModel):
    """One entry of progress at a step (typed or scanned)."""

    step = ForeignKeyField(FlowCardStep, backref="reports", on_delete="CASCADE")
    date = DateField(index=True)
    qty_in = IntegerField(default=0)
    qty_good = IntegerField(default=0)
    qty_defect = IntegerField(default=0)
    qty_lost = IntegerField(default=0)  # the confirmed gap: qty in − good − defect
    operator = CharField(max_length=80, default="")
    inspector = CharField(max_length=80, default="")
    notes = TextField(default="")
    created_at = DateTimeField(default=_now)


class MaterialRequirement(VersionedModel):
    """备料: what an order needs of one material, and what is in stock."""

    order = ForeignKeyField(Order, backref="materials", on_delete="CASCADE")
    name = CharField(max_length=200)
    spec = CharField(max_length=200, default="")
    unit = CharField(max_length=20, default="m")
    consumption_per_piece = RateField(default=0)
    loss_rate_pct = RateField(default=0)
    in_stock = RateField(default=0)
    supplied_by_client = BooleanField(default=False)  # 加工单: client supplies it
    notes = TextField(default="")


class PurchaseFollowUp(VersionedModel):
    """采购跟单: material ordered from a supplier."""

    material = ForeignKeyField(MaterialRequirement, backref="purchases", on_delete="CASCADE")
    supplier = CharField(max_length=200)
    quantity = RateField(default=0)
    ordered_date = DateField()
    due_date = DateField(index=True)
    received_qty = RateField(default=0)
    received_date = DateField(null=True)
    notes = TextField(default="")


class ProductionException(VersionedModel):
    """生产异常: something that endangers the client's requirement or date."""

    order = ForeignKeyField(Order, backref="exceptions", on_delete="CASCADE")
    card = ForeignKeyField(FlowCard, null=True, backref="exceptions", on_delete="SET NULL")
    kind = CharField(max_length=20)  # enums.EXCEPTION_KINDS
    severity = CharField(max_length=20, default="medium")  # low/medium/high/critical
    description = TextField()
    reported_at = DateField()
    reported_by = CharField(max_length=100, default="")
    escalated_to = CharField(max_length=100, default="")
    escalated_at = DateField(null=True)
    resolution = TextField(default="")
    resolved_at = DateField(null=True)
    status = CharField(max_length=20, default="open", index=True)  # open/escalated/resolved
    # who looks after it (跟单员); a hand-over moves it (core/handover.py)
    merchandiser = CharField(max_length=100, default="", index=True, constraints=[SQL("DEFAULT ''")])
